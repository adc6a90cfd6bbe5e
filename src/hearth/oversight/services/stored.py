"""Findings kept as rows with a life (``StoredFinding``): each audit the worker runs updates them.

``findings_store`` takes an audit's findings for some homes (and, optionally, only some rules)
and brings the stored rows in line: a finding seen before is seen again (its message, severity
and evidence as now, its first-seen time and due date kept); a new one is opened; an open row
the audit no longer finds is resolved. What was opened is returned, so that the people who must
act can be told (``hearth.notifications``).
"""

import datetime
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.homes.models import Home
from hearth.oversight.engine import Finding, Ref
from hearth.oversight.models import HomeAudit, StoredFinding

_FIGURES = re.compile(r"\d+")


def finding_key(finding: Finding) -> str:
    """What names a finding from one audit to the next: its code, home, subject and evidence, and
    its message with the figures taken out, so "overdue by 3 days" and "by 4 days" are one."""
    parts = [
        finding.code,
        str(finding.home.pk),
        finding.subject.type,
        finding.subject.id,
        ",".join(sorted(f"{e.type}:{e.id}" for e in finding.evidence)),
        _FIGURES.sub("#", finding.message),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _ref_json(ref: Ref) -> dict[str, str]:
    return {"type": ref.type, "id": ref.id, "label": ref.label, "url": ref.url}


@dataclass(frozen=True)
class StoreResult:
    opened: list[StoredFinding]
    seen_again: int
    resolved: int


def findings_store(
    *,
    homes: Sequence[Home],
    findings: Iterable[Finding],
    as_of: datetime.date,
    now: datetime.datetime,
    codes: Iterable[str] | None = None,
) -> StoreResult:
    """Bring the stored findings of ``homes`` (for ``codes`` only, if given) in line with an
    audit's ``findings`` as of ``as_of``, at ``now``."""
    wanted = set(codes) if codes is not None else None
    by_key: dict[str, Finding] = {}
    for f in findings:
        if wanted is None or f.code in wanted:
            key = finding_key(f)
            n = 1
            while key in by_key:  # two findings alike but for their figures: the second is its own
                n += 1
                key = hashlib.sha256(f"{finding_key(f)}#{n}".encode()).hexdigest()
            by_key[key] = f
    home_ids = sorted(h.pk for h in homes)
    with transaction.atomic():
        # One store at a time per home (two workers may audit a home at once): its HomeAudit row,
        # locked in the order of the homes so that two stores of many homes cannot deadlock.
        HomeAudit.objects.bulk_create([HomeAudit(home_id=i) for i in home_ids], ignore_conflicts=True)
        list(HomeAudit.objects.select_for_update().filter(home_id__in=home_ids).order_by("home_id"))
        open_rows = StoredFinding.objects.select_for_update().filter(home_id__in=home_ids, resolved_at__isnull=True)
        if wanted is not None:
            open_rows = open_rows.filter(code__in=wanted)
        existing = {row.key: row for row in open_rows}
        gone = [row.pk for key, row in existing.items() if key not in by_key]
        StoredFinding.objects.filter(pk__in=gone).update(resolved_at=now)
        again = []
        for key, row in existing.items():
            seen = by_key.get(key)
            if seen is None:
                continue
            f = seen
            row.severity, row.message, row.as_of, row.last_seen_at = f.severity, f.message, as_of, now
            row.subject, row.evidence = _ref_json(f.subject), [_ref_json(e) for e in f.evidence]
            again.append(row)
        StoredFinding.objects.bulk_update(
            again, ["severity", "message", "as_of", "last_seen_at", "subject", "evidence"], batch_size=500
        )
        opened = StoredFinding.objects.bulk_create(
            [
                StoredFinding(
                    key=key,
                    home=f.home,
                    code=f.code,
                    regulation=f.regulation,
                    standard=f.standard,
                    severity=f.severity,
                    subject=_ref_json(f.subject),
                    message=f.message,
                    evidence=[_ref_json(e) for e in f.evidence],
                    due=f.due,
                    as_of=as_of,
                    first_seen_at=now,
                    last_seen_at=now,
                )
                for key, f in by_key.items()
                if key not in existing
            ],
            batch_size=500,
        )
    return StoreResult(opened=opened, seen_again=len(again), resolved=len(gone))


def stored_as_findings(rows: Iterable[StoredFinding], homes: Sequence[Home]) -> list[Finding]:
    """Stored rows as the ``Finding`` objects pages and the audit's JSON are made from."""
    by_id = {h.pk: h for h in homes}

    def ref(data: dict[str, str]) -> Ref:
        return Ref(type=data["type"], id=data["id"], label=data["label"], url=data.get("url", ""))

    return [
        Finding(
            code=row.code,
            regulation=row.regulation,
            standard=row.standard,
            severity=row.severity,
            home=by_id[row.home_id],
            subject=ref(row.subject),
            message=row.message,
            evidence=tuple(ref(e) for e in row.evidence),
            due=row.due,
            first_seen=row.first_seen_at,
            key=row.key,
            acknowledged=_acknowledged(row),
        )
        for row in rows
    ]


def _acknowledged(row: StoredFinding) -> str:
    if row.acknowledged_at is None:
        return ""
    who = row.acknowledged_by.get_full_name() if row.acknowledged_by else ""
    return f"{who or 'Someone'}, {timezone.localtime(row.acknowledged_at):%-d %B %Y}"


def finding_acknowledge(*, actor: Any, home: Home, key: str, now: datetime.datetime | None = None) -> StoredFinding:
    """A manager has seen the finding and taken it on: kept with who and when (it stays open
    until the rule stops finding it)."""
    from django.core.exceptions import ValidationError

    from hearth.audit.services import audit_event_record

    row = StoredFinding.objects.filter(home=home, key=key, resolved_at__isnull=True).first()
    if row is None:
        raise ValidationError({"finding": "That finding has been put right or is no longer open."})
    if row.acknowledged_at is None:
        row.acknowledged_at, row.acknowledged_by = now or timezone.now(), actor
        row.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_event_record(actor=actor, action="acknowledged a finding", obj=home, home=home, reason=row.message[:500])
    return row


def homes_refresh(
    homes: Sequence[Home], *, as_of: datetime.date, now: datetime.datetime, codes: Sequence[str] | None = None
) -> StoreResult:
    """Audit ``homes`` as of ``as_of`` (every rule, or ``codes``), store the findings and tell the
    people who must act about new ones. When every rule a home's own audit runs was run, the
    home's ``HomeAudit`` records it, with the newest audit event at the home before the run, so
    that a save after it is known to be newer.

    A home's first audit is its baseline: what it finds is stored, not announced, or the first run
    after Hearth starts watching a home would mail its managers every finding it already had."""
    from hearth.notifications.services import deadlines_notify_homes, findings_opened_notify
    from hearth.oversight.engine import home_rule_codes, run_audit

    newest = newest_events(homes)
    watched = set(
        HomeAudit.objects.filter(home_id__in=[h.pk for h in homes], last_run_at__isnull=False).values_list(
            "home_id", flat=True
        )
    )
    found = run_audit(homes=homes, as_of=as_of, codes=codes)
    result = findings_store(homes=homes, findings=found, as_of=as_of, now=now, codes=codes)
    if codes is None or set(codes) >= set(home_rule_codes()):
        _audits_record(homes, as_of=as_of, now=now, newest=newest)
    findings_opened_notify([row for row in result.opened if row.home_id in watched], now=now)
    deadlines_notify_homes(homes, now=now)
    return result


def _audits_record(
    homes: Sequence[Home], *, as_of: datetime.date, now: datetime.datetime, newest: dict[int, int]
) -> None:
    """Each home's ``HomeAudit``: audited now, as of ``as_of``, up to its newest event. A fixed
    number of queries however many homes."""
    existing = {a.home_id: a for a in HomeAudit.objects.filter(home_id__in=[h.pk for h in homes])}
    for state in existing.values():
        state.last_run_at, state.last_as_of, state.last_event_id = now, as_of, newest.get(state.home_id, 0)
    HomeAudit.objects.bulk_update(existing.values(), ["last_run_at", "last_as_of", "last_event_id"], batch_size=500)
    HomeAudit.objects.bulk_create(
        [
            HomeAudit(home=h, last_run_at=now, last_as_of=as_of, last_event_id=newest.get(h.pk, 0))
            for h in homes
            if h.pk not in existing
        ],
        batch_size=500,
    )


def newest_events(homes: Sequence[Home]) -> dict[int, int]:
    """Each home's newest audit event id (0 for none), in one query on the (home, -id) index."""
    from django.db.models import OuterRef, Subquery

    from hearth.audit.models import AuditEvent

    newest = AuditEvent.objects.filter(home=OuterRef("pk")).order_by("-id").values("id")[:1]
    rows = Home.objects.filter(pk__in=[h.pk for h in homes]).annotate(newest=Subquery(newest))
    return {pk: n or 0 for pk, n in rows.values_list("pk", "newest")}
