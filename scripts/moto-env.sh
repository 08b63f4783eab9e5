# Sourced by scripts/test.sh and scripts/demo.sh: the moto AWS emulator on 127.0.0.1.
# `terrace_start_moto [log]` exports TERRACE_MOTO_ENDPOINT and starts moto_server (from PATH or
# .tools/py) unless one already answers there; TERRACE_MOTO_PID is set when it started one.
terrace_start_moto() {
  export TERRACE_MOTO_PORT="${TERRACE_MOTO_PORT:-5000}"
  export TERRACE_MOTO_ENDPOINT="http://127.0.0.1:$TERRACE_MOTO_PORT"
  TERRACE_MOTO_PID=""
  curl -sf "$TERRACE_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1 && return 0
  local server
  server="$(command -v moto_server || echo "$TERRACE_ROOT/.tools/py/bin/moto_server")"
  # AWS-managed IAM policies (e.g. the RDS enhanced-monitoring role's policy) exist in every real
  # account; moto loads them only when asked.
  MOTO_IAM_LOAD_MANAGED_POLICIES=true "$server" -H 127.0.0.1 -p "$TERRACE_MOTO_PORT" >"${1:-/dev/null}" 2>&1 &
  TERRACE_MOTO_PID=$!
  for _ in $(seq 1 60); do
    curl -sf "$TERRACE_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "terrace: moto ($server) did not answer on $TERRACE_MOTO_ENDPOINT within 30 s; its log: ${1:-none}" >&2
  return 1
}
