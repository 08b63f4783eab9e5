#!/usr/bin/env bash
# Builds the AWS provider schema dumper used by the generation tests into $1 (default: .tools/go-bin
# at the repo root) and prints the export line for TERRACE_AWS_SCHEMA_BIN. The Go module proxy
# supplies github.com/lonegunmanb/terraform-aws-schema/v6 at the version in go.mod (= the AWS
# provider version the generated Terraform is checked against); go.sum pins its hash.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../../.tools/go-bin}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ ! -x "$out/aws-provider-schema" ] || [ "$here/go.mod" -nt "$out/aws-provider-schema" ]; then
  (cd "$here" && go build -o "$out/aws-provider-schema" .)
fi
echo "export TERRACE_AWS_SCHEMA_BIN=$out/aws-provider-schema"
