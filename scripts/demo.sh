#!/usr/bin/env bash
# Demo on the product's own path: starts the moto AWS emulator on 127.0.0.1 and the portal
# (UI :3000, backend :7007) with app-config.demo.yaml, then creates the example environments of
# examples/demo/ the way a user would — the Create environment template through the scaffolder
# REST API, executor `local` applying them to moto — so every repository, cost.json, catalog
# entity and cloud resource comes from Terrace itself. Then it seeds only what no API can produce
# (Cost Explorer spend, one alarm forced into ALARM, one database's backups turned off).
# Needs Python 3 (moto, in .tools/py), and Terraform >= 1.5.7 or OpenTofu with the AWS provider:
# from the Terraform registry when this machine reaches it, else built from source with Go.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
yarn install --immutable

say() { echo "terrace demo: $*" >&2; }

# --- Terraform and the AWS provider -----------------------------------------------------------
if curl -sf --max-time 5 -o /dev/null https://registry.terraform.io/.well-known/terraform.json; then
  say "the Terraform registry answers: terraform init fetches the providers as usual"
else
  if ! ls .tools/go-bin/providers/aws-*/terraform-provider-aws_* >/dev/null 2>&1; then
    say "the Terraform registry is not reachable, so the AWS and random providers are built from"
    say "source with Go (tools/terraform-providers/install.sh). The AWS provider's FIRST build takes"
    say "about 36 min on two idle cores (an hour on a busy machine) and 12 GB of memory; later runs"
    say "reuse Go's build cache and take about a minute. OpenTofu is built too (about 5 min)."
  fi
  command -v go >/dev/null || { say "Go is needed to build the providers (https://go.dev/dl)"; exit 1; }
  eval "$(bash tools/terraform-providers/install.sh .tools)"
fi
if [ -n "${TERRACE_TERRAFORM_BIN:-}" ]; then
  binary="$TERRACE_TERRAFORM_BIN"
elif command -v terraform >/dev/null; then
  binary="$(command -v terraform)"
elif [ -n "${TERRACE_TOFU_BIN:-}" ]; then
  binary="$TERRACE_TOFU_BIN"
elif command -v tofu >/dev/null; then
  binary="$(command -v tofu)"
else
  say "neither terraform nor tofu was found; install Terraform >= 1.5.7 or run tools/terraform-providers/install.sh"
  exit 1
fi
export TERRACE_DEMO_TERRAFORM_BIN="$binary"
say "applying with $("$binary" version | head -1) ($binary)"

# --- moto ---------------------------------------------------------------------------------------
if [ ! -x .tools/py/bin/moto_server ]; then
  python3 -m venv .tools/py
  .tools/py/bin/pip install --quiet --disable-pip-version-check 'moto[server]==5.2.5' 'boto3==1.44.8' 'botocore==1.44.8'
fi
source scripts/moto-env.sh
terrace_start_moto
pids=()
[ -n "$TERRACE_MOTO_PID" ] && pids+=($TERRACE_MOTO_PID)
# each background job in its own process group, so stopping it stops its children too
set -m
trap 'for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done' EXIT

# moto accepts any keys; these dummy values only satisfy the SDK's default chain (the backend's
# status API reads them from the environment; Terraform runs read the profile file below, since
# the local executor passes no keys from the backend's environment on)
demo="$(mktemp -d "${TMPDIR:-/tmp}/terrace-demo.XXXXXX")"
printf '[default]\naws_access_key_id = moto\naws_secret_access_key = moto\n' >"$demo/aws-credentials"
export AWS_SHARED_CREDENTIALS_FILE="$demo/aws-credentials"
export AWS_ACCESS_KEY_ID=moto AWS_SECRET_ACCESS_KEY=moto AWS_REGION=us-east-1
export TERRACE_DEMO_REPOS="$demo/repos"

# --- the portal, then the environments through it ------------------------------------------------
yarn start --config "$PWD/app-config.yaml" --config "$PWD/app-config.demo.yaml" &
pids+=("$!")
node plugins/environments-backend/bin/demo examples/demo "$TERRACE_DEMO_REPOS" http://localhost:7007
say "the portal keeps running; stop it with Ctrl-C"
wait "${pids[-1]}"
