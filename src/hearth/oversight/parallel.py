"""An audit of many homes shared between processes, one per core: ``hearth audit`` over a large
provider (hundreds of homes) is CPU-bound Python, which one process runs on one core only.

Each process audits every rule over its share of the homes, and the findings come back to be
sorted as ``run_audit`` sorts them. No rule's finding at one home depends on which other homes
are audited with it (the provider-wide comparisons, such as ``risk.generic_strategy``'s, read the
whole provider whatever is audited), so the findings are the same as one process's.
"""

import datetime
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings
from django.db import connection, connections

from hearth.core.collection import collector_paused
from hearth.homes.models import Home
from hearth.oversight.engine import Finding, finding_order, run_audit

# Below this many homes an audit takes a few seconds at most; starting processes is not worth it.
FEWEST_HOMES = 20


def audit_workers() -> int:
    """How many processes an audit of many homes uses: ``HEARTH_AUDIT_WORKERS`` if set, else one per core."""
    configured = getattr(settings, "HEARTH_AUDIT_WORKERS", None)
    return max(1, int(configured if configured is not None else (os.cpu_count() or 1)))


def can_fork() -> bool:
    """Processes can share the audit only where each can open its own connection to the same data
    and none is needed by the caller meanwhile: PostgreSQL (an SQLite database in memory is not
    shared between processes), outside a transaction (closing the connection would end it)."""
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and "fork" in multiprocessing.get_all_start_methods()
    )


def run_audit_in_processes(
    *, homes: Sequence[Home], as_of: datetime.date, codes: Iterable[str] | None = None, workers: int | None = None
) -> list[Finding]:
    """``run_audit``, with the homes shared between ``workers`` processes (``audit_workers()``)
    when there are enough of them and ``can_fork()``; else in this process."""
    return audit_with_pids(homes=homes, as_of=as_of, codes=codes, workers=workers)[1]


def audit_with_pids(
    *, homes: Sequence[Home], as_of: datetime.date, codes: Iterable[str] | None = None, workers: int | None = None
) -> tuple[set[int], list[Finding]]:
    """``run_audit_in_processes``, and the ids of the processes that ran it (for its tests)."""
    wanted = list(codes) if codes is not None else None
    count = min(workers or audit_workers(), len(homes))
    if count < 2 or len(homes) < FEWEST_HOMES or not can_fork():
        return {os.getpid()}, run_audit(homes=homes, as_of=as_of, codes=wanted)
    # Dealt out like cards, so that each process gets homes from all through the list.
    shares = [[h.pk for h in homes[i::count]] for i in range(count)]
    connections.close_all()  # a forked process must not use the parent's connection
    pids: set[int] = set()
    findings: list[Finding] = []
    with (
        collector_paused(),  # tens of thousands of findings come back (core/collection.py)
        ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool,
    ):
        for pid, part in pool.map(_audit_share, shares, [as_of] * count, [wanted] * count):
            pids.add(pid)
            findings += part
        return pids, sorted(findings, key=finding_order)


def _audit_share(home_ids: list[int], as_of: datetime.date, codes: list[str] | None) -> tuple[int, list[Finding]]:
    """In a forked process: the audit of these homes, and this process's id."""
    connections.close_all()
    try:
        homes = list(Home.objects.filter(pk__in=home_ids))
        return os.getpid(), run_audit(homes=homes, as_of=as_of, codes=codes)
    finally:
        connections.close_all()
