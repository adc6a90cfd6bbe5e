"""Importing an Ofsted report into a home: the inspection, its judgements and history, and each
statutory requirement and recommendation as an action to track to completion (domain.md 10.3:
"Track both as actions with reference, due date, owner and evidence"; Reg 13(2)(h)).

The report is what ``hearth.inspections.parser`` read; nothing is guessed here either. A report
that lacks what an action needs (a requirement without a due date, a missing inspection date) is
refused with each gap named. Importing the same inspection again changes nothing.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.core.services import Actor, actor_or_none, signature_name
from hearth.homes.models import Home
from hearth.inspections.models import Inspection, InspectionType, PastInspection
from hearth.oversight.models import Action
from hearth.oversight.services import action_create

TITLE_LENGTH = 160


@dataclass(frozen=True)
class ImportResult:
    inspection: Inspection
    created: bool
    requirements: int = 0
    recommendations: int = 0
    history_added: int = 0

    @property
    def summary(self) -> str:
        if not self.created:
            return f"{self.inspection} was already imported; nothing changed"
        return (
            f"{self.inspection}: {self.requirements} requirement(s) and {self.recommendations} recommendation(s) "
            f"added as actions, {self.history_added} history row(s) added"
        )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def same_urn(first: str, second: str) -> bool:
    """URNs compare without their "SC" prefix, which extraction sometimes loses."""

    def digits(urn: str) -> str:
        return re.sub(r"^SC", "", urn.strip().upper())

    return digits(first) == digits(second)


def _iso(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def import_problems(*, home: Home, report: dict[str, Any]) -> list[str]:
    """What stops ``report`` being imported into ``home``; empty if nothing does."""
    problems = []
    urn = report.get("urn")
    if not urn:
        problems.append("The report's unique reference number was not found, so it cannot be matched to the home.")
    elif not same_urn(urn, home.urn):
        problems.append(f"This report is for the home with URN {urn}; {home.name} is {home.urn}.")
    if report.get("inspection_type") not in InspectionType.values:
        problems.append("The type of inspection (full, interim, monitoring or assurance) was not found.")
    dates = report.get("inspection_dates") or {}
    start, end = _iso(dates.get("start")), _iso(dates.get("end"))
    if start is None or end is None or end < start:
        problems.append("The inspection dates were not found.")
    for number, requirement in enumerate(report.get("requirements") or [], start=1):
        if _iso(requirement.get("due_date")) is None:
            problems.append(f"Requirement {number} has no due date that could be read, so it cannot be tracked.")
        if not (requirement.get("text") or "").strip():
            problems.append(f"Requirement {number} has no text.")
    return problems


def action_title(text: str) -> str:
    """A requirement's first sentence, cut at a word if long, as the action's title."""
    first = re.split(r"(?<=[.;])\s", text.strip(), maxsplit=1)[0]
    if len(first) <= TITLE_LENGTH:
        return first
    return first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"


def _guide_reference(reference: dict[str, Any] | None) -> str:
    if not reference:
        return ""
    parts = [f"page {reference['page']}"] if reference.get("page") else []
    paragraphs = reference.get("paragraphs") or []
    if paragraphs:
        parts.append(("paragraph " if len(paragraphs) == 1 else "paragraphs ") + ", ".join(paragraphs))
    return "Guide, " + ", ".join(parts) if parts else "Guide"


def _headline_judgement(inspection: Inspection) -> str:
    judgements = inspection.judgements
    return str(judgements.get("overall_experiences_and_progress") or judgements.get("effectiveness") or "")


@transaction.atomic
def inspection_record(
    *,
    actor: Actor,
    home: Home,
    report: dict[str, Any],
    source_name: str,
    source_sha256: str,
    by_name: str = "",
    external_id: str | None = None,
) -> tuple[Inspection, int | None]:
    """Store the inspection a report describes, and its history rows; returns the inspection and
    how many history rows were added, or ``None`` if the home already had the inspection. Its requirements become actions in ``inspection_import`` (a records
    bundle carries them as actions of its own)."""
    problems = import_problems(home=home, report=report)
    if problems:
        raise ValidationError(problems)
    dates = report["inspection_dates"]
    start, end = _iso(dates["start"]), _iso(dates["end"])
    assert start is not None and end is not None
    existing = Inspection.objects.filter(home=home, inspection_type=report["inspection_type"], start_on=start).first()
    if existing is not None:
        return existing, None
    inspection = Inspection.objects.create(
        external_id=external_id,
        home=home,
        urn=report["urn"],
        provider_name=report.get("provider") or "",
        inspection_type=report["inspection_type"],
        start_on=start,
        end_on=end,
        judgements=report.get("judgements") or {},
        enforcement=report.get("enforcement") or [],
        details=report.get("details") or {},
        report=report,
        source_name=source_name[:300],
        source_sha256=source_sha256,
        imported_by_name=by_name if by_name and actor_or_none(actor) is None else signature_name(actor),
        created_by=actor_or_none(actor),
    )
    added = _record_history(home=home, inspection=inspection, rows=report.get("history") or [])
    audit_event_record(actor=actor, action="inspection.imported", obj=inspection, home=home)
    return inspection, added


@transaction.atomic
def inspection_import(
    *, actor: Actor, home: Home, report: dict[str, Any], source_name: str, source_sha256: str, by_name: str = ""
) -> ImportResult:
    """Store the inspection and turn its requirements and recommendations into actions.
    ``by_name`` signs an import made with no user (the command line)."""
    inspection, history_added = inspection_record(
        actor=actor, home=home, report=report, source_name=source_name, source_sha256=source_sha256, by_name=by_name
    )
    if history_added is None:
        return ImportResult(inspection, created=False)
    start, end = inspection.start_on, inspection.end_on
    reference = f"Ofsted {inspection.get_inspection_type_display().lower()}, {start:%-d %B %Y}"
    for requirement in report.get("requirements") or []:
        due = _iso(requirement["due_date"])
        assert due is not None
        action_create(
            actor=actor,
            home=home,
            source=Action.Source.OFSTED_REQUIREMENT,
            title=action_title(requirement["text"]),
            detail=requirement["text"],
            regulation=", ".join(requirement.get("regulations") or [])[:100],
            source_reference=reference,
            due_on=due,
            inspection=inspection,
            compliance_notice=bool(requirement.get("compliance_notice")),
        )
    recommendation_due = end + datetime.timedelta(days=settings.HEARTH_INSPECTIONS["recommendation_due_days"])
    for recommendation in report.get("recommendations") or []:
        action_create(
            actor=actor,
            home=home,
            source=Action.Source.OFSTED_RECOMMENDATION,
            title=action_title(recommendation["text"]),
            detail=recommendation["text"],
            source_reference=" · ".join(
                p for p in (reference, _guide_reference(recommendation.get("guide_reference"))) if p
            )[:200],
            due_on=recommendation_due,
            inspection=inspection,
        )
    return ImportResult(
        inspection,
        created=True,
        requirements=len(report.get("requirements") or []),
        recommendations=len(report.get("recommendations") or []),
        history_added=history_added,
    )


def _record_history(*, home: Home, inspection: Inspection, rows: list[dict[str, Any]]) -> int:
    """Add the report's history rows, and the inspection itself, to the home's history. A row
    already there (same day and type) is kept as it is."""
    wanted = [(inspection.start_on, inspection.inspection_type, _headline_judgement(inspection))]
    for row in rows:
        day = _iso(row.get("date"))
        if day is not None and row.get("type"):
            wanted.append((day, str(row["type"])[:30], str(row.get("judgement") or "")[:100]))
    known = set(
        PastInspection.objects.filter(home=home, inspected_on__in=[w[0] for w in wanted]).values_list(
            "inspected_on", "inspection_type"
        )
    )
    added = 0
    for day, kind, judgement in wanted:
        if (day, kind) not in known:
            PastInspection.objects.create(
                home=home,
                inspected_on=day,
                inspection_type=kind,
                judgement=judgement,
                source_name=inspection.source_name,
            )
            known.add((day, kind))
            added += 1
    return added
