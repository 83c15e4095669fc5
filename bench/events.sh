#!/usr/bin/env bash
# Webhook delivery throughput to a local receiver (target: 2,000 events/s): the real outbox and dispatcher, a Kestrel
# receiver on loopback. Prints events/s per run and the median. Usage: bench/events.sh [EVENTS] [CUSTOMERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/EventBench -- "$@"
