#!/usr/bin/env bash
# Time and memory of `recommender train` (selection on the held-out window, refit of the winner, every customer's
# candidate list, saved and cached in Redis) on a generated store: CUSTOMERS buyers of the CLV generator (~9 orders
# each) and a catalogue of ITEMS with ~50 interactions a customer (`generate store --items`, process in
# docs/benchmarks.md). Prints the selection table, the time of each phase, the total and the peak resident memory of
# the training process (and the processor time it used on every core: on a busy machine the elapsed time says more about
# the load than the code), and with RUNS > 1 the medians. Targets: 100,000 × 10,000 within 10 minutes and 2 GiB.
# Usage: bench/recommender-train.sh [CUSTOMERS] [ITEMS] [RUNS]   (BENCH_DIR=/some/dir keeps the store and reuses it)
set -euo pipefail

# One function, read whole before it runs (see clv.sh).
main() {
cd "$(dirname "$0")/.."
customers=${1:-100000}
items=${2:-10000}
runs=${3:-1}
anchor=2026-11-01

source bench/common.sh
bench_setup "recommender-$customers-$items.db"

[ -f "$db" ] || api generate store --customers "$customers" --items "$items" --anchor "$anchor" | grep '^Generated'
echo "database: $(du -h "$db" | cut -f1)"
for run in $(seq "$runs"); do
  api recommender train --as-of "$anchor" | tee "$work/run$run.txt"
done

python3 - "$work" "$runs" "$customers" "$items" <<'PY'
import re, statistics, sys
work, runs, customers, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = []
for run in range(1, runs + 1):
    text = open(f"{work}/run{run}.txt").read()
    phases = re.search(r"^Phases: (.*); processor time ([\d.]+) s; peak memory ([\d,]+) MiB", text, re.M)
    row = {name: float(s) for name, s in re.findall(r"([a-z][a-z -]*?) ([\d.]+) s(?:,|$)", phases.group(1))}
    row["total"] = float(re.search(r"; ([\d.]+) s in all", text).group(1))
    row["processor time"] = float(phases.group(2))
    row["peak MiB"] = float(phases.group(3).replace(",", ""))
    rows.append(row)
print(f"\n{'Median of ' + str(runs) + ' runs' if runs > 1 else 'One run'}, {customers:,} customers x {items:,} items:")
for key in rows[0]:
    print(f"  {key}: {statistics.median(r[key] for r in rows):,.1f}" + ("" if key == "peak MiB" else " s"))
total, memory = statistics.median(r["total"] for r in rows), statistics.median(r["peak MiB"] for r in rows)
print(f"  total / 600 s target: {total / 600:.2f}; peak / 2,048 MiB target: {memory / 2048:.2f}")
PY
}
main "$@"
