#!/usr/bin/env bash
# The inner loop (`make check`): lint, types, and the tests of the apps a change touches, on SQLite,
# without the browser journeys. A change is what differs from the last commit (staged, unstaged and
# new files), or, with nothing uncommitted, the last commit itself. `make test` remains the whole
# suite on both databases. Pass pytest arguments through: scripts/check.sh -k void
set -uo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=hearth.config.settings.test
unset DATABASE_URL

changed=$( { git diff --name-only HEAD; git ls-files --others --exclude-standard; } 2>/dev/null | sort -u)
[ -n "$changed" ] || changed=$(git diff --name-only HEAD~1 HEAD 2>/dev/null)

apps=()
for app in $(printf '%s\n' "$changed" | sed -n 's#^src/hearth/\([a-z_]*\)/.*#\1#p' | sort -u); do
  [ "$app" = e2e ] && continue  # browser journeys: make test
  [ -d "src/hearth/$app/tests" ] && apps+=("src/hearth/$app/tests")
done
# A change to what every test stands on (settings, the shared fixtures) is checked through core's tests.
if printf '%s\n' "$changed" | grep -qE '^src/hearth/(conftest\.py|config/)'; then
  apps+=("src/hearth/core/tests")
fi

echo "==> Lint (ruff) and types (mypy)"
.venv/bin/ruff check src && .venv/bin/ruff format --check src >/dev/null && .venv/bin/mypy || exit 1
if [ ${#apps[@]} -eq 0 ]; then
  echo "No app's code changed: lint and types only (make test runs everything)."
  exit 0
fi
mapfile -t apps < <(printf '%s\n' "${apps[@]}" | sort -u)
echo "==> Tests of the changed apps on SQLite: ${apps[*]}"
.venv/bin/pytest -p no:cacheprovider -q --no-migrations -m "not browser" "${apps[@]}" "$@"  # tables from the models
code=$?
[ "$code" = 5 ] && { echo "No tests collected: that is a failure, not a pass." >&2; exit 1; }
exit $code
