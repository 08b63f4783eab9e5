#!/usr/bin/env bash
# README command one: install and start the Terrace portal (UI :3000, backend :7007).
# Works on a machine with only Node and npm: Node 22 is brought from the npm registry when the
# machine's node is older (scripts/node-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
yarn install --immutable
exec yarn start "$@"
