#!/usr/bin/env bash
# `scores recompute` on the UCI Online Retail log at every month-end of 2011, in sequence on one store (each recompute
# starting from the previous snapshot's fits), as docs/clv.md reports it: per month-end the customers scored, the rule
# and the model chosen, the winner's RMSE or BIC, the time and the stage changes. The log is imported with
# `import orders --preset online-retail` into a scratch SQLite file (from ../shared/data/online-retail by default).
# Usage: bench/clv-online-retail.sh [CSV]   (BENCH_DIR=/some/dir keeps the imported store and reuses it)
set -euo pipefail

main() {
cd "$(dirname "$0")/.."
source bench/common.sh
bench_setup online-retail.db
csv=${1:-}
[ -f "$work/online-retail.db" ] || api import orders --preset online-retail ${csv:+"$csv"} | tail -1
for month in 01-31 02-28 03-31 04-30 05-31 06-30 07-31 08-31 09-30 10-31 11-30; do
  api scores recompute --as-of "2011-$month" --timings > "$work/recompute-$month.txt" || true
done

python3 - "$work" <<'PY'
import glob, re, sys
print("| as of | customers | rule | chosen | RMSE / BIC | time | stage changes |")
print("|---|---|---|---|---|---|---|")
for path in sorted(glob.glob(f"{sys.argv[1]}/recompute-*.txt")):
    text = open(path).read()
    day = "2011-" + re.search(r"recompute-(\d\d-\d\d)", path).group(1)
    summary = re.search(r"Scored ([\d,]+) customers .*?\): (\S+) .*?chosen by (\w+)\).* ([\d,]+) stage changes.* in ([\d.]+) s", text)
    if not summary:
        print(f"| {day} | | failed | | | | |")
        continue
    customers, model, rule, changes, seconds = summary.groups()
    reason = [l for l in text.splitlines() if l.startswith(("Back-test", "No back-test"))][0]
    figure = re.search(r"lowest (RMSE per customer|BIC), ([\d.]+)", reason)
    why = "back-test" if rule == "Backtest" else "BIC (" + re.search(r"No back-test \((.*?)\)", reason).group(1) + ")"
    print(f"| {day} | {customers} | {why} | {model} | {figure.group(1).split()[0]} {figure.group(2)} | {float(seconds):.1f} s | {changes} |")
PY
}

main "$@"; exit
