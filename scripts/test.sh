#!/usr/bin/env bash
# README command two: install everything and run every test once (type check, lint, jest suites,
# browser and production-config tests). Last line: "N passed, N failed" summed over every runner.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
ART="$TERRACE_ROOT/artifacts"
mkdir -p "$ART"
passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
step() { echo; echo "==> $*"; }

step "install"
yarn install --immutable || { echo "0 passed, 1 failed"; exit 1; }
source scripts/tools.sh || { echo "0 passed, 1 failed"; exit 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; scripts/postgres.sh stop >/dev/null 2>&1; }
trap cleanup EXIT

step "services: moto (AWS API emulator) and PostgreSQL on 127.0.0.1"
source scripts/moto-env.sh
terrace_start_moto "$ART/moto.log"
[ -n "$TERRACE_MOTO_PID" ] && PIDS+=("$TERRACE_MOTO_PID")
eval "$(scripts/postgres.sh start)"

step "type check (yarn tsc)"
if yarn tsc; then count 1 0; else count 0 1; fi

step "lint (yarn lint:all)"
if yarn lint:all; then count 1 0; else count 0 1; fi

step "jest (every package, once)"
rm -f "$ART/jest.json"
yarn backstage-cli repo test --ci --json --outputFile="$ART/jest.json" </dev/null
if [ -f "$ART/jest.json" ]; then
  read -r jp jf < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$ART/jest.json")
  echo "jest: $jp passed, $jf failed"
  count "$jp" "$jf"
else
  echo "jest wrote no report"; count 0 1
fi

step "build the portal for the browser tests"
if yarn workspace app build >"$ART/app-build.log" 2>&1; then
  step "browser and production-config tests (node --test, Chromium via playwright-core)"
  node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$ART/e2e.tap" "e2e/*.test.mjs"
  ep=$(grep -E '^# pass ' "$ART/e2e.tap" | awk '{print $3}')
  ef=$(grep -E '^# fail ' "$ART/e2e.tap" | awk '{print $3}')
  count "${ep:-0}" "${ef:-1}"
else
  tail -40 "$ART/app-build.log"; echo "app build failed"; count 0 1
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
