#!/usr/bin/env bash
# Demo: starts the moto AWS emulator on 127.0.0.1, seeds it with the example environments'
# resources, alarms, backups and costs, and starts the portal reading it
# (UI :3000, backend :7007). Needs Python 3 for moto (installed into .tools/py).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
yarn install --immutable
if [ ! -x .tools/py/bin/moto_server ]; then
  python3 -m venv .tools/py
  .tools/py/bin/pip install --quiet --disable-pip-version-check 'moto[server]'
fi
export TERRACE_MOTO_PORT="${TERRACE_MOTO_PORT:-5000}"
export TERRACE_MOTO_ENDPOINT="http://127.0.0.1:$TERRACE_MOTO_PORT"
# moto accepts any credentials; these dummy values only satisfy the SDK's default chain
export AWS_ACCESS_KEY_ID=moto AWS_SECRET_ACCESS_KEY=moto AWS_REGION=us-east-1
if ! curl -sf "$TERRACE_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1; then
  .tools/py/bin/moto_server -H 127.0.0.1 -p "$TERRACE_MOTO_PORT" >/dev/null 2>&1 &
  MOTO_PID=$!
  trap 'kill $MOTO_PID 2>/dev/null' EXIT
  for _ in $(seq 1 60); do curl -sf "$TERRACE_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1 && break; sleep 0.5; done
fi
node plugins/environments-backend/bin/seed-moto
yarn start --config "$PWD/app-config.yaml" --config "$PWD/app-config.demo.yaml"
