# Sourced by scripts/test.sh: the real tools the tests drive, installed into .tools/ (ignored).
#   terraform 1.5.7 (go install; the last MPL release), moto server and checkov (pip, in a venv),
#   Debian's chromium (apt, when root and missing). Idempotent: a second run only checks.
TOOLS="$TERRACE_ROOT/.tools"
mkdir -p "$TOOLS"

if [ ! -x "$TOOLS/go-bin/terraform" ]; then
  command -v go >/dev/null || { echo "terrace: Go is needed to build terraform 1.5.7 (go install)" >&2; return 1; }
  echo "terrace: building terraform 1.5.7 with go install" >&2
  GOBIN="$TOOLS/go-bin" go install github.com/hashicorp/terraform@v1.5.7
fi
export PATH="$TOOLS/go-bin:$PATH"
export TERRACE_TERRAFORM_BIN="$TOOLS/go-bin/terraform"

# the AWS provider schema (Go module github.com/lonegunmanb/terraform-aws-schema/v6) that the
# generated Terraform is checked against
eval "$(bash "$TERRACE_ROOT/tools/aws-provider-schema/install.sh" "$TOOLS/go-bin")" || return 1
# the azurerm provider schema (github.com/lonegunmanb/terraform-azurerm-schema/v4 v4.40.0, the newest
# the Go proxy serves; first fetch with GONOSUMDB=github.com/lonegunmanb, done by install.sh)
eval "$(bash "$TERRACE_ROOT/tools/azurerm-provider-schema/install.sh" "$TOOLS/go-bin")" || return 1
# the google provider schema (github.com/lonegunmanb/terraform-google-schema/v6 v6.30.0, the newest v6
# the Go proxy serves whole; no v7) that the generated GCP Terraform is checked against
eval "$(bash "$TERRACE_ROOT/tools/google-provider-schema/install.sh" "$TOOLS/go-bin")" || return 1

# the real providers (hashicorp/aws, hashicorp/random) and OpenTofu, built from source with Go and
# served to terraform/tofu init from a filesystem mirror (TF_CLI_CONFIG_FILE); the first AWS
# provider build takes about 36 min of two idle cores, later ones reuse Go's build cache
eval "$(bash "$TERRACE_ROOT/tools/terraform-providers/install.sh" "$TOOLS")" || return 1

# moto and checkov live in venvs of their own: checkov pins an old botocore whose CloudWatch model
# has only the query protocol, while moto needs a botocore that knows CloudWatch's JSON protocol
# (scripts/moto-cbor-proxy.mjs re-sends the provider's CBOR calls to moto in JSON).
if [ ! -x "$TOOLS/py/bin/moto_server" ] || ! "$TOOLS/py/bin/pip" show botocore 2>/dev/null | grep -qx 'Version: 1.44.8'; then
  command -v python3 >/dev/null || { echo "terrace: Python 3 is needed for moto" >&2; return 1; }
  echo "terrace: installing moto[server] into .tools/py" >&2
  python3 -m venv "$TOOLS/py"
  # pinned: the moto compatibility table in the README is for this moto release
  "$TOOLS/py/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.5' 'boto3==1.44.8' 'botocore==1.44.8' || return 1
fi
if [ ! -x "$TOOLS/checkov/bin/checkov" ]; then
  command -v python3 >/dev/null || { echo "terrace: Python 3 is needed for checkov" >&2; return 1; }
  echo "terrace: installing checkov into .tools/checkov" >&2
  python3 -m venv "$TOOLS/checkov"
  # pinned: new checkov releases add checks the generated Terraform is held to
  "$TOOLS/checkov/bin/pip" install --quiet --disable-pip-version-check 'checkov==3.3.30' || return 1
fi
export PATH="$PATH:$TOOLS/checkov/bin:$TOOLS/py/bin"
export TERRACE_CHECKOV_BIN="$TOOLS/checkov/bin/checkov"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "terrace: the browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)" >&2
    return 1
  fi
fi
export TERRACE_CHROMIUM=/usr/bin/chromium
