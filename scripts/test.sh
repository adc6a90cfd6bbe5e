#!/usr/bin/env bash
# The whole suite on SQLite and on PostgreSQL: the server DATABASE_URL names, or else a
# throwaway PostgreSQL cluster started in a temporary folder and stopped afterwards. The two runs
# go side by side (one per core); the SQLite run's output is kept in var/test-sqlite.log and
# printed when both have finished. Writes var/test-databases.txt listing each database tested and
# its result.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
RESULTS=var/test-databases.txt
: > "$RESULTS"
export DJANGO_SETTINGS_MODULE=hearth.config.settings.test
PYTEST=(.venv/bin/pytest -p no:cacheprovider "$@")

run_suite() {  # $1: label
  local label=$1 code
  echo "==> Running the suite on $label"
  "${PYTEST[@]}"
  code=$?
  if [ "$code" = 5 ]; then
    echo "pytest collected no tests on $label: that is a failure, not a pass." >&2
    code=1
  fi
  echo "$label $([ "$code" = 0 ] && echo passed || echo "failed ($code)")" >> "$RESULTS"
  return "$code"
}

status=0
echo "==> Lint (ruff) and types (mypy)"
if .venv/bin/ruff check src && .venv/bin/ruff format --check src >/dev/null && .venv/bin/mypy; then
  echo "lint and types passed" >> "$RESULTS"
else
  echo "lint and types failed" >> "$RESULTS"; status=1
fi
DATABASE_URL_GIVEN=${DATABASE_URL:-}
SQLITE_LOG=var/test-sqlite.log
echo "==> Running the suite on sqlite in the background (output in $SQLITE_LOG)"
( unset DATABASE_URL; run_suite sqlite ) > "$SQLITE_LOG" 2>&1 &
SQLITE_PID=$!

find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

if [ -n "$DATABASE_URL_GIVEN" ] && [[ "$DATABASE_URL_GIVEN" == postgres* ]]; then
  DATABASE_URL=$DATABASE_URL_GIVEN run_suite "postgresql (DATABASE_URL)" || status=1
elif PG_BIN=$(find_pg_bin) && [ -n "$PG_BIN" ]; then
  PGDIR=$(mktemp -d /tmp/hearth-pg.XXXXXX)
  PGPORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGDIR"
    AS=(runuser -u postgres --)   # PostgreSQL refuses to run as root
  fi
  stop_pg() { "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
  trap stop_pg EXIT
  echo "==> Starting a throwaway PostgreSQL cluster ($("$PG_BIN/postgres" --version)) on port $PGPORT"
  "${AS[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 \
    || { cat "$PGDIR/initdb.log"; exit 1; }
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PGDIR/server.log"; exit 1; }
  DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/hearth" run_suite "postgresql $("$PG_BIN/postgres" --version | awk '{print $3}')" || status=1
else
  echo "PostgreSQL's server programs are not installed: tested on SQLite only." >&2
fi

wait "$SQLITE_PID" || status=1
echo
echo "==> The sqlite run ($SQLITE_LOG):"
cat "$SQLITE_LOG"

echo
echo "Databases tested:"
sed 's/^/  /' "$RESULTS"
exit $status
