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
. scripts/pg.sh
# With a PostgreSQL run beside it, HEARTH_PAIRED_RUN deals the tests marked either_database
# between the two runs (conftest.py); without one, the SQLite run takes them all.
PAIRED=""
if [[ "$DATABASE_URL_GIVEN" == postgres* ]] || [ -n "$(find_pg_bin)" ]; then PAIRED=sqlite; fi
SQLITE_LOG=var/test-sqlite.log
echo "==> Running the suite on sqlite in the background (output in $SQLITE_LOG)"
# SQLite builds its tables from the models (--no-migrations: 2 s, not 40); the PostgreSQL run
# applies the migrations, and core's test_migrations holds them equal to the models.
( unset DATABASE_URL; PYTEST+=(--no-migrations); HEARTH_PAIRED_RUN=$PAIRED run_suite sqlite ) > "$SQLITE_LOG" 2>&1 &
SQLITE_PID=$!

if [ -n "$DATABASE_URL_GIVEN" ] && [[ "$DATABASE_URL_GIVEN" == postgres* ]]; then
  HEARTH_PAIRED_RUN=postgresql HEARTH_DATABASE_TESTS_ONLY=1 DATABASE_URL=$DATABASE_URL_GIVEN run_suite "postgresql (DATABASE_URL)" || status=1
elif [ -n "$(find_pg_bin)" ]; then
  trap pg_cluster_stop EXIT
  pg_cluster_start "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" || exit 1
  # The tests that never touch a database (pytest-django refuses it them) ran in the SQLite run
  # beside this one; here only the database's own tests run (conftest.uses_database).
  HEARTH_PAIRED_RUN=postgresql HEARTH_DATABASE_TESTS_ONLY=1 DATABASE_URL="$PG_SOCKET_URL/hearth" run_suite "postgresql $("$PG_BIN/postgres" --version | awk '{print $3}')" || status=1
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
