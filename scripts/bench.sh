#!/usr/bin/env bash
# make bench: generate a provider at each scale (default 3, 30 and 300 homes over 5 years) in a
# fresh PostgreSQL database and measure Hearth on it (docs/benchmark.md). Uses the server
# DATABASE_URL names (a postgres:// URL; a database per scale is created beside it), or else a
# throwaway cluster it starts and stops itself. Prints the table and writes it to
# var/bench/bench.md (the raw figures go to var/bench/results.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${BENCH_SCALES:-"3 30 300"}
YEARS=${BENCH_YEARS:-5}
export DJANGO_SETTINGS_MODULE=hearth.config.settings.bench
mkdir -p var/bench
RESULTS=var/bench/results.jsonl
: > "$RESULTS"
. scripts/pg.sh

if [ -n "${DATABASE_URL:-}" ] && [[ "$DATABASE_URL" == postgres* ]]; then
  SERVER_URL=${DATABASE_URL%/*}
else
  trap pg_cluster_stop EXIT
  # A server tuned as a single machine would be for this (23 GB here); durable writes (fsync on).
  pg_cluster_start "-c shared_buffers=2GB -c effective_cache_size=12GB -c work_mem=32MB -c maintenance_work_mem=512MB \
-c max_wal_size=8GB -c checkpoint_timeout=15min -c max_connections=100" || { echo "No PostgreSQL to benchmark on." >&2; exit 1; }
  SERVER_URL=$PG_URL
fi

for homes in $SCALES; do
  db="hearth_bench_$homes"
  echo "==> $homes homes over $YEARS years (database $db)"
  .venv/bin/python - "$SERVER_URL/postgres" "$db" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    c.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
  export DATABASE_URL="$SERVER_URL/$db"
  .venv/bin/hearth migrate --noinput -v 0
  .venv/bin/hearth bench --homes "$homes" --years "$YEARS" --results "$RESULTS" > /dev/null
done

.venv/bin/hearth bench --table --results "$RESULTS" | tee var/bench/bench.md
echo "Written to var/bench/bench.md"
