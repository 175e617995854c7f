#!/usr/bin/env bash
# Every test: type check, build (some tests run the built processes), then unit,
# integration, end-to-end and browser tests in one jest run against the machine's real Postgres
# and Redis. Each test file makes its own database and queue prefix and removes them.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
bash scripts/ensure-services.sh
bash scripts/ensure-chromium.sh
echo "== type check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json
echo "== build"
npm run build --silent
echo "== tests"
npx jest --ci "$@"
