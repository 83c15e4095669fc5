# The set-up the benchmarks share, sourced by run.sh, offers.sh and clv.sh (source reads the whole file before running
# it). bench_setup installs the Debian packages a benchmark needs if missing, builds the service in Release, keeps the
# files in $work (BENCH_DIR, else a temporary directory removed at exit) and runs redis-server on a free loopback port;
# api runs a command of the service against $db and that Redis; start_service serves it on a free loopback port.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# bench_setup DATABASE_FILE_NAME [TOOL...]   sets work, db, redis_port and settings (the service's)
bench_setup() {
  local database=$1 tool
  shift
  for tool in redis-server "$@"; do
    command -v "$tool" >/dev/null && continue
    echo "installing $tool (Debian package)"
    # A fresh machine has no package lists yet.
    apt-get install -y -qq "$tool" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
  done
  echo "building (Release)"
  dotnet build src/Personalize.Api -c Release -v quiet -nologo >/dev/null
  work=${BENCH_DIR:-$(mktemp -d)}
  mkdir -p "$work"
  db="$work/$database"
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
  redis=$!
  # Production requires a privacy secret; a benchmark's data is thrown away, so a fresh one per run will do.
  settings=("--ConnectionStrings:Personalize=Data Source=$db" "--ConnectionStrings:Redis=127.0.0.1:$redis_port"
            --Seed:Demo=false --Logging:LogLevel:Default=Warning
            "--Privacy:Secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')")
  service=
  trap 'stop_service; kill $redis 2>/dev/null; [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"' EXIT
}

service_dll=src/Personalize.Api/bin/Release/net10.0/Personalize.Api.dll

api() { dotnet "$service_dll" "$@" "${settings[@]}"; }

# start_service [SETTING...]: the service as in production (keys required) on a free loopback port; sets api_port,
# service (its pid) and BENCH_API_KEY, a new key with the scopes of all three callers. The per-key rate limit is off, so
# that a benchmark measures the service, not the limiter's budget.
start_service() {
  BENCH_API_KEY=$(api keys create --name "bench-$(date +%s%N)" --scopes storefront,email,admin 2>/dev/null)
  export BENCH_API_KEY
  api_port=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" dotnet "$service_dll" serve "${settings[@]}" --RateLimit:Permits=0 "$@" >"$work/service.log" 2>&1 &
  service=$!
  for _ in $(seq 120); do curl -sf "127.0.0.1:$api_port/readyz" >/dev/null && return; sleep 1; done
  echo "the service did not start:" >&2; tail -20 "$work/service.log" >&2; exit 1
}

stop_service() {
  [ -n "${service:-}" ] || return 0
  kill "$service" 2>/dev/null; wait "$service" 2>/dev/null || true
  service=
}
