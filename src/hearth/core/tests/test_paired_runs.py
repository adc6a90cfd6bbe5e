"""scripts/test.sh's two runs share the like tests between them (conftest.pytest_collection_modifyitems):
every test still runs in each make test, on one database or both, and a run by hand runs everything."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import hearth

SRC = Path(hearth.__file__).resolve().parent
SHARED = [str(SRC / "e2e"), str(SRC / "oversight" / "tests" / "test_demo_audit.py")]


def collected(paired_run: str | None) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"HEARTH_PAIRED_RUN", "HEARTH_DATABASE_TESTS_ONLY"}}
    if paired_run:
        env["HEARTH_PAIRED_RUN"] = paired_run
    out = subprocess.run(  # noqa: S603 - this checkout's own pytest
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", *SHARED],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=SRC.parent.parent,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return {line for line in out.stdout.splitlines() if "::" in line}


def test_each_test_runs_in_at_least_one_run_and_a_run_by_hand_runs_all() -> None:
    everything, on_sqlite, on_postgresql = collected(None), collected("sqlite"), collected("postgresql")
    assert on_sqlite | on_postgresql == everything
    both = on_sqlite & on_postgresql
    assert all("awkward_day" not in t and "/e2e/" not in t for t in both)  # shared ones run once
    assert abs(len(on_sqlite) - len(on_postgresql)) <= 1
    clock_changes = {"2028-03-26 00:01", "2028-10-29 00:01"}
    across_midnight = {"2028-02-28 23:59", "2027-12-31 23:59"}
    for run in (on_sqlite, on_postgresql):  # each database: one clock change, one load across midnight
        assert sum(any(day in t for day in clock_changes) for t in run) == 1
        assert sum(any(day in t for day in across_midnight) for t in run) == 1


def test_an_unknown_run_is_refused() -> None:
    with pytest.raises(AssertionError, match="HEARTH_PAIRED_RUN is 'mysql'"):
        collected("mysql")
