#!/usr/bin/env bash
# Server-side latency of 10 recommendations over a generated 10,000-item catalog (target: p99 under 10 ms).
# Generates and imports the store, trains the recommender, then times the personalize path and the ranking alone;
# prints median, p95 and p99. Usage: bench/recommendations.sh [ITEMS] [CUSTOMERS] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/RecommendationBench -- "$@"
