#!/usr/bin/env bash
# The whole test run of `make test`: ruff, the suite on SQLite, the suite on PostgreSQL, the browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."

PYTEST=.venv/bin/pytest
status=0
step() { echo; echo "=== $* ==="; }

step "ruff check"
.venv/bin/ruff check . || status=1

step "test suite on SQLite"
$PYTEST -m "not e2e" -q || status=1

step "test suite on PostgreSQL"
if url=$(scripts/pg.sh start); then
  trap 'scripts/pg.sh stop' EXIT
  DATABASE_URL="$url" $PYTEST -m "not e2e" -q || status=1
  scripts/pg.sh stop
  trap - EXIT
else
  echo "could not start PostgreSQL" >&2
  status=1
fi

step "browser tests (Chromium)"
DJANGO_ALLOW_ASYNC_UNSAFE=true $PYTEST -m e2e -q || status=1

echo
if [ $status -eq 0 ]; then echo "make test: all steps passed"; else echo "make test: FAILED" >&2; fi
exit $status
