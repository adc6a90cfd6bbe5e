# Hearth: `make run` serves the demo; `make test` runs the whole suite on SQLite and PostgreSQL;
# `make check` is the inner loop (lint, types, the changed apps' tests); `make bench` measures Hearth
# at 3, 30 and 300 homes on PostgreSQL.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.hearth-installed
export DJANGO_SETTINGS_MODULE ?= hearth.config.settings.local

.PHONY: run setup test bench lint typecheck check clean

run: setup
	scripts/run.sh

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml package.json package-lock.json scripts/setup.sh
	scripts/setup.sh
	@touch $(STAMP)

test: setup
	scripts/test.sh

bench: setup
	scripts/bench.sh

lint: setup
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src

typecheck: setup
	$(BIN)/mypy

check: setup
	scripts/check.sh

clean:
	rm -rf $(VENV) node_modules var
