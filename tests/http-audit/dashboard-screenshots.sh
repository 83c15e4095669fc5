#!/usr/bin/env bash
# Takes the screenshots in docs/images/ (one per dashboard view): seeds the demo store anchored at 2026-11-01 into a
# temporary folder, serves it on a free loopback port (Development: local calls without a key act as admin), opens
# /dashboard/ in headless Chromium (browse-dashboard.mjs) and writes docs/images/dashboard-VIEW.png.
# Usage: tests/http-audit/dashboard-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d tests/http-audit/node_modules ] || npm ci --prefix tests/http-audit --no-audit --no-fund
dotnet build src/Personalize.Api -v quiet -nologo >/dev/null
work=$(mktemp -d)
service=
trap '[ -n "$service" ] && kill "$service" 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASPNETCORE_ENVIRONMENT=Development
settings=("--ConnectionStrings:Personalize=Data Source=$work/demo.db" --Seed:AnchorDate=2026-11-01 --Logging:LogLevel:Default=Warning)
dll=src/Personalize.Api/bin/Debug/net10.0/Personalize.Api.dll
echo "seeding the demo store"
dotnet "$dll" seed "${settings[@]}" | tail -1
ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" serve "${settings[@]}" --Seed:Demo=false --GraphQL:ExecutionTimeoutMs=120000 >"$work/service.log" 2>&1 &
service=$!
for _ in $(seq 120); do curl -sf "127.0.0.1:$port/readyz" >/dev/null && break; sleep 1; done
mkdir -p docs/images
node tests/http-audit/browse-dashboard.mjs "http://127.0.0.1:$port/dashboard/" "$work/shots" | python3 -c '
import json, sys
report = json.load(sys.stdin)
states = {view: v["state"] for view, v in report["views"].items()}
print("views:", states, "console errors:", len(report["consoleErrors"]), "other hosts:", len(report["externalRequests"]))
sys.exit(0 if report["ready"] and all(s == "ready" for s in states.values()) else 1)'
cp "$work"/shots/dashboard-*.png docs/images/
echo "wrote $(ls "$work"/shots/dashboard-*.png | wc -l) screenshots to docs/images/"
