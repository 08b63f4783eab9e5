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
source scripts/tools.sh || { echo "terrace: installing the test tools failed (see above)"; echo "0 passed, 1 failed"; exit 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; scripts/postgres.sh stop >/dev/null 2>&1; scripts/redis.sh stop >/dev/null 2>&1; }
trap cleanup EXIT

step "services: moto (AWS API emulator), PostgreSQL and Redis on 127.0.0.1"
source scripts/moto-env.sh
# A service that does not start is a failed test with its reason, never a silent skip.
if terrace_start_moto "$ART/moto.log"; then
  [ -n "$TERRACE_MOTO_PID" ] && PIDS+=($TERRACE_MOTO_PID)
else
  tail -20 "$ART/moto.log" >&2; count 0 1
fi
if pg_exports="$(scripts/postgres.sh start)"; then eval "$pg_exports"; else count 0 1; fi
# the production-config test's two backends share their cache in Redis
if redis_exports="$(scripts/redis.sh start)"; then eval "$redis_exports"; else count 0 1; fi

step "type check (yarn tsc)"
if yarn tsc; then count 1 0; else count 0 1; fi

step "lint (yarn lint:all)"
if yarn lint:all; then count 1 0; else count 0 1; fi

step "jest (every package, once)"
rm -f "$ART/jest.json"
yarn backstage-cli repo test --ci --json --outputFile="$ART/jest.json" </dev/null
if [ -f "$ART/jest.json" ]; then
  # every test that did not pass counts as failed: failed, skipped (pending), todo, and whole
  # suites that could not run
  read -r jp jf < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numTotalTests - r.numPassedTests + r.numRuntimeErrorTestSuites)' "$ART/jest.json")
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
  # node's summary: tests = pass + fail + cancelled + skipped + todo; all but pass count as failed
  et=$(grep -E '^# tests ' "$ART/e2e.tap" | awk '{print $3}')
  ep=$(grep -E '^# pass ' "$ART/e2e.tap" | awk '{print $3}')
  if [ -n "$et" ] && [ -n "$ep" ]; then
    echo "node --test: $ep passed, $((et - ep)) did not pass ($(grep -E '^# (fail|cancelled|skipped|todo) ' "$ART/e2e.tap" | sed 's/^# //' | paste -sd, -))"
    count "$ep" "$((et - ep))"
  else
    echo "node --test wrote no summary"; count 0 1
  fi
else
  tail -40 "$ART/app-build.log"; echo "app build failed"; count 0 1
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
