"""An audit shared between processes finds what one process finds (oversight/parallel.py)."""

import json
import os
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from hearth.homes.models import Home
from hearth.oversight import parallel
from hearth.oversight.engine import Finding, run_audit


def as_text(findings: list[Finding]) -> list[str]:
    return [json.dumps(f.as_json(), sort_keys=True, default=str) for f in findings]


@pytest.mark.django_db(transaction=True)
def test_the_homes_shared_between_processes_give_the_findings_of_one(
    monkeypatch: pytest.MonkeyPatch, demo_restored: Callable[[], None]
) -> None:
    """On PostgreSQL the demo's homes are audited in two other processes; on SQLite (a database in
    memory, which another process cannot open) in this one. The findings are the same either way."""
    demo_restored()
    monkeypatch.setattr(parallel, "FEWEST_HOMES", 2)
    homes = list(Home.objects.order_by("name"))
    assert len(homes) >= 2
    as_of = timezone.localdate()
    alone = run_audit(homes=homes, as_of=as_of)
    pids, shared = parallel.audit_with_pids(homes=homes, as_of=as_of, workers=2)
    if connection.vendor == "postgresql":
        assert len(pids) == 2 and os.getpid() not in pids
    else:
        assert pids == {os.getpid()}
    assert alone and as_text(shared) == as_text(alone)
    # This process's connection still works after the others closed theirs.
    assert Home.objects.count() == len(homes)


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_audit_stays_in_this_process(
    monkeypatch: pytest.MonkeyPatch, demo_restored: Callable[[], None]
) -> None:
    """Closing the connection for other processes would end the caller's transaction."""
    demo_restored()
    monkeypatch.setattr(parallel, "FEWEST_HOMES", 2)
    homes = list(Home.objects.order_by("name"))
    with transaction.atomic():
        assert not parallel.can_fork()
        pids, found = parallel.audit_with_pids(homes=homes, as_of=timezone.localdate(), workers=2)
        assert pids == {os.getpid()} and found


def test_few_homes_or_one_worker_stay_in_this_process(world: Any) -> None:
    homes = [world.home_a, world.home_b]
    as_of = timezone.localdate()
    assert parallel.audit_with_pids(homes=homes, as_of=as_of, workers=2)[0] == {os.getpid()}  # under FEWEST_HOMES
    assert parallel.audit_with_pids(homes=homes * 20, as_of=as_of, workers=1)[0] == {os.getpid()}


def test_workers_default_to_the_setting_then_the_cores(settings: Any) -> None:
    settings.HEARTH_AUDIT_WORKERS = 3
    assert parallel.audit_workers() == 3
    del settings.HEARTH_AUDIT_WORKERS
    assert parallel.audit_workers() == max(1, os.cpu_count() or 1)


def test_the_command_refuses_fewer_than_one_worker(db: Any) -> None:
    with pytest.raises(CommandError, match="--workers 0: give 1 or more"):
        call_command("audit", "--workers", "0", stdout=StringIO())


def test_the_command_in_one_process_reports_every_home(db: Any, demo_restored: Callable[[], None]) -> None:
    demo_restored()
    out = StringIO()
    call_command("audit", "--workers", "1", stdout=out)
    for home in Home.objects.all():
        assert f"{home.name} ({home.urn})" in out.getvalue()
