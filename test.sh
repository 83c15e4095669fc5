#!/usr/bin/env bash
# Runs the test suite, first installing what the tests need when it is missing:
# redis-server and chromium from Debian's packages, the npm packages of the HTTP audit, the .NET tools (dotnet-ef,
# CSharpier, which checks the code's layout first).
# The suite runs twice: as configured by default, then with SQLite's prepared-statement cache off
# (Database:PreparedStatements=false), the fallback should that cache, built on EF Core internals, ever misbehave.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} from Debian's packages..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -d tests/http-audit/node_modules ] || npm ci --prefix tests/http-audit --no-audit --no-fund

dotnet tool restore >/dev/null
status=0
# The layout is CSharpier's (.csharpierrc.yaml); `dotnet csharpier format .` mends what this reports.
dotnet csharpier check . || { echo "Some files are not formatted: run dotnet csharpier format ."; status=1; }
log=$(mktemp)
dotnet test Personalize.sln "$@" 2>&1 | tee "$log" || status=$?
echo "The suite again with Database:PreparedStatements=false:"
Database__PreparedStatements=false dotnet test Personalize.sln --no-build "$@" 2>&1 | tee -a "$log" || status=$?
# One closing line that any CI reads: "N passed, N failed".
sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\2 \1 \3/p' "$log" |
  awk '{ p += $1; f += $2; s += $3 } END { if (NR) printf "%d passed, %d failed, %d skipped\n", p, f, s }'
rm -f "$log"
exit "$status"
