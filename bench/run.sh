#!/usr/bin/env bash
# HTTP benchmark of the service. Builds in Release, seeds a demo store of N customers (default 100,000) into a SQLite
# file, scores it, starts redis-server and the service on 127.0.0.1 (with the benchmark's ceiling endpoint), then
# drives it with wrk at fixed concurrency, bounded in time, several runs per scenario:
#   ceiling     POST /bench/ceiling: Kestrel alone, a pre-serialized body as large as the storefront's answer
#   storefront  the storefront's personalization query for random customers (and again at half that rate, paced;
#               and for 2,000 returning visitors, whose offers are already assigned; and with webhook delivery off and
#               on in turn, a loopback receiver taking every event the visits cause)
#   email       the email builder's batch: pages of 1,000 customers at random cursors
#   writes      trackInteraction with unique idempotency keys; afterwards every accepted write is looked up in the database
# and prints, per scenario, the medians of requests/s, p50/p95/p99 latency and errors, the storefront/ceiling ratio
# and the service's peak memory.
# Usage: bench/run.sh [--customers N] [--duration SECONDS] [--runs N] [--connections N] [--reuse]
#        BENCH_DIR=/some/dir keeps the seeded store there and reuses it; --reuse also skips scoring and training it
#        again (the seed scored and trained it as of the same date; a later run would only redo that work).
set -euo pipefail

# The whole script is one function, read before it runs (see bench/clv.sh).
main() {
cd "$(dirname "$0")/.."
customers=100000 duration=15 runs=3 connections=16 prepare=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) customers=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --reuse) prepare=no; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
anchor=2026-11-01

source bench/common.sh
bench_setup "store-$customers.db" wrk

if [ ! -f "$db" ]; then
  echo "seeding a demo store of $customers customers into $db"
  api seed --Seed:Customers="$customers" --Seed:AnchorDate="$anchor" | tail -1
fi
if [ "$prepare" = yes ]; then
  echo "scoring"
  api scores recompute --as-of "$anchor" | tail -1
  echo "training the recommender"
  api recommender train --as-of "$anchor" | tail -1
fi

# Random visitors read pages from all over the file: from the page cache when it holds them, else from disk. A fresh
# seed leaves the file cached, a store kept since then may not be; reading it once makes runs comparable.
echo "reading the store into the page cache"
cat "$db"* >/dev/null
start_service --Benchmark:CeilingEndpoint=true

python3 bench/prepare.py "$work" "$api_port" "$customers"

run_wrk() {  # name body connections [rate] [path] [customers to pick from]
  local name=$1 body=$2 conns=$3 rate=${4:-0} path=${5:-/graphql} pick=${6:-$customers}
  for run in $(seq "$runs"); do
    BODY_FILE="$body" CUSTOMERS="$pick" RATE="$rate" CONNECTIONS="$conns" REQUEST_PATH="$path" CURSORS_FILE="$work/cursors.txt" \
      wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s -s bench/wrk/graphql.lua "http://127.0.0.1:$api_port" | tail -1 \
      | tee -a "$work/results.jsonl" | sed "s/^/  $name run $run: /" >&2
    sed -i "\$s/^{/{\"scenario\":\"$name\",/" "$work/results.jsonl"
  done
}

: >"$work/results.jsonl"
# Long enough for the JIT's second tier: the figures are of the steady state. Webhook delivery runs during the warm-up
# too (to an endpoint disabled after it), so that its code is as warm as the storefront's when it is measured.
echo "warming up"
receiver_port=$(free_port)
python3 bench/receiver.py "$receiver_port" &
receiver=$!
warmup_endpoint=$(python3 bench/prepare.py --webhook "$api_port" "http://127.0.0.1:$receiver_port/hooks")
BODY_FILE="$work/storefront.json" CUSTOMERS="$customers" wrk -t2 -c"$connections" -d20s -s bench/wrk/graphql.lua "http://127.0.0.1:$api_port" >/dev/null
python3 bench/prepare.py --webhook-enabled "$api_port" "$warmup_endpoint" false
BODY_FILE="$work/email.json" CUSTOMERS="$customers" CURSORS_FILE="$work/cursors.txt" wrk -t2 -c4 -d5s -s bench/wrk/graphql.lua "http://127.0.0.1:$api_port" >/dev/null

echo "ceiling ($(cat "$work/storefront.bytes") bytes per response)"
run_wrk ceiling "$work/storefront.json" "$connections" 0 "/bench/ceiling?bytes=$(cat "$work/storefront.bytes")"
echo "storefront"
run_wrk storefront "$work/storefront.json" "$connections"
half=$(python3 -c "import json,statistics,sys; r=[json.loads(l) for l in open(sys.argv[1]) if '\"storefront\"' in l]; print(int(statistics.median(x['rps'] for x in r) / 2))" "$work/results.jsonl")
echo "storefront at half that rate ($half requests/s)"
run_wrk storefront-half "$work/storefront.json" "$connections" "$half"
echo "storefront, returning visitors (2,000 customers who already hold their offers)"
run_wrk storefront-returning "$work/storefront.json" "$connections" 0 /graphql 2000
echo "storefront with webhook delivery off and on in turn (the visits' offer assignments are events; a receiver takes all)"
endpoint=$(python3 bench/prepare.py --webhook "$api_port" "http://127.0.0.1:$receiver_port/hooks")
for run in $(seq "$runs"); do
  python3 bench/prepare.py --webhook-enabled "$api_port" "$endpoint" false
  runs=1 run_wrk storefront-quiet "$work/storefront.json" "$connections"
  python3 bench/prepare.py --webhook-enabled "$api_port" "$endpoint" true
  delivered=$(curl -s "127.0.0.1:$receiver_port/count")
  runs=1 run_wrk storefront-delivering "$work/storefront.json" "$connections"
  echo "  webhooks delivered during that run: $(( $(curl -s "127.0.0.1:$receiver_port/count") - delivered ))" >&2
done
python3 bench/prepare.py --webhook-enabled "$api_port" "$endpoint" false
kill "$receiver"
echo "email batch (pages of 1,000 customers)"
run_wrk email "$work/email.json" 4
echo "writes"
before=$(python3 bench/prepare.py --count-writes "$db")
run_wrk writes "$work/writes.json" "$connections"
sleep 1
after=$(python3 bench/prepare.py --count-writes "$db")

peak=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$service/status")
python3 bench/prepare.py --report "$work/results.jsonl" "$((after - before))" "$peak" "$customers" "$connections" "$duration" "$runs"
}

main "$@"; exit
