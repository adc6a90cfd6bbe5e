#!/usr/bin/env bash
# Install everything Hearth needs from the project's own files: a Python 3.11 virtual
# environment from the hash-pinned requirements.lock, the front-end packages from
# package-lock.json, and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), f"Hearth needs Python 3.11, found {sys.version}"'

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment (.venv)"
  "$PYTHON" -m venv .venv
fi
echo "==> Installing Python packages from requirements.lock"
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps -e .

echo "==> Installing front-end packages (GOV.UK Frontend, htmx, axe-core)"
npm ci --no-audit --no-fund --loglevel=error

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Debian's Chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install -y chromium' (the browser tests need /usr/bin/chromium)." >&2
    exit 1
  fi
fi
echo "==> Set-up complete"
