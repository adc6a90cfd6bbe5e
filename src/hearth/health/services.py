"""Writes for the child's health record (models.py says which regulation asks for each).

Each service validates its record, saves it signed with the writer's name and audits it; they
share ``core.services.signed_record_create``."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, signed_record_create
from hearth.health.body import BY_CODE
from hearth.health.models import (
    Accident,
    Appointment,
    Condition,
    ConsentHolder,
    HealthAssessment,
    HealthService,
    Registration,
)
from hearth.homes.models import Home


def _required(errors: dict[str, str], **values: tuple[str, str]) -> None:
    """``name=(value, message)``: the message for each value left empty."""
    for name, (value, message) in values.items():
        if not str(value or "").strip():
            errors[name] = message


def _not_future(errors: dict[str, str], name: str, day: datetime.date | None) -> None:
    if day is not None and day > timezone.localdate():
        errors[name] = "The date is in the future."


@transaction.atomic
def registration_record(
    *, actor: Actor, home: Home, child: Child, kind: str, practice: str, registered_on: datetime.date, **extra: Any
) -> Registration:
    """Registered with a GP, dentist or optician (Reg 10(2)(a): access to health services)."""
    errors: dict[str, str] = {}
    _required(errors, practice=(practice, "Enter the practice's name."))
    if kind not in Registration.Kind.values:
        errors["kind"] = "Choose a GP, dentist or optician."
    _not_future(errors, "registered_on", registered_on)
    return signed_record_create(
        Registration,
        "health_registration.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        kind=kind,
        practice=practice.strip(),
        registered_on=registered_on,
        **extra,
    )


@transaction.atomic
def condition_record(
    *, actor: Actor, home: Home, child: Child, kind: str, name: str, what_to_do: str = "", **extra: Any
) -> Condition:
    """An allergy, condition or disability, and what staff do about it (Reg 10(2))."""
    errors: dict[str, str] = {}
    _required(errors, name=(name, "Enter the allergy or condition."))
    if kind not in Condition.Kind.values:
        errors["kind"] = "Choose an allergy, a condition or a disability."
    return signed_record_create(
        Condition,
        "health_condition.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        kind=kind,
        name=name.strip(),
        what_to_do=what_to_do.strip(),
        **extra,
    )


@transaction.atomic
def consent_holder_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    name: str,
    relationship: str,
    consents_to_treatment: bool = True,
    contact: str = "",
    **extra: Any,
) -> ConsentHolder:
    """Someone with parental responsibility, who may consent to treatment (Guide, 7.12)."""
    errors: dict[str, str] = {}
    _required(
        errors,
        name=(name, "Enter their name."),
        relationship=(relationship, "Say how they hold parental responsibility."),
    )
    return signed_record_create(
        ConsentHolder,
        "consent_holder.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        name=name.strip(),
        relationship=relationship.strip(),
        consents_to_treatment=consents_to_treatment,
        contact=contact.strip(),
        **extra,
    )


@transaction.atomic
def health_assessment_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    by: str,
    held_on: datetime.date | None = None,
    booked_for: datetime.date | None = None,
    outcome: str = "",
    **extra: Any,
) -> HealthAssessment:
    """A statutory health assessment held or booked (Reg 10; the looked-after children health
    assessments: every 12 months from age 5, every 6 months under 5)."""
    errors: dict[str, str] = {}
    _required(errors, by=(by, "Say who holds it (for example the looked-after children's nurse)."))
    if held_on is None and booked_for is None:
        errors["held_on"] = "Enter the day it was held, or the day it is booked for."
    _not_future(errors, "held_on", held_on)
    if held_on is not None and not outcome.strip():
        errors["outcome"] = "Write what the assessment found and recommended."
    return signed_record_create(
        HealthAssessment,
        "health_assessment.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        by=by.strip(),
        held_on=held_on,
        booked_for=booked_for,
        outcome=outcome.strip(),
        **extra,
    )


@transaction.atomic
def appointment_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    at: datetime.datetime,
    kind: str,
    with_whom: str,
    attendance: str = Appointment.Attendance.BOOKED,
    outcome: str = "",
    **extra: Any,
) -> Appointment:
    """An appointment, and whether the child went (Reg 10(2)(a))."""
    errors: dict[str, str] = {}
    _required(errors, with_whom=(with_whom, "Say who the appointment is with."))
    if kind not in Appointment.Kind.values:
        errors["kind"] = "Choose what kind of appointment it is."
    if attendance not in Appointment.Attendance.values:
        errors["attendance"] = "Choose whether it is booked, attended, missed or cancelled."
    elif attendance in (Appointment.Attendance.ATTENDED, Appointment.Attendance.DID_NOT_ATTEND) and at > timezone.now():
        errors["attendance"] = "The appointment is in the future: it can only be booked or cancelled."
    return signed_record_create(
        Appointment,
        "appointment.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        at=at,
        kind=kind,
        with_whom=with_whom.strip(),
        attendance=attendance,
        outcome=outcome.strip(),
        **extra,
    )


@transaction.atomic
def appointment_outcome_record(*, actor: Actor, appointment: Appointment, attendance: str, outcome: str) -> Appointment:
    """After the appointment: whether the child went, and what was said."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    errors: dict[str, str] = {}
    if attendance not in Appointment.Attendance.values or attendance == Appointment.Attendance.BOOKED:
        errors["attendance"] = "Choose whether they attended, did not attend, or it was cancelled."
    elif attendance != Appointment.Attendance.CANCELLED and appointment.at > timezone.now():
        errors["attendance"] = "The appointment has not happened yet."
    if attendance == Appointment.Attendance.ATTENDED and not outcome.strip():
        errors["outcome"] = "Write what was said or agreed."
    if errors:
        raise ValidationError(errors)
    appointment.attendance, appointment.outcome = attendance, outcome.strip()
    appointment.version += 1
    appointment.updated_by = actor_or_none(actor)
    appointment.save(update_fields=["attendance", "outcome", "version", "updated_by", "updated_at"])
    audit_event_record(actor=actor, action="appointment.updated", obj=appointment, home=appointment.home)
    return appointment


