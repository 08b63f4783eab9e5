#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL on 127.0.0.1 for the production-config test, from
# Debian's postgresql package. `start` prints the TERRACE_PG_* exports to eval.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$PWD/.tools/pg"
PORT="${TERRACE_PG_PORT:-55432}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    [ -n "$BIN" ] || { echo "echo 'terrace: PostgreSQL is not installed (apt-get install postgresql)' >&2"; exit 0; }
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      rm -rf "$DIR" && mkdir -p "$DIR/data"
      [ "$(id -u)" = 0 ] && chown -R postgres "$DIR"
      echo terrace > "$DIR/pw" && [ "$(id -u)" = 0 ] && chown postgres "$DIR/pw"
      run "$BIN/initdb" -D "$DIR/data" -U terrace --pwfile="$DIR/pw" -A scram-sha-256 >/dev/null
    fi
    run "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -h 127.0.0.1" -l "$DIR/log" -w start >/dev/null 2>&1 || true
    echo "export TERRACE_PG_HOST=127.0.0.1 TERRACE_PG_PORT=$PORT TERRACE_PG_USER=terrace TERRACE_PG_PASSWORD=terrace"
    ;;
  stop)
    [ -n "$BIN" ] && [ -d "$DIR/data" ] && run "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
