# Sourced by scripts/test.sh and scripts/demo.sh: the moto AWS emulator on 127.0.0.1.
# `terrace_start_moto [log]` exports TERRACE_MOTO_ENDPOINT (http://127.0.0.1:$TERRACE_MOTO_PORT,
# default 5000) and, unless something already answers there, starts:
#   - moto's server (the pinned moto in .tools/py, through scripts/moto_server.py) on
#     $TERRACE_MOTO_SERVER_PORT (default TERRACE_MOTO_PORT + 1);
#   - scripts/moto-cbor-proxy.mjs on $TERRACE_MOTO_PORT: passes every request to moto and serves
#     the Smithy RPC v2 CBOR protocol that the AWS provider uses for CloudWatch (moto has none).
# TERRACE_MOTO_PID holds the started process ids (space separated), empty when none was started.
terrace_start_moto() {
  export TERRACE_MOTO_PORT="${TERRACE_MOTO_PORT:-5000}"
  export TERRACE_MOTO_SERVER_PORT="${TERRACE_MOTO_SERVER_PORT:-$((TERRACE_MOTO_PORT + 1))}"
  export TERRACE_MOTO_ENDPOINT="http://127.0.0.1:$TERRACE_MOTO_PORT"
  TERRACE_MOTO_PID=""
  curl -sf "$TERRACE_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1 && return 0
  local log="${1:-/dev/null}" server moto_url="http://127.0.0.1:$TERRACE_MOTO_SERVER_PORT"
  # the pinned moto (scripts/tools.sh), through scripts/moto_server.py: moto_server plus one fix
  # (each RDS instance its own DbiResourceId; see that file)
  local python="$TERRACE_ROOT/.tools/py/bin/python3"
  [ -x "$python" ] || { echo "terrace: moto is not installed in .tools/py (scripts/tools.sh installs it)" >&2; return 1; }
  server="scripts/moto_server.py"
  if ! curl -sf "$moto_url/moto-api/" >/dev/null 2>&1; then
    # AWS-managed IAM policies (e.g. the RDS enhanced-monitoring role's policy) exist in every
    # real account; moto loads them only when asked.
    MOTO_IAM_LOAD_MANAGED_POLICIES=true "$python" "$TERRACE_ROOT/scripts/moto_server.py" -H 127.0.0.1 -p "$TERRACE_MOTO_SERVER_PORT" >"$log" 2>&1 &
    TERRACE_MOTO_PID="$!"
  fi
  node "$TERRACE_ROOT/scripts/moto-cbor-proxy.mjs" --listen "$TERRACE_MOTO_PORT" --moto "$moto_url" >>"$log" 2>&1 &
  TERRACE_MOTO_PID="$TERRACE_MOTO_PID $!"
  for _ in $(seq 1 60); do
    curl -sf "$TERRACE_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "terrace: moto ($server on $moto_url, behind scripts/moto-cbor-proxy.mjs on $TERRACE_MOTO_ENDPOINT) did not answer within 30 s; its log: $log" >&2
  return 1
}
