#!/usr/bin/env bash
# The customer cache on a loopback redis-server: 100,000 scores written as pipelined MSET batches against SET per key,
# and 1,000 customers read with one MGET. Prints medians and the ratio. Usage: bench/cache.sh [ROUNDS] [READS]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >/dev/null 2>&1 &
redis=$!
trap 'kill $redis 2>/dev/null' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
dotnet run -c Release --project bench/CacheBench -- "127.0.0.1:$port" "$@"
