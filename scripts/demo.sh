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
# moto accepts any credentials; these dummy values only satisfy the SDK's default chain
export AWS_ACCESS_KEY_ID=moto AWS_SECRET_ACCESS_KEY=moto AWS_REGION=us-east-1
source scripts/moto-env.sh
terrace_start_moto
[ -n "$TERRACE_MOTO_PID" ] && trap 'kill $TERRACE_MOTO_PID 2>/dev/null' EXIT
node plugins/environments-backend/bin/seed-moto
yarn start --config "$PWD/app-config.yaml" --config "$PWD/app-config.demo.yaml"
