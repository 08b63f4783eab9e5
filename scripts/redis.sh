#!/usr/bin/env bash
# Starts (or stops) a throwaway Redis on 127.0.0.1 for the production-config test (the cache store
# that two backends share), from Debian's redis-server package. `start` prints the TERRACE_REDIS_*
# exports to eval; on failure it prints the reason (and Redis's own log) to stderr and exits
# non-zero. Nothing is persisted (no RDB snapshots, no append-only file).
#
# Its pid file, log and working folder live in TERRACE_REDIS_DIR, default a folder under /tmp named
# after this clone's path; the port is TERRACE_REDIS_PORT, default 56379.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${TERRACE_REDIS_PORT:-56379}"
DIR="${TERRACE_REDIS_DIR:-/tmp/terrace-redis-$(printf '%s' "$PWD" | cksum | cut -d' ' -f1)}"
fail() { echo "terrace: Redis: $*" >&2; [ -f "$DIR/log" ] && tail -20 "$DIR/log" >&2; exit 1; }
running() { [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }
case "${1:-start}" in
  start)
    command -v redis-server >/dev/null || fail "not installed (apt-get install redis-server)"
    mkdir -p "$DIR"
    if ! running; then
      rm -f "$DIR/pid"
      redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes --pidfile "$DIR/pid" \
        --logfile "$DIR/log" --dir "$DIR" --save '' --appendonly no >/dev/null 2>&1 ||
        fail "redis-server did not start on 127.0.0.1:$PORT"
    fi
    for _ in $(seq 1 50); do
      [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = PONG ] && running && {
        echo "export TERRACE_REDIS_HOST=127.0.0.1 TERRACE_REDIS_PORT=$PORT"
        exit 0
      }
      sleep 0.1
    done
    fail "redis-server does not answer on 127.0.0.1:$PORT (another process on the port?)"
    ;;
  stop)
    if running; then
      pid="$(cat "$DIR/pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  *) echo "usage: scripts/redis.sh start|stop" >&2; exit 2 ;;
esac
