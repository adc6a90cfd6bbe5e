"""Findings as people read them: by quality standard, counted by severity, and shaped like the
requirements of an Ofsted report (the mock inspection)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone

from hearth.core.dates import today
from hearth.oversight.engine import (
    CARE_PLANNING,
    HIGH,
    LEADERSHIP,
    LOW,
    MEDIUM,
    POSITIVE_RELATIONSHIPS,
    PROTECTION,
    SEVERITY_ORDER,
    Finding,
    finding_order,
    run_audit,
)
from hearth.oversight.models import HomeAudit, QueuedRun, StoredFinding
from hearth.oversight.scheduling import worker_running
from hearth.oversight.services.stored import homes_refresh, newest_events, stored_as_findings


def home_findings(*, home: Any, as_of: datetime.date) -> list[Finding]:
    """The home's open findings as of ``as_of``: the stored ones (``provider_findings``)."""
    return provider_findings(homes=[home], as_of=as_of)


def provider_findings(*, homes: Sequence[Any], as_of: datetime.date) -> list[Finding]:
    """The open findings of ``homes`` as of today, read from the stored findings the background
    worker keeps current (docs/live-oversight.md), sorted as ``run_audit`` sorts them. A day other
    than today is always worked out afresh and not stored."""
    if as_of != today():
        return run_audit(homes=homes, as_of=as_of)
    _bring_up_to_date(homes, as_of)
    rows = StoredFinding.objects.filter(home_id__in=[h.pk for h in homes], resolved_at__isnull=True)
    return sorted(stored_as_findings(rows.select_related("acknowledged_by"), homes), key=finding_order)


def provider_finding_counts(*, homes: Sequence[Any], as_of: datetime.date) -> dict[int, dict[str, int]]:
    """Each home's open findings counted by severity: what the provider page shows, counted in the
    database rather than read finding by finding (tens of thousands at 300 homes)."""
    counts = {h.pk: severity_counts([]) for h in homes}
    if as_of != today():
        for f in run_audit(homes=homes, as_of=as_of):
            counts[f.home.pk][f.severity] += 1
        return counts
    _bring_up_to_date(homes, as_of)
    rows = (
        StoredFinding.objects.filter(home_id__in=list(counts), resolved_at__isnull=True)
        .values("home_id", "severity")
        .annotate(n=Count("severity"))  # a column of the open-findings index: counted from the index alone
        .order_by()
    )
    for row in rows:
        counts[row["home_id"]][row["severity"]] = row["n"]
    return counts


def _bring_up_to_date(homes: Sequence[Any], as_of: datetime.date) -> None:
    """Audit now, and store, the homes whose stored findings cannot be trusted for ``as_of``.

    A home's stored findings are used when they are of today and either no record has changed at
    the home since they were worked out, or a re-audit is queued, or a worker is running (it
    brings them up to date within a minute of a save). Otherwise (no worker running, a first
    look, a test) the home is audited now and stored.
    """
    ids = [h.pk for h in homes]
    states = {s.home_id: s for s in HomeAudit.objects.filter(home_id__in=ids)}
    alive = worker_running()
    newest = {} if alive else newest_events(homes)
    queued = (
        set()
        if alive
        else set(
            QueuedRun.objects.filter(name__in=[f"home:{i}" for i in ids], queued=True).values_list("name", flat=True)
        )
    )

    def current(home: Any) -> bool:
        state = states.get(home.pk)
        if state is None or state.last_as_of != as_of:
            return False
        return alive or newest.get(home.pk, 0) <= state.last_event_id or f"home:{home.pk}" in queued

    stale = [h for h in homes if not current(h)]
    if stale:
        homes_refresh(stale, as_of=as_of, now=timezone.now())


# --- findings, by quality standard -------------------------------------------------------------

STANDARD_ORDER = [PROTECTION, POSITIVE_RELATIONSHIPS, CARE_PLANNING, LEADERSHIP]


def findings_by_standard(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by quality standard (protection first), highest severity first within each."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.standard, []).append(f)
    order = {s: i for i, s in enumerate(STANDARD_ORDER)}
    return [
        (standard, sorted(group, key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.subject.label)))
        for standard, group in sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = {HIGH: 0, MEDIUM: 0, LOW: 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


@dataclass(frozen=True)
class Requirement:
    """One regulation breached, shaped like a requirement in an Ofsted report."""

    regulation: str
    standard: str
    severity: str
    evidence: list[str]
    due: datetime.date


def mock_inspection(findings: list[Finding], *, children: list[Any]) -> list[Requirement]:
    """Findings grouped by regulation into "What does the children's home need to do to improve?":
    the regulation, its standard in one line, the evidence as bullet points with children by their
    initials (as Ofsted writes), and the earliest due date; the most severe first."""
    initials = {c.display_name: c.initials for c in children}

    def anonymised(text: str) -> str:
        for name in sorted(initials, key=len, reverse=True):
            text = text.replace(name, initials[name])
        return text

    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.regulation, []).append(f)
    out = [
        Requirement(
            regulation=regulation,
            standard=group[0].standard,
            severity=min((f.severity for f in group), key=lambda s: SEVERITY_ORDER[s]),
            evidence=[anonymised(f.message) for f in sorted(group, key=lambda f: (SEVERITY_ORDER[f.severity], f.code))],
            due=min(f.due for f in group),
        )
        for regulation, group in groups.items()
    ]
    return sorted(out, key=lambda r: (SEVERITY_ORDER[r.severity], r.due, r.regulation))
