"""Writes for measures of control, discipline and restriction (Regulations 19 and 20; models.py).

A measure Regulation 19(2) prohibits is refused when it is recorded, naming the paragraph
(``prohibited.py``); a bundle loading the home's past records keeps what was written
(``enforce_checks=False``) and ``sanction.prohibited`` finds it."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.control.models import ControlMeasure
from hearth.control.prohibited import prohibited_in
from hearth.core.services import Actor, claim_next_version, sign_off, signed_record_create
from hearth.homes.models import Home


@transaction.atomic
def control_measure_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    kind: str,
    at: datetime.datetime,
    measure: str,
    reason: str,
    decided_by_name: str,
    amount: Decimal | None = None,
    ends: str = "",
    child_view: str = "",
    child_view_recorded_at: datetime.datetime | None = None,
    reviewed_at: datetime.datetime | None = None,
    review_comment: str = "",
    recorded_by_name: str | None = None,
    external_id: str | None = None,
    enforce_checks: bool = True,
) -> ControlMeasure:
    """Record a consequence, sanction or restriction of liberty (Reg 35(3)(a): within 24 hours). A
    bundle may carry when the child's view and the manager's review were recorded."""
    errors: dict[str, str] = {}
    if not measure.strip():
        errors["measure"] = "Say what was done, and for how long."
    if not reason.strip():
        errors["reason"] = "Say what the child did, or the risk, that led to it."
    if not decided_by_name.strip():
        errors["decided_by_name"] = "Say who decided it."
    if kind == ControlMeasure.Kind.REPARATION and amount is None:
        errors["amount"] = "Give the sum the child pays towards the damage (it may be paid in instalments)."
    if amount is not None and amount <= 0:
        errors["amount"] = "The sum must be more than £0."
    if enforce_checks:
        if at > timezone.now():
            errors["at"] = "This cannot be in the future."
        breaches = prohibited_in(measure)
        if breaches:
            errors["measure"] = " ".join(b.refusal for b in breaches)
    return signed_record_create(
        ControlMeasure,
        "control_measure.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        kind=kind,
        at=at,
        measure=measure.strip(),
        reason=reason.strip(),
        decided_by_name=decided_by_name.strip(),
        amount=amount,
        ends=ends.strip(),
        child_view=child_view.strip(),
        child_view_recorded_at=(child_view_recorded_at or timezone.now()) if child_view.strip() else None,
        reviewed_at=reviewed_at if review_comment.strip() else None,
        review_comment=review_comment.strip(),
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def control_child_view_record(*, actor: Actor, measure: ControlMeasure, child_view: str) -> ControlMeasure:
    """The child's own view of the measure, in their words (Reg 7; the Guide 9.34)."""
    if measure.child_view_recorded_at is not None:
        raise ValidationError({"child_view": "The child's view was already recorded."})
    if not child_view.strip():
        raise ValidationError({"child_view": "Write what the child said, in their words."})
    claim_next_version(measure)
    measure.child_view = child_view.strip()
    measure.child_view_recorded_at = timezone.now()
    measure.save(update_fields=["child_view", "child_view_recorded_at", "version", "updated_at"])
    audit_event_record(actor=actor, action="control_measure.child_view", obj=measure, home=measure.home)
    return measure


@transaction.atomic
def control_review_record(
    *, actor: Actor, measure: ControlMeasure, comment: str, at: datetime.datetime | None = None
) -> ControlMeasure:
    """A manager reviews the measure: proportionate, lawful, and what the child said (Reg 13(2)(h);
    Reg 20 for a restriction of liberty)."""
    sign_off(
        actor=actor,
        obj=measure,
        fields=("reviewed_at", "reviewed_by", "review_comment"),
        comment=comment,
        at=at,
        home=measure.home,
        action="control_measure.reviewed",
        reason="Reviewed by a manager",
        already="A manager has already reviewed this measure.",
        comment_needed="Say whether the measure was proportionate and what follows.",
    )
    return measure
