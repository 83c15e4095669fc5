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

source bench/common.sh
bench_setup bench.db

if [ ! -f "$work/seeded.db" ]; then
  rm -f "$work/bench.db"
  api seed | tail -1
  cp "$work/bench.db" "$work/seeded.db"
fi

for run in $(seq "$runs"); do
  cp "$work/seeded.db" "$work/bench.db"
  rm -f "$work/bench.db-wal" "$work/bench.db-shm"
  start_service
  python3 - "$api_port" "$page" "$work/run$run.txt" <<'PY'
import json, os, sys, time, urllib.request
port, page, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
url = f"http://127.0.0.1:{port}/graphql"
query = """query SendPage($first: Int!, $after: String) {
  customers(first: $first, after: $after, order: [{ id: ASC }]) {
    pageInfo { hasNextPage endCursor }
    nodes { id offers(channel: EMAIL, first: 3) { code offer { id title rewardType rewardValue } } loyalty { points tier } } } }"""
def post(variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    headers = {"Content-Type": "application/json", "X-Api-Key": os.environ["BENCH_API_KEY"]}
    with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=300) as r:
        result = json.load(r)
    if "errors" in result: raise SystemExit(result["errors"])
    return result["data"]["customers"]
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
  stop_service
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
