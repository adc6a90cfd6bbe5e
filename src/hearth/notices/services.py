"""Writes for notices about the home (Part 7; models.py, deadlines.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.core.dates import today
from hearth.core.services import Actor, claim_next_version, signature_name, signed_record_create
from hearth.homes.models import Home
from hearth.notices.deadlines import notice_due
from hearth.notices.models import HomeNotice

ABSENCES = (HomeNotice.Kind.ABSENCE_PLANNED, HomeNotice.Kind.ABSENCE_UNPLANNED)


@transaction.atomic
def home_notice_record(
    *,
    actor: Actor,
    home: Home,
    kind: str,
    event_on: datetime.date,
    details: str,
    arrangements: str = "",
    expected_until: datetime.date | None = None,
    due_on: datetime.date | None = None,
    sent_on: datetime.date | None = None,
    sent_reference: str = "",
    follows: HomeNotice | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
    enforce_checks: bool = True,
) -> HomeNotice:
    """A notice Part 7 requires, with its deadline worked out (``deadlines.notice_due``) unless Ofsted
    agreed another (``due_on``)."""
    errors: dict[str, str] = {}
    if not details.strip():
        errors["details"] = "Say what the notice is about: the reason, and what it must tell Ofsted."
    if kind in ABSENCES:
        if not arrangements.strip():
            errors["arrangements"] = (
                "Say who runs the home during the absence, with their qualifications (Regulation 48(2)(b))."
            )
        if expected_until is not None and (expected_until - event_on).days < 28:
            errors["expected_until"] = "A notice is needed for an absence of 28 days or more; this one is shorter."
    if sent_on is not None and enforce_checks and sent_on > today():
        errors["sent_on"] = "The day it was sent cannot be in the future."
    return signed_record_create(
        HomeNotice,
        "home_notice.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        kind=kind,
        event_on=event_on,
        expected_until=expected_until,
        details=details.strip(),
        arrangements=arrangements.strip(),
        due_on=due_on or notice_due(kind, event_on),
        sent_on=sent_on,
        sent_reference=sent_reference.strip(),
        sent_by_name=signature_name(actor) if sent_on else "",
        follows=follows,
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def home_notice_sent_record(
    *, actor: Actor, notice: HomeNotice, sent_on: datetime.date, sent_reference: str = ""
) -> HomeNotice:
    """The notice went to Ofsted: the day and Ofsted's reference."""
    if notice.sent_on is not None:
        raise ValidationError({"sent_on": f"It was already recorded as sent on {notice.sent_on:%-d %B %Y}."})
    if sent_on > today():
        raise ValidationError({"sent_on": "The day it was sent cannot be in the future."})
    claim_next_version(notice)
    notice.sent_on = sent_on
    notice.sent_reference = sent_reference.strip()
    notice.sent_by_name = signature_name(actor)
    notice.save(update_fields=["sent_on", "sent_reference", "sent_by_name", "version", "updated_at"])
    audit_event_record(actor=actor, action="home_notice.sent", obj=notice, home=notice.home)
    return notice


@transaction.atomic
def manager_return_record(*, actor: Actor, absence: HomeNotice, returned_on: datetime.date, details: str) -> HomeNotice:
    """The manager is back: the notice of return falls due 7 days on (Reg 48(5))."""
    errors: dict[str, str] = {}
    if absence.kind not in ABSENCES:
        errors["returned_on"] = "A return follows a notice of absence."
    elif absence.followed_by.exists():
        errors["returned_on"] = "The return from this absence is already recorded."
    elif returned_on < absence.event_on:
        errors["returned_on"] = "The return cannot be before the absence began."
    if returned_on > today():
        errors["returned_on"] = "Record the return on the day it happens, not before."
    if errors:
        raise ValidationError(errors)
    return home_notice_record(
        actor=actor,
        home=absence.home,
        kind=HomeNotice.Kind.RETURN,
        event_on=returned_on,
        details=details or f"Returned to duty on {returned_on:%-d %B %Y}.",
        follows=absence,
    )
