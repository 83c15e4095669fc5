#!/usr/bin/env bash
# Benchmark of offer decisioning for the email builder: seeds the demo store (5,000 customers) once, starts
# redis-server and the API (Release) on free loopback ports, and pages through every customer with the send-page query
# (offers for EMAIL, first: 3, and loyalty), PAGE customers a page. Pass 1 decides and assigns (one INSERT a page);
# pass 2 asks again and gets the held assignments. Each run starts from a fresh copy of the seeded database.
# Prints customers/s per pass and run, and the medians.
# Usage: bench/offers.sh [PAGE] [RUNS]   (BENCH_DIR=/some/dir keeps the seeded store there and reuses it)
set -euo pipefail

# The whole script is one function, read before it runs (see bench/clv.sh).
main() {
cd "$(dirname "$0")/.."
page=${1:-1000}
runs=${2:-3}

command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install redis-server" >&2; exit 1; }
dotnet build src/Personalize.Api -c Release -v quiet -nologo >/dev/null
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
redis=$!
server=""
trap 'kill $redis 2>/dev/null; [ -z "$server" ] || kill $server 2>/dev/null; [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"' EXIT

api() {
  dotnet src/Personalize.Api/bin/Release/net10.0/Personalize.Api.dll "$@" \
    "--ConnectionStrings:Personalize=Data Source=$work/bench.db" "--ConnectionStrings:Redis=127.0.0.1:$redis_port" \
    --Seed:Demo=false --Logging:LogLevel:Default=Warning
}

if [ ! -f "$work/seeded.db" ]; then
  rm -f "$work/bench.db"
  api seed | tail -1
  cp "$work/bench.db" "$work/seeded.db"
fi

for run in $(seq "$runs"); do
  cp "$work/seeded.db" "$work/bench.db"
  rm -f "$work/bench.db-wal" "$work/bench.db-shm"
  port=$(free_port)
  # exec: the background job becomes the server itself, so $! is the process to stop.
  (export ASPNETCORE_URLS="http://127.0.0.1:$port"; exec dotnet src/Personalize.Api/bin/Release/net10.0/Personalize.Api.dll serve \
    "--ConnectionStrings:Personalize=Data Source=$work/bench.db" "--ConnectionStrings:Redis=127.0.0.1:$redis_port" \
    --Seed:Demo=false --Logging:LogLevel:Default=Warning) >"$work/server.log" 2>&1 &
  server=$!
  python3 - "$port" "$page" "$work/run$run.txt" <<'PY'
import json, sys, time, urllib.request
port, page, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
url = f"http://127.0.0.1:{port}/graphql"
query = """query SendPage($first: Int!, $after: String) {
  customers(first: $first, after: $after, order: [{ id: ASC }]) {
    pageInfo { hasNextPage endCursor }
    nodes { id offers(channel: EMAIL, first: 3) { code offer { id title rewardType rewardValue } } loyalty { points tier } } } }"""
def post(variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, body, {"Content-Type": "application/json"}), timeout=300) as r:
        result = json.load(r)
    if "errors" in result: raise SystemExit(result["errors"])
    return result["data"]["customers"]
for _ in range(300):
    try: urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1); break
    except Exception: time.sleep(0.2)
post({"first": 1})  # warm-up: JIT, connection pool, model lookup (assigns the first customer's offers)
lines = []
for name in ("decide and assign", "held assignments"):
    after, customers, offers, pages, start = None, 0, 0, 0, time.perf_counter()
    while True:
        result = post({"first": page, "after": after})
        customers += len(result["nodes"]); offers += sum(len(n["offers"]) for n in result["nodes"]); pages += 1
        if not result["pageInfo"]["hasNextPage"]: break
        after = result["pageInfo"]["endCursor"]
    seconds = time.perf_counter() - start
    lines.append(f"{name}: {customers} customers in {pages} pages of {page}, {offers} offers, {seconds:.2f} s, {customers / seconds:.0f} customers/s")
    print("  " + lines[-1])
open(out, "w").write("\n".join(lines) + "\n")
PY
  kill $server; wait $server 2>/dev/null || true; server=""
done

python3 - "$work" "$runs" <<'PY'
import re, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
passes = {}
for run in range(1, runs + 1):
    for line in open(f"{work}/run{run}.txt"):
        name, rate = line.split(":")[0], float(re.search(r"(\d+) customers/s", line).group(1))
        passes.setdefault(name, []).append(rate)
print(f"\nMedians of {runs} runs: " + ", ".join(f"{name} {statistics.median(r):,.0f} customers/s" for name, r in passes.items()))
PY
}

main "$@"; exit
