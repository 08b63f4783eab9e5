#!/usr/bin/env bash
# Builds the azurerm provider schema dumper used by the Azure generation checks into $1 (default:
# .tools/go-bin at the repo root) and prints the export line for TERRACE_AZURERM_SCHEMA_BIN. The Go
# module proxy supplies github.com/lonegunmanb/terraform-azurerm-schema/v4 at the version in go.mod
# (4.40.0, the newest the proxy serves: see the root README); go.sum pins its hash. The checksum
# database has no entry for that module, so a first `go get` needs GONOSUMDB=github.com/lonegunmanb;
# with go.sum committed, `go build` needs nothing more.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../../.tools/go-bin}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ ! -x "$out/azurerm-provider-schema" ] || [ "$here/go.mod" -nt "$out/azurerm-provider-schema" ]; then
  (cd "$here" && GONOSUMDB=github.com/lonegunmanb go build -o "$out/azurerm-provider-schema" .)
fi
echo "export TERRACE_AZURERM_SCHEMA_BIN=$out/azurerm-provider-schema"
