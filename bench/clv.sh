#!/usr/bin/env bash
# Benchmark of the CLV recompute with model selection: generates a synthetic store (default 1,000,000 customers, ~9 orders
# each) in a SQLite file, starts redis-server on a free loopback port, runs `scores recompute` several times with the
# default settings (three purchase models, chosen by a back-test on a 90-day holdout, judged on a sample of 100,000
# calibration customers) and prints each run's phases, then the medians: end-to-end time, each phase (elapsed and CPU
# seconds), scoring and Redis throughput, peak memory.
# Usage: bench/clv.sh [CUSTOMERS] [RUNS]   (BENCH_DIR=/some/dir keeps the generated store there and reuses it)
# The first run after generating moves many customers' stages (the generator staged them without scores), and from the
# fourth run on each recompute deletes the oldest of the Scores:KeepSnapshots = 3 snapshots kept: both are in Saving.
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
  api scores recompute --as-of "$anchor" --timings | tail -6 | tee "$work/run$run.txt"
done

python3 - "$work" "$runs" "$customers" <<'PY'
import re, statistics, sys
work, runs, customers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for run in range(1, runs + 1):
    lines = open(f"{work}/run{run}.txt").read().splitlines()
    timings, summary = lines[-1], lines[-2]
    phase = {k: (float(s), float(c)) for k, s, c in re.findall(r"(\w+) ([\d.]+) s \(cpu ([\d.]+) s\)", timings)}
    row = dict(total=float(re.search(r"in ([\d.]+) s$", summary).group(1)),
               memory=float(re.search(r"peak memory ([\d,]+) MiB", timings).group(1).replace(",", "")),
               scored=int(re.search(r"Scored ([\d,]+) customers", summary).group(1).replace(",", "")),
               changes=int(re.search(r"([\d,]+) stage changes", summary).group(1).replace(",", "")),
               model=re.search(r"\): (\S+) r =", summary).group(1))
    for name, (elapsed, cpu) in phase.items():
        row[name], row[name + "Cpu"] = elapsed, cpu
    rows.append(row)
    print(f"run {run}: {row['total']:.1f} s, " + ", ".join(f"{n} {e:.1f} s (cpu {c:.1f})" for n, (e, c) in phase.items())
          + f"; {row['changes']:,} stage changes; {row['model']}; {row['memory']:,.0f} MiB")
median = {k: statistics.median(r[k] for r in rows) for k in rows[0] if k != "model"}
phases = ["ReadingOrders", "Fitting", "Scoring", "Saving", "Caching"]
print(f"\nMedians of {runs} runs, {customers:,} customers (model selection among BG/NBD, Pareto/NBD and MBG/NBD):")
print(f"  end-to-end recompute {median['total']:.1f} s: " + ", ".join(f"{p} {median[p]:.1f} s (cpu {median[p + 'Cpu']:.1f} s)" for p in phases))
print(f"  scoring {median['scored'] / max(median['Scoring'], 1e-9):,.0f} customers/s, Redis writes {median['scored'] / max(median['Caching'], 1e-9):,.0f} scores/s, "
      f"peak memory {median['memory']:,.0f} MiB")
PY
}

main "$@"; exit
