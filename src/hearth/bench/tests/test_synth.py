"""The generator: deterministic for a seed, records the pages and rules can read, and homes that
differ in how well they are run."""

import datetime
from collections import Counter
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from hearth.bench.management.commands.bench import table
from hearth.bench.synth import synth_provider
from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.oversight.engine import run_audit
from hearth.records.models import LogEntry

END = datetime.date(2026, 11, 20)


class _RollBack(Exception):
    pass


def _fingerprint() -> tuple[Any, ...]:
    return (
        tuple(Home.objects.order_by("pk").values_list("name", "urn")),
        tuple(Child.objects.order_by("pk").values_list("first_name", "date_of_birth")),
        tuple(LogEntry.objects.order_by("pk").values_list("public_id", "occurred_at", "reviewed_at")[:500]),
        LogEntry.objects.count(),
    )


def test_the_same_seed_gives_the_same_provider(db: Any) -> None:
    prints = []
    for _ in range(2):
        try:
            with transaction.atomic():
                synth_provider(homes=2, years=1, seed=7, end=END)
                prints.append(_fingerprint())
                raise _RollBack
        except _RollBack:
            pass
    assert prints[0] == prints[1]
    synth_provider(homes=2, years=1, seed=8, end=END)
    assert _fingerprint() != prints[0]


def test_a_generated_provider_has_every_kind_of_record_and_findings_that_vary(db: Any) -> None:
    provider, counts = synth_provider(homes=6, years=1, seed=3, end=END)
    for kind in ("staff", "children", "log_entries", "incidents", "missing_episodes", "risk_assessments",
                 "training_completions", "supervisions", "visits"):  # fmt: skip
        assert counts[kind] > 0, kind
    homes = list(Home.objects.filter(provider=provider))
    assert len(homes) == 6
    busiest = max(homes, key=lambda h: h.log_entries.count())
    assert busiest.log_entries.count() >= 4 * 300 * 2  # four children, most days, several entries a day
    findings = Counter(f.home.pk for f in run_audit(homes=homes, as_of=END))
    assert max(findings.values()) > 2 * min(findings.get(h.pk, 0) for h in homes)
    # Strategies are written for each child in a well-run home and copied in a poorly run one.
    copied = {f.home.pk for f in run_audit(homes=homes, as_of=END, codes=["risk.generic_strategy"])}
    assert 0 < len(copied) < len(homes)


def test_the_benchmark_needs_postgresql_and_an_empty_database(db: Any) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        synth_provider(homes=1, years=1, seed=1, end=END)
        with pytest.raises(CommandError, match="empty database"):
            call_command("bench", "--homes", "1")
    else:
        with pytest.raises(CommandError, match="runs on PostgreSQL"):
            call_command("bench", "--homes", "1")


def test_the_table_puts_scales_side_by_side_with_the_targets() -> None:
    text = table([{"homes": 30, "audit_one_home_s": 0.12}, {"homes": 3, "audit_one_home_s": 0.05}])
    lines = text.splitlines()
    assert lines[0].split("|")[2:5] == [" 3 homes ", " 30 homes ", " Target at 300 "]
    audit = next(line for line in lines if line.startswith("| Audit, one home"))
    assert "0.05" in audit and "0.12" in audit and "under 0.5" in audit


def test_the_table_without_results_says_what_to_run(tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="no results yet"):
        call_command("bench", "--table", "--results", str(tmp_path / "none.jsonl"))
