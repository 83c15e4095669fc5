#!/usr/bin/env bash
# The noise a random sample adds to the CLV back-test (Scores:BacktestSampleCustomers): on the synthetic store of
# bench/clv.sh (generated if BENCH_DIR has none), the recompute's back-test — calibration to 90 days before the anchor,
# holdout to the anchor — is run on every calibration customer, then on SEEDS random samples of each size. Prints, per
# size, each model's RMSE (mean and standard deviation over the samples), the spread of the RMSE differences between
# models, how often a sample chose the model every customer chose, and what a sample's choice cost: its model's RMSE on
# every customer minus the best model's.
# Usage: bench/clv-sample.sh [CUSTOMERS] [SEEDS] [SIZES]   (defaults 1000000, 20, "10000 25000 50000 100000 200000")
set -euo pipefail

main() {
cd "$(dirname "$0")/.."
customers=${1:-1000000}
seeds=${2:-20}
sizes=${3:-10000 25000 50000 100000 200000}
anchor=2026-11-01
calibration_end=$(python3 -c "import datetime; print(datetime.date.fromisoformat('$anchor') - datetime.timedelta(days=90))")

source bench/common.sh
bench_setup bench.db

[ -f "$work/bench.db" ] || api generate store --customers "$customers" --anchor "$anchor" | tail -1
evaluate() { api evaluate clv --calibration-end "$calibration_end" --holdout-end "$anchor" "$@" | grep '^seed '; }
evaluate --sample 100000000 --seed 0 > "$work/sample-all.txt"
cat "$work/sample-all.txt"
for size in $sizes; do
  evaluate --sample "$size" --seed "$(seq -s, 1 "$seeds")" > "$work/sample-$size.txt"
done

python3 - "$work" "$sizes" <<'PY'
import itertools, re, statistics, sys
work, sizes = sys.argv[1], sys.argv[2].split()
def parse(path):
    runs = []
    for line in open(path):
        rmse = {m: float(v) for m, v in re.findall(r"(\S+) RMSE ([\d.]+)", line)}
        runs.append((rmse, re.search(r"lowest (\S+)", line).group(1)))
    return runs
(full, best), = parse(f"{work}/sample-all.txt")
models = list(full)
print(f"Every calibration customer: " + ", ".join(f"{m} {full[m]:.4f}" for m in models) + f"; lowest {best}")
print("size     | RMSE mean ± sd per model | sd of RMSE differences | same choice | cost of the choice (mean, max)")
for size in sizes:
    runs = parse(f"{work}/sample-{size}.txt")
    spread = ", ".join(f"{m} {statistics.mean(r[m] for r, _ in runs):.4f} ± {statistics.stdev(r[m] for r, _ in runs):.4f}" for m in models)
    pairs = ", ".join(f"{a}−{b} {statistics.stdev(r[a] - r[b] for r, _ in runs):.4f}" for a, b in itertools.combinations(models, 2))
    cost = [full[c] - full[best] for _, c in runs]
    same = sum(c == best for _, c in runs)
    print(f"{int(size):>8,} | {spread} | {pairs} | {same}/{len(runs)} | {statistics.mean(cost):.5f}, {max(cost):.5f}")
PY
}

main "$@"; exit