@transaction.atomic
def health_service_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    name: str,
    starts_on: datetime.date,
    contact: str = "",
    ends_on: datetime.date | None = None,
    **extra: Any,
) -> HealthService:
    """A service working with the child, such as CAMHS (Reg 10(2)(a))."""
    errors: dict[str, str] = {}
    _required(errors, name=(name, "Enter the service's name."))
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The end is before the start."
    return signed_record_create(
        HealthService,
        "health_service.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        name=name.strip(),
        contact=contact.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        **extra,
    )


@transaction.atomic
def accident_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    occurred_at: datetime.datetime,
    where: str,
    what_happened: str,
    body_areas: list[str],
    first_aid: str = "",
    recorded_at: datetime.datetime | None = None,
    **extra: Any,
) -> Accident:
    """An accident or injury with its body map (Schedule 4, paragraph 9: accidents recorded)."""
    errors: dict[str, str] = {}
    _required(
        errors,
        where=(where, "Say where it happened."),
        what_happened=(what_happened, "Say what happened."),
    )
    unknown = [a for a in body_areas if a not in BY_CODE]
    if unknown:
        errors["body_areas"] = f"Unknown part of the body: {', '.join(unknown)}."
    now = recorded_at or timezone.now()
    if occurred_at > now + datetime.timedelta(minutes=5):
        errors["occurred_at"] = "The time is in the future."
    return signed_record_create(
        Accident,
        "accident.created",
        actor=actor,
        home=home,
        errors=errors,
        child=child,
        occurred_at=occurred_at,
        where=where.strip(),
        what_happened=what_happened.strip(),
        body_areas=sorted(set(body_areas)),
        first_aid=first_aid.strip(),
        recorded_at=now,
        **extra,
    )
