"""Writes for education (models.py says which regulation asks for each)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, signature_name, signed_record_create
from hearth.education.codes import CODES
from hearth.education.models import AbsenceAction, AttendanceMark, Exclusion, PepReview, Provision
from hearth.homes.models import Home


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _future(errors: dict[str, str], name: str, day: datetime.date | None) -> None:
    if day is not None and day > timezone.localdate():
        errors[name] = "The date is in the future."


@transaction.atomic
def provision_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    name: str,
    kind: str,
    starts_on: datetime.date,
    designated_teacher: str = "",
    virtual_school_contact: str = "",
    hours_per_week: int | None = None,
    ends_on: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> Provision:
    """Where the child is educated (Reg 8(2)(b): the registered person helps each child attend)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Enter the name of the school, college or provision."
    if kind not in Provision.Kind.values:
        errors["kind"] = "Choose what kind of education it is."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day is before the first."
    if hours_per_week is not None and hours_per_week > 40:
        errors["hours_per_week"] = "Hours a week can be at most 40."
    return signed_record_create(
        Provision,
        "education_provision.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        name=name.strip(),
        kind=kind,
        designated_teacher=designated_teacher.strip(),
        virtual_school_contact=virtual_school_contact.strip(),
        hours_per_week=hours_per_week,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def pep_review_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    held_on: datetime.date,
    attended_by: str,
    targets: str,
    child_views: str = "",
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> PepReview:
    """A termly review of the Personal Education Plan (the Guide, 5.14; statutory guidance on
    promoting the education of looked-after children, 2018)."""
    errors: dict[str, str] = {}
    if not attended_by.strip():
        errors["attended_by"] = "Say who took part (for example the designated teacher, the social worker, the child)."
    if not targets.strip():
        errors["targets"] = "Write the targets agreed."
    _future(errors, "held_on", held_on)
    return signed_record_create(
        PepReview,
        "pep_review.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        held_on=held_on,
        attended_by=attended_by.strip(),
        targets=targets.strip(),
        child_views=child_views.strip(),
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def attendance_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    on: datetime.date,
    session: str,
    code: str,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> AttendanceMark:
    """One session's register mark, as the school reported it."""
    errors: dict[str, str] = {}
    if code not in CODES:
        errors["code"] = "Choose the attendance code the school gave."
    if session not in AttendanceMark.Session.values:
        errors["session"] = "Choose the morning or the afternoon."
    _future(errors, "on", on)
    _raise(errors)
    try:
        with transaction.atomic():
            mark = AttendanceMark.objects.create(
                external_id=external_id,
                home=home,
                child=child,
                on=on,
                session=session,
                code=code,
                recorded_by_name=recorded_by_name or signature_name(actor),
                created_by=actor_or_none(actor),
            )
    except IntegrityError:
        raise ValidationError(
            {
                "on": f"The {dict(AttendanceMark.Session.choices)[session].lower()} of {on:%-d %B %Y} is already recorded."
            }
        ) from None
    audit_event_record(actor=actor, action="attendance.recorded", obj=mark, home=home)
    return mark


@transaction.atomic
def attendance_day_record(
    *, actor: Actor, home: Home, child: Child, on: datetime.date, am: str, pm: str
) -> list[AttendanceMark]:
    """Both sessions of a day, from one form: saved together or not at all."""
    return [
        attendance_record(actor=actor, home=home, child=child, on=on, session=session, code=code)
        for session, code in (("am", am), ("pm", pm))
    ]


@transaction.atomic
def exclusion_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    kind: str,
    starts_on: datetime.date,
    reason: str,
    ends_on: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> Exclusion:
    """A suspension or exclusion (Reg 8: the home works with the school to keep the child learning)."""
    errors: dict[str, str] = {}
    if kind not in Exclusion.Kind.values:
        errors["kind"] = "Choose a suspension or a permanent exclusion."
    if not reason.strip():
        errors["reason"] = "Say why, as the school gave it."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day is before the first."
    return signed_record_create(
        Exclusion,
        "exclusion.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def absence_action_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    on: datetime.date,
    action: str,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> AbsenceAction:
    """What the home did about missed education (rules.md education.attendance_low)."""
    errors: dict[str, str] = {}
    if not action.strip():
        errors["action"] = "Say what was done (for example a meeting with the school, a plan to get there)."
    _future(errors, "on", on)
    return signed_record_create(
        AbsenceAction,
        "absence_action.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        on=on,
        action=action.strip(),
        recorded_by_name=recorded_by_name,
    )
