#!/usr/bin/env bash
# make run: migrations, the demo homes, then the background worker and the web server together;
# Ctrl-C stops both (docs/live-oversight.md says how to run workers in production).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
mkdir -p var
$BIN/hearth migrate --noinput -v 0
$BIN/hearth demo --if-absent
$BIN/hearth worker &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null || true' EXIT INT TERM
echo "Serving Hearth on http://127.0.0.1:8000, with a background worker (Ctrl-C stops both)"
$BIN/hearth runserver 127.0.0.1:8000
