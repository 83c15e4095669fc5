#!/usr/bin/env bash
# Benchmark of CLV scoring: generates a synthetic store (default 1,000,000 customers, ~9 orders each) in a temp
# SQLite file, starts redis-server on a free loopback port, runs `scores recompute` several times and prints, per run
# and as medians: fit time, scoring throughput, Redis write throughput, end-to-end recompute time and peak memory.
# Usage: bench/clv.sh [CUSTOMERS] [RUNS]   (BENCH_DIR=/some/dir keeps the generated store there and reuses it)
set -euo pipefail

# The whole script is one function, read before it runs: a child process that moves the shared file offset
# cannot make bash re-read lines (seen here: a recompute run followed by the generate line again).
main() {
cd "$(dirname "$0")/.."
customers=${1:-1000000}
runs=${2:-3}
anchor=2026-11-01

source bench/common.sh
bench_setup bench.db

[ -f "$work/bench.db" ] || api generate store --customers "$customers" --anchor "$anchor" | tail -1
echo "database: $(du -h "$work/bench.db" | cut -f1)"
for run in $(seq "$runs"); do
  api scores recompute --as-of "$anchor" --timings | tail -2 | tee "$work/run$run.txt"
done

python3 - "$work" "$runs" "$customers" <<'PY'
import re, statistics, sys
work, runs, customers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for run in range(1, runs + 1):
    text = open(f"{work}/run{run}.txt").read()
    phase = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+) s", text.splitlines()[-1])}
    total = float(re.search(r"in ([\d.]+) s$", text.splitlines()[0]).group(1))
    scored = int(re.search(r"Scored ([\d,]+) customers", text).group(1).replace(",", ""))
    memory = float(re.search(r"peak memory ([\d,]+) MiB", text).group(1).replace(",", ""))
    rows.append(dict(total=total, read=phase["ReadingOrders"], fit=phase["Fitting"], score=scored / max(phase["Scoring"], 1e-9),
                     save=phase["Saving"], cache=scored / max(phase["Caching"], 1e-9), memory=memory))
median = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
print(f"\nMedians of {runs} runs, {customers:,} customers:")
print(f"  end-to-end recompute {median['total']:.1f} s (read orders {median['read']:.1f} s, fit {median['fit']:.2f} s, save {median['save']:.1f} s)")
print(f"  scoring {median['score']:,.0f} customers/s, Redis writes {median['cache']:,.0f} scores/s, peak memory {median['memory']:,.0f} MiB")
PY
}

main "$@"; exit
