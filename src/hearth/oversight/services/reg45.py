"""Regulation 45 reviews of the quality of care: a draft that gathers the period's figures and
findings by quality standard, completed by the registered person, then sent to Ofsted within 28
days (Reg 45(1) to (4))."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.core.dates import today
from hearth.core.services import Actor, actor_or_none, apply_changes, signature_name
from hearth.homes.models import Home
from hearth.oversight.engine import PROTECTION, QUALITY_STANDARDS, run_audit
from hearth.oversight.models import Reg45Review
from hearth.oversight.selectors.monitoring import period_figures

# Ofsted expects every review to cover missing and exploitation (domain.md 5.2), whatever it found.
ALWAYS_EVALUATED = (PROTECTION,)
VIEWS = {
    "views_of_children": "the children",
    "views_of_parents": "parents",
    "views_of_placing_authorities": "placing authorities",
    "views_of_staff": "staff",
}


def _gathered_findings(home: Home, as_of: datetime.date) -> list[dict[str, Any]]:
    return [
        {
            "standard": f.standard,
            "code": f.code,
            "regulation": f.regulation,
            "severity": f.severity,
            "message": f.message,
        }
        for f in run_audit(homes=[home], as_of=as_of)
    ]


@transaction.atomic
def reg45_review_start(
    *,
    actor: Actor,
    home: Home,
    period_start: datetime.date,
    period_end: datetime.date,
    external_id: str | None = None,
    **fields: Any,
) -> Reg45Review:
    """Start a review of the period: its figures and the findings as of its last day are gathered
    into the draft for the manager to evaluate (a bundle carries those its review was written with)."""
    if period_end < period_start:
        raise ValidationError({"period_end": "The period ends before it starts."})
    if period_end > today():
        raise ValidationError({"period_end": "A review covers a period that is over; the end cannot be in the future."})
    overlapping = Reg45Review.objects.filter(
        home=home, period_start__lte=period_end, period_end__gte=period_start
    ).first()
    if overlapping is not None:
        raise ValidationError({"period_start": f"This period overlaps the {overlapping}."})
    review = Reg45Review.objects.create(
        external_id=external_id,
        home=home,
        period_start=period_start,
        period_end=period_end,
        figures=fields.pop("figures", None) or period_figures(home=home, start=period_start, end=period_end),
        findings=fields.pop("findings", None) or _gathered_findings(home, period_end),
        created_by=actor_or_none(actor),
        **fields,
    )
    audit_event_record(actor=actor, action="reg45_review.started", obj=review, home=home)
    return review


def standards_to_evaluate(review: Reg45Review) -> list[str]:
    """Every standard with a finding in the period, and protection always, in regulation order."""
    wanted = {f["standard"] for f in review.findings} | set(ALWAYS_EVALUATED)
    return [s for s in QUALITY_STANDARDS if s in wanted]


@transaction.atomic
def reg45_review_update(
    *, actor: Actor, review: Reg45Review, expected_version: int | None = None, **fields: Any
) -> list[str]:
    """Write the draft's evaluation and the views gathered. A completed review never changes."""
    if review.completed_on is not None:
        raise ValidationError("This review is completed and signed; it can no longer be changed.")
    unknown = set(fields.get("evaluation", {})) - set(QUALITY_STANDARDS)
    if unknown:
        raise ValidationError({"evaluation": f"Not a quality standard: {', '.join(sorted(unknown))}."})
    changed = apply_changes(instance=review, changes=fields, actor=actor, expected_version=expected_version)
    if changed:
        audit_event_record(
            actor=actor, action="reg45_review.updated", obj=review, home=review.home, changed_fields=changed
        )
    return changed


@transaction.atomic
def reg45_review_complete(
    *, actor: Actor, review: Reg45Review, completed_on: datetime.date, completed_by_name: str = ""
) -> Reg45Review:
    """Complete and sign the review. Refused, naming each gap, until the standards with findings
    (and protection) are evaluated, the views of children, parents, placing authorities and staff
    are reported (Reg 45(3)) and the summary of improvements is written (Reg 45(4)(b))."""
    if review.completed_on is not None:
        raise ValidationError("This review is already completed.")
    gaps: dict[str, str] = {}
    # A review completed in another system and carried by a bundle stands as it was written there;
    # one completed here evaluates every standard the rules found wanting.
    missing = [s for s in standards_to_evaluate(review) if not str(review.evaluation.get(s, "")).strip()]
    if missing and actor_or_none(actor) is not None:
        gaps["evaluation"] = "Evaluate " + "; ".join(missing) + "."
    for name, who in VIEWS.items():
        if not getattr(review, name).strip():
            gaps[name] = f"Report the views of {who} (or why none could be gathered)."
    if not review.summary.strip():
        gaps["summary"] = "Write the summary: what the review found and what the home will do to improve."
    if completed_on > today():
        gaps["completed_on"] = "The completion date cannot be in the future."
    elif completed_on < review.period_end:
        gaps["completed_on"] = "A review is completed after the period it covers."
    if gaps:
        raise ValidationError(gaps)
    apply_changes(
        instance=review,
        changes={
            "completed_on": completed_on,
            "completed_by": actor_or_none(actor),
            "completed_by_name": completed_by_name
            if completed_by_name and actor_or_none(actor) is None
            else signature_name(actor),
        },
        actor=actor,
    )
    audit_event_record(actor=actor, action="reg45_review.completed", obj=review, home=review.home)
    return review


@transaction.atomic
def reg45_review_mark_sent(
    *, actor: Actor, review: Reg45Review, sent_on: datetime.date, sent_by_name: str = ""
) -> Reg45Review:
    """Record that the completed review went to Ofsted (Reg 45(4)(c): within 28 days)."""
    if review.completed_on is None:
        raise ValidationError("Complete the review before sending it.")
    if review.sent_to_ofsted_on is not None:
        raise ValidationError(f"This review was already sent on {review.sent_to_ofsted_on:%-d %B %Y}.")
    if sent_on > today():
        raise ValidationError({"sent_on": "The date sent cannot be in the future."})
    if sent_on < review.completed_on:
        raise ValidationError({"sent_on": "A review cannot be sent before it was completed."})
    apply_changes(
        instance=review,
        changes={
            "sent_to_ofsted_on": sent_on,
            "sent_by_name": sent_by_name if sent_by_name and actor_or_none(actor) is None else signature_name(actor),
        },
        actor=actor,
    )
    audit_event_record(actor=actor, action="reg45_review.sent", obj=review, home=review.home)
    return review
