#!/usr/bin/env bash
# Runs the test suite, first installing what the tests need when it is missing:
# redis-server and chromium from Debian's packages, the npm packages of the HTTP audit, the .NET tools.
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
dotnet test Personalize.sln "$@"
