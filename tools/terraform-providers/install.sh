#!/usr/bin/env bash
# Builds, from source with Go, the Terraform providers and the second Terraform binary the tests
# run, and lays the providers out as a filesystem mirror so that `terraform init` / `tofu init`
# work with no registry reachable. Prints the export lines to eval:
#   TF_CLI_CONFIG_FILE     a CLI config whose only provider source is the mirror (also read by tofu)
#   TERRACE_TOFU_BIN       OpenTofu, built from its module at the version below
#   TERRACE_PROVIDER_MIRROR  the mirror directory
#
#   bash tools/terraform-providers/install.sh [tools-dir]     (default: .tools at the repo root)
#
# The Go module proxy serves the providers' main branches as pseudo-versions; each is pinned below
# with the release version its own CHANGELOG declares, which is the version the mirror offers (the
# generated versions.tf constraints admit it). Builds use Go's own build cache (`go env GOCACHE`):
# the first build of the AWS provider compiles several thousand packages (about 36 min of two idle
# cores, 12 GB of memory at peak); a later one only links (about a minute).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="${1:-$here/../../.tools}"
mkdir -p "$tools"
tools="$(cd "$tools" && pwd)"
mirror="$tools/terraform-providers"
bin="$tools/go-bin"
mkdir -p "$mirror" "$bin"
# One build at a time per tools folder: a second caller waits for the first instead of compiling
# the same packages again beside it.
exec 9>"$tools/.providers.lock"
flock -n 9 || { echo "terrace: another provider build is running in $tools; waiting for it" >&2; flock 9; }

# name | Go module as the proxy serves it | pseudo-version | version declared by its CHANGELOG
PROVIDERS=(
  "aws|github.com/hashicorp/terraform-provider-aws|v1.60.1-0.20260602190131-5f2286d6d836|6.48.0"
  "random|github.com/hashicorp/terraform-provider-random|v1.3.2-0.20260824155315-e1092b0cfc07|3.9.0"
)
TOFU_MODULE="github.com/opentofu/opentofu"
TOFU_VERSION="v1.12.6"
# Terraform and OpenTofu resolve `hashicorp/<name>` under their own default registry hosts; the
# mirror serves the same binaries under both.
HOSTS=(registry.terraform.io registry.opentofu.org)
PLATFORM="$(go env GOOS)_$(go env GOARCH)"
export GOFLAGS="${GOFLAGS:-} -trimpath"

say() { echo "terrace: $*" >&2; }
module_dir() { go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }

for entry in "${PROVIDERS[@]}"; do
  IFS='|' read -r name module pseudo version <<<"$entry"
  exe="terraform-provider-${name}_v${version}"
  built="$bin/providers/$name-$pseudo/$exe"
  if [ ! -x "$built" ]; then
    mkdir -p "$(dirname "$built")"
    start=$SECONDS
    note=""
    [ "$name" = aws ] && note="; its first build takes about 36 min of two idle cores (12 GB of memory), later builds reuse Go's build cache and take about a minute"
    say "building $module@$pseudo (provider $name $version) with Go$note"
    ldflags="-s -w -X $module/version.ProviderVersion=$version"
    dir="$(module_dir "$module" "$pseudo")"
    [ -n "$dir" ] || { say "could not download $module@$pseudo from the Go module proxy"; exit 1; }
    if grep -q "^module $module\$" "$dir/go.mod"; then
      GOBIN="$(dirname "$built")" go install -ldflags "$ldflags" "$module@$pseudo"
      mv "$(dirname "$built")/terraform-provider-$name" "$built"
    else
      # The random provider's go.mod still names its old module path, so `go install <hashicorp
      # path>@<version>` refuses it: build it inside its own module directory instead.
      (cd "$dir" && go build -ldflags "$ldflags" -o "$built.tmp" .)
      mv "$built.tmp" "$built"
    fi
    say "built provider $name $version in $((SECONDS - start)) s"
  fi
  for host in "${HOSTS[@]}"; do
    target="$mirror/$host/hashicorp/$name/$version/$PLATFORM"
    mkdir -p "$target"
    ln -sf "$built" "$target/$exe"
  done
done

tofu="$bin/tofu"
if [ ! -x "$tofu" ] || ! "$tofu" version 2>/dev/null | grep -q "^OpenTofu ${TOFU_VERSION}$"; then
  start=$SECONDS
  say "building OpenTofu $TOFU_VERSION with Go (about 5 min the first time)"
  dir="$(module_dir "$TOFU_MODULE" "$TOFU_VERSION")"
  [ -n "$dir" ] || { say "could not download $TOFU_MODULE@$TOFU_VERSION from the Go module proxy"; exit 1; }
  # Its go.mod has a replace directive, so `go install ...@version` refuses it; dev=no drops -dev.
  (cd "$dir" && go build -ldflags "-s -w -X $TOFU_MODULE/version.dev=no" -o "$tofu.tmp" ./cmd/tofu)
  mv "$tofu.tmp" "$tofu"
  say "built OpenTofu in $((SECONDS - start)) s"
fi

cat >"$tools/terraformrc" <<RC
# Written by tools/terraform-providers/install.sh: providers come from the local mirror only.
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
RC
echo "export TF_CLI_CONFIG_FILE=$tools/terraformrc TERRACE_TOFU_BIN=$tofu TERRACE_PROVIDER_MIRROR=$mirror"
