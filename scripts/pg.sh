#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: `scripts/pg.sh start|stop|url`.
# Data and socket live under $PGTEST_DIR (default /tmp/diaodu-pgtest); it listens on 127.0.0.1:$PGTEST_PORT.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
DIR="${PGTEST_DIR:-/tmp/diaodu-pgtest}"
PORT="${PGTEST_PORT:-54329}"

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ ! -x "$PGBIN/pg_ctl" ]; then
      echo "PostgreSQL binaries not found (set PGBIN); on Debian: apt-get install postgresql" >&2
      exit 1
    fi
    "$0" stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DIR"; fi
    as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/diaodu"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then
      as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$DIR"
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$PORT/diaodu"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
