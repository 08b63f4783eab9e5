#!/usr/bin/env bash
# Builds the google provider schema dumper used by the GCP generation checks into $1 (default:
# .tools/go-bin at the repo root) and prints the export line for TERRACE_GOOGLE_SCHEMA_BIN. The Go
# module proxy supplies github.com/lonegunmanb/terraform-google-schema/v6 at the version in go.mod
# (6.30.0: the newest v6 the proxy serves whole; v7 is not served); go.sum pins its hash. The
# checksum database has no entry for that module, so a first `go get` needs
# GONOSUMDB=github.com/lonegunmanb; with go.sum committed, `go build` needs nothing more.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../../.tools/go-bin}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ ! -x "$out/google-provider-schema" ] || [ "$here/go.mod" -nt "$out/google-provider-schema" ]; then
  (cd "$here" && GONOSUMDB=github.com/lonegunmanb go build -o "$out/google-provider-schema" .)
fi
echo "export TERRACE_GOOGLE_SCHEMA_BIN=$out/google-provider-schema"
