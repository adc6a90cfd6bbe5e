"""Findings as people read them: by quality standard, counted by severity, and shaped like the
requirements of an Ofsted report (the mock inspection)."""

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from hearth.audit.selectors import newest_event_id, newest_event_id_among
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
    run_audit,
)

# How long a home's findings are reused while none of its records change. Every change made through
# Hearth writes an audit event at the home, which starts a fresh computation at once; what this
# bounds is staleness from elsewhere: another home's strategies (risk.generic_strategy compares
# across the provider) and deadlines passing during the day.
FINDINGS_CACHE_SECONDS = 300


def home_findings(*, home: Any, as_of: datetime.date) -> list[Finding]:
    """``run_audit`` for one home as of a day, reused until the home's records change (its newest
    audit event) or ``FINDINGS_CACHE_SECONDS`` pass. The dashboard, the findings page and the mock
    inspection read the same findings, so opening one after another computes them once."""
    return _audit_reused(f"{home.pk}:{as_of.isoformat()}:{newest_event_id(home=home)}", homes=[home], as_of=as_of)


def provider_findings(*, homes: Sequence[Any], as_of: datetime.date) -> list[Finding]:
    """``run_audit`` over a provider's homes as of a day, for the responsible individual's page:
    reused, as ``home_findings`` is, until a record at any of the homes changes or
    ``FINDINGS_CACHE_SECONDS`` pass. At a few hundred homes the audit takes tens of seconds
    (docs/benchmark.md), so a second look at the page within minutes need not wait for it again."""
    ids = hashlib.sha256(",".join(str(h.pk) for h in homes).encode()).hexdigest()
    version = newest_event_id_among(homes=homes)
    return _audit_reused(f"homes:{ids}:{as_of.isoformat()}:{version}", homes=homes, as_of=as_of)


def _audit_reused(key: str, *, homes: Sequence[Any], as_of: datetime.date) -> list[Finding]:
    """The audit cached under ``key`` (which names the homes, the day and their records' version),
    or run and cached now."""
    found: list[Finding] | None = cache.get(f"hearth:findings:{key}")
    if found is None:
        found = run_audit(homes=homes, as_of=as_of)
        cache.set(f"hearth:findings:{key}", found, FINDINGS_CACHE_SECONDS)
    return found


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
