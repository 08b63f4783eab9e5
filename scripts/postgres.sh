#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL on 127.0.0.1 for the production-config test, from
# Debian's postgresql package. `start` prints the TERRACE_PG_* exports to eval; on failure it
# prints the reason (and PostgreSQL's own log) to stderr and exits non-zero.
#
# As root the server runs as the `postgres` user, which may not be able to enter the clone (a
# clone in a mode-700 folder), so its data lives outside the clone: in TERRACE_PG_DIR, default
# a folder under /tmp named after this clone's path.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${TERRACE_PG_PORT:-55432}"
DIR="${TERRACE_PG_DIR:-/tmp/terrace-pg-$(printf '%s' "$PWD" | cksum | cut -d' ' -f1)}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
fail() { echo "terrace: PostgreSQL: $*" >&2; [ -f "$DIR/log" ] && tail -20 "$DIR/log" >&2; exit 1; }
case "${1:-start}" in
  start)
    [ -n "$BIN" ] || fail "not installed (apt-get install postgresql)"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      rm -rf "$DIR" && mkdir -p "$DIR/data" && chmod 700 "$DIR"
      echo terrace >"$DIR/pw"
      [ "$(id -u)" = 0 ] && chown -R postgres "$DIR"
      run "$BIN/initdb" -D "$DIR/data" -U terrace --pwfile="$DIR/pw" -A scram-sha-256 >"$DIR/initdb.log" 2>&1 ||
        { cat "$DIR/initdb.log" >&2; fail "initdb failed in $DIR/data"; }
    fi
    if ! run "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      # a throwaway server: no fsync (each plugin's CREATE DATABASE copies template1; with fsync
      # on a slow disk that alone takes minutes)
      run "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -l "$DIR/log" -w start >/dev/null ||
        fail "pg_ctl start failed on 127.0.0.1:$PORT (data in $DIR/data)"
    fi
    echo "export TERRACE_PG_HOST=127.0.0.1 TERRACE_PG_PORT=$PORT TERRACE_PG_USER=terrace TERRACE_PG_PASSWORD=terrace"
    ;;
  stop)
    if [ -n "$BIN" ] && [ -d "$DIR/data" ]; then run "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *) echo "usage: scripts/postgres.sh start|stop" >&2; exit 2 ;;
esac
