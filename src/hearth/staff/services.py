"""Writes for staff: employment, vetting, exceptions, the rota, qualifications, training and
supervision (Regulations 28, 32 and 33; Schedule 2). Every write is audited."""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.core.services import Actor, actor_or_none, apply_changes, historical_time, signature_name
from hearth.core.uploads import looks_like
from hearth.homes.models import Home, Provider
from hearth.staff.catalogue import DEFAULT_COURSES
from hearth.staff.models import (
    Course,
    DbsUpdateCheck,
    Qualification,
    QualificationDeferral,
    Shift,
    StaffMember,
    Supervision,
    TrainingCompletion,
    VettingCheck,
    VettingException,
)
from hearth.staff.selectors import (
    staffing_setting,
    vetting_exceptions_in_force,
    vetting_outstanding_by_member,
)

Kind = VettingCheck.Kind
CERTIFICATE_TYPES = {"pdf", "jpg", "jpeg", "png"}


def _by(actor: Actor, given: str | None = None) -> str:
    """The name a record is signed with; a bundle (no person) carries the name it was signed with."""
    return given if given and actor_or_none(actor) is None else signature_name(actor)


def _not_in_future(value: datetime.date | None, field: str, today: datetime.date, what: str) -> None:
    if value is not None and value > today:
        raise ValidationError({field: f"The {what} cannot be in the future."})


@transaction.atomic
def staff_member_upsert(
    *,
    actor: Actor,
    external_id: str | None,
    home: Home,
    member: StaffMember | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> tuple[StaffMember, bool]:
    """Create or update a staff member's employment record (Reg 32; Schedule 4 staff details).

    The record to update is ``member``, or the one with ``external_id``; with neither, a new one.
    """
    if fields.get("end_date") and fields["end_date"] < fields["start_date"]:
        raise ValidationError({"end_date": "The end date is before the start date."})
    if member is None and external_id:
        member = StaffMember.objects.filter(external_id=external_id).first()
    if member is None:
        member = StaffMember.objects.create(
            external_id=external_id, home=home, created_by=actor_or_none(actor), **fields
        )
        audit_event_record(actor=actor, action="staff_member.created", obj=member, home=home)
        return member, True
    changed = apply_changes(
        instance=member, changes={"home": home, **fields}, actor=actor, expected_version=expected_version
    )
    if changed:
        audit_event_record(actor=actor, action="staff_member.updated", obj=member, home=home, changed_fields=changed)
    return member, bool(changed)


# --- vetting ------------------------------------------------------------------------------------

KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.DBS: ("dbs_certificate_number", "dbs_issued_on", "dbs_children_barred_list", "dbs_update_service"),
    Kind.REFERENCE: ("referee_name", "referee_organisation", "referee_is_latest_employer"),
    Kind.REASONS_FOR_LEAVING: ("not_applicable",),
}


def _check_vetting_fields(kind: str, fields: dict[str, Any], verified_on: datetime.date) -> None:
    errors: dict[str, str] = {}
    if kind == Kind.DBS:
        number = fields.get("dbs_certificate_number", "")
        if not (number.isdigit() and len(number) == 12):
            errors["dbs_certificate_number"] = "Enter the 12-digit certificate number, digits only."
        issued = fields.get("dbs_issued_on")
        if issued is None:
            errors["dbs_issued_on"] = "Enter the date the certificate was issued."
        elif issued > verified_on:
            errors["dbs_issued_on"] = "The certificate cannot be issued after the date it was checked."
    if kind == Kind.REFERENCE and not fields.get("referee_name", "").strip():
        errors["referee_name"] = "Enter who wrote the reference."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vetting_check_record(
    *,
    actor: Actor,
    member: StaffMember,
    kind: str,
    verified_on: datetime.date,
    evidence: str,
    today: datetime.date,
    external_id: str | None = None,
    verified_by_name: str | None = None,
    **fields: Any,
) -> VettingCheck:
    """Record one Schedule 2 check as verified by the person signing, on ``verified_on``.

    The DBS certificate number, issue date and barred-list answer are kept so that the
    ``staff.dbs_*`` rules can read them; a reference names its writer.
    """
    if kind not in Kind.values:
        raise ValidationError({"kind": f"Unknown check {kind!r}."})
    _not_in_future(verified_on, "verified_on", today, "date it was verified")
    allowed = KIND_FIELDS.get(kind, ())
    extra = {k: v for k, v in fields.items() if k in allowed}
    unexpected = set(fields) - set(allowed)
    if unexpected:
        raise ValidationError({sorted(unexpected)[0]: f"Not part of a {Kind(kind).label.lower()} check."})
    _check_vetting_fields(kind, extra, verified_on)
    if not evidence.strip():
        raise ValidationError({"evidence": "Say what was seen or received, and where the copy is kept."})
    check = VettingCheck.objects.create(
        external_id=external_id,
        staff_member=member,
        kind=kind,
        verified_on=verified_on,
        verified_by=actor_or_none(actor),
        verified_by_name=_by(actor, verified_by_name),
        evidence=evidence,
        created_by=actor_or_none(actor),
        **extra,
    )
    audit_event_record(actor=actor, action="vetting_check.recorded", obj=check, home=member.home)
    return check


@transaction.atomic
def vetting_check_withdraw(
    *, actor: Actor, check: VettingCheck, reason: str, at: datetime.datetime | None = None, by_name: str | None = None
) -> VettingCheck:
    """Withdraw a check recorded in error or no longer valid. It stays on the file, marked withdrawn."""
    if check.withdrawn_at is not None:
        raise ValidationError("This check was already withdrawn.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the check is withdrawn."})
    apply_changes(
        instance=check,
        changes={
            "withdrawn_at": historical_time(actor, at, "at"),
            "withdrawn_by_name": _by(actor, by_name),
            "withdrawn_reason": reason,
        },
        actor=actor,
    )
    audit_event_record(
        actor=actor, action="vetting_check.withdrawn", obj=check, home=check.staff_member.home, reason=reason
    )
    return check


@transaction.atomic
def dbs_update_check_record(
    *,
    actor: Actor,
    member: StaffMember,
    checked_on: datetime.date,
    outcome: str,
    today: datetime.date,
    external_id: str | None = None,
    checked_by_name: str | None = None,
) -> DbsUpdateCheck:
    """Record a status check on the DBS update service (rules.md ``staff.dbs_stale``)."""
    _not_in_future(checked_on, "checked_on", today, "date of the check")
    if not member.vetting_checks.filter(kind=Kind.DBS, dbs_update_service=True, withdrawn_at__isnull=True).exists():
        raise ValidationError(
            {"checked_on": f"{member} has no DBS certificate recorded as subscribed to the update service."}
        )
    check = DbsUpdateCheck.objects.create(
        external_id=external_id,
        staff_member=member,
        checked_on=checked_on,
        outcome=outcome,
        checked_by=actor_or_none(actor),
        checked_by_name=_by(actor, checked_by_name),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="dbs_update_check.recorded", obj=check, home=member.home)
    return check


@transaction.atomic
def vetting_exception_record(
    *,
    actor: Actor,
    member: StaffMember,
    reason: str,
    safeguards: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    external_id: str | None = None,
    recorded_by_name: str | None = None,
    outstanding: list[str] | None = None,
) -> VettingException:
    """The registered manager's risk-assessed exception: the person may work before every check is
    verified, between two dates, on the safeguards stated. The outstanding checks are recorded
    with it, so an exception never silently covers more than was known. A records bundle carries
    the list as it stood when the exception was agreed."""
    if outstanding is None or actor_or_none(actor) is not None:
        outstanding = vetting_outstanding_by_member([member])[member.pk]
    if not outstanding and actor_or_none(actor) is not None:
        raise ValidationError(f"{member} is cleared to start: every check is verified, so no exception is needed.")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date is before the start date."})
    longest = staffing_setting("exception_max_days")
    if (ends_on - starts_on).days > longest:
        raise ValidationError({"ends_on": f"An exception lasts at most {longest} days; review it and record another."})
    if not safeguards.strip():
        raise ValidationError({"safeguards": "Say how the risk is managed while checks are outstanding."})
    exception = VettingException.objects.create(
        external_id=external_id,
        staff_member=member,
        outstanding=outstanding,
        reason=reason,
        safeguards=safeguards,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=actor_or_none(actor),
        recorded_by_name=_by(actor, recorded_by_name),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="vetting_exception.recorded", obj=exception, home=member.home, reason=reason)
    return exception


# --- the rota -------------------------------------------------------------------------------------


@transaction.atomic
def shift_assign(
    *,
    actor: Actor,
    home: Home,
    member: StaffMember,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    external_id: str | None = None,
    vetting_exception: VettingException | None = None,
) -> Shift:
    """Put a member on the rota. Refused unless every Schedule 2 check is verified or the
    registered manager's exception covers the day (Reg 32(3); domain.md 6.1 "cleared to start").

    Shifts from a records bundle are history: they are stored as they were, with the exception
    the bundle says they relied on.
    """
    if member.home_id != home.pk:
        raise ValidationError({"staff_member": f"{member} does not work at {home}."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The shift must end after it starts."})
    if ends_at - starts_at > datetime.timedelta(hours=24):
        raise ValidationError({"ends_at": "A shift lasts at most 24 hours; add the next day as another shift."})
    day = timezone.localtime(starts_at).date()
    if day < member.start_date or (member.end_date and day > member.end_date):
        raise ValidationError({"starts_at": f"{member} is not employed here on {day:%-d %B %Y}."})
    exception = vetting_exception
    if actor_or_none(actor) is not None:
        outstanding = vetting_outstanding_by_member([member])[member.pk]
        exception = vetting_exceptions_in_force([member], day).get(member.pk) if outstanding else None
        if outstanding and exception is None:
            raise ValidationError(
                {
                    "staff_member": f"{member} cannot be put on shift until every check is verified, or the "
                    f"registered manager records a risk-assessed exception covering {day:%-d %B %Y}. "
                    f"Outstanding: {'; '.join(outstanding)}."
                }
            )
    shift = Shift.objects.create(
        external_id=external_id,
        home=home,
        staff_member=member,
        starts_at=starts_at,
        ends_at=ends_at,
        vetting_exception=exception,
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="shift.assigned", obj=shift, home=home)
    return shift


@transaction.atomic
def shift_cancel(
    *, actor: Actor, shift: Shift, reason: str, at: datetime.datetime | None = None, by_name: str | None = None
) -> Shift:
    """Take a shift off the rota. It stays listed as cancelled, with who did it and why."""
    if shift.cancelled_at is not None:
        raise ValidationError("This shift was already cancelled.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the shift is cancelled."})
    apply_changes(
        instance=shift,
        changes={
            "cancelled_at": historical_time(actor, at, "at"),
            "cancelled_by_name": _by(actor, by_name),
            "cancelled_reason": reason,
        },
        actor=actor,
    )
    audit_event_record(actor=actor, action="shift.cancelled", obj=shift, home=shift.home, reason=reason)
    return shift


# --- qualifications ---------------------------------------------------------------------------------


@transaction.atomic
def qualification_record(
    *,
    actor: Actor,
    member: StaffMember,
    kind: str,
    title: str,
    today: datetime.date,
    enrolled_on: datetime.date | None = None,
    achieved_on: datetime.date | None = None,
    awarding_body: str = "",
    certificate_reference: str = "",
    external_id: str | None = None,
) -> Qualification:
    """Record a qualification achieved, or one the member is working towards (no achieved date)."""
    _not_in_future(achieved_on, "achieved_on", today, "date it was achieved")
    if enrolled_on and achieved_on and achieved_on < enrolled_on:
        raise ValidationError({"achieved_on": "The qualification cannot be achieved before enrolling."})
    if not title.strip():
        raise ValidationError({"title": "Enter the qualification's title."})
    fields = {
        "kind": kind,
        "title": title,
        "enrolled_on": enrolled_on,
        "achieved_on": achieved_on,
        "awarding_body": awarding_body,
        "certificate_reference": certificate_reference,
    }
    existing = Qualification.objects.filter(external_id=external_id).first() if external_id else None
    if existing is not None:
        changed = apply_changes(instance=existing, changes=fields, actor=actor)
        if changed:
            audit_event_record(
                actor=actor, action="qualification.updated", obj=existing, home=member.home, changed_fields=changed
            )
        return existing
    qualification = Qualification.objects.create(
        external_id=external_id, staff_member=member, created_by=actor_or_none(actor), **fields
    )
    audit_event_record(actor=actor, action="qualification.recorded", obj=qualification, home=member.home)
    return qualification


@transaction.atomic
def qualification_achieved(
    *,
    actor: Actor,
    qualification: Qualification,
    achieved_on: datetime.date,
    certificate_reference: str,
    today: datetime.date,
) -> Qualification:
    """Mark a qualification being worked towards as achieved."""
    _not_in_future(achieved_on, "achieved_on", today, "date it was achieved")
    if qualification.enrolled_on and achieved_on < qualification.enrolled_on:
        raise ValidationError({"achieved_on": "The qualification cannot be achieved before enrolling."})
    changed = apply_changes(
        instance=qualification,
        changes={"achieved_on": achieved_on, "certificate_reference": certificate_reference},
        actor=actor,
    )
    if changed:
        audit_event_record(
            actor=actor,
            action="qualification.achieved",
            obj=qualification,
            home=qualification.staff_member.home,
            changed_fields=changed,
        )
    return qualification


@transaction.atomic
def qualification_deferral_record(
    *,
    actor: Actor,
    member: StaffMember,
    kind: str,
    deferred_until: datetime.date,
    reason: str,
    external_id: str | None = None,
    recorded_by_name: str | None = None,
) -> QualificationDeferral:
    """Extend a qualification deadline for a recorded reason (part-time work, a career break)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the deadline is deferred."})
    if deferred_until <= member.start_date:
        raise ValidationError({"deferred_until": "The new deadline must be after the start date."})
    deferral = QualificationDeferral.objects.create(
        external_id=external_id,
        staff_member=member,
        kind=kind,
        deferred_until=deferred_until,
        reason=reason,
        recorded_by=actor_or_none(actor),
        recorded_by_name=_by(actor, recorded_by_name),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="qualification.deferred", obj=deferral, home=member.home, reason=reason)
    return deferral


# --- the training catalogue and completions ---------------------------------------------------


def _check_course(fields: dict[str, Any]) -> None:
    unknown = sorted(set(fields.get("mandatory_for", [])) - set(StaffMember.Role.values))
    if unknown:
        raise ValidationError({"mandatory_for": f"Unknown role: {', '.join(unknown)}."})
    months = fields.get("renew_every_months")
    if months is not None and not 1 <= months <= 120:
        raise ValidationError({"renew_every_months": "Renewal must be between 1 and 120 months, or left empty."})


@transaction.atomic
def course_upsert(
    *, actor: Actor, provider: Provider, code: str, expected_version: int | None = None, **fields: Any
) -> tuple[Course, bool]:
    """Add a course to the provider's catalogue, or change who must hold it and how often."""
    if not re.fullmatch(r"[a-z0-9_-]{1,50}", code) or code in ("new", "start"):
        raise ValidationError(
            {"code": "Use lower-case letters, digits, hyphens and underscores only (not new or start)."}
        )
    _check_course(fields)
    if "mandatory_for" in fields:
        fields["mandatory_for"] = sorted(set(fields["mandatory_for"]))
    course = Course.objects.filter(provider=provider, code=code).first()
    if course is None:
        course = Course.objects.create(provider=provider, code=code, created_by=actor_or_none(actor), **fields)
        audit_event_record(actor=actor, action="course.created", obj=course)
        return course, True
    changed = apply_changes(instance=course, changes=fields, actor=actor, expected_version=expected_version)
    if changed:
        audit_event_record(actor=actor, action="course.updated", obj=course, changed_fields=changed)
    return course, bool(changed)


@transaction.atomic
def course_catalogue_start(*, actor: Actor, provider: Provider) -> int:
    """Give a provider with no catalogue the default courses of domain.md 6.4. Returns how many."""
    if provider.courses.exists():
        return 0
    for default in DEFAULT_COURSES:
        course_upsert(
            actor=actor,
            provider=provider,
            code=default.code,
            title=default.title,
            mandatory_for=list(default.mandatory_for),
            renew_every_months=default.renew_every_months,
            safeguarding=default.safeguarding,
        )
    return len(DEFAULT_COURSES)


def _check_certificate(certificate: UploadedFile | None) -> None:
    if certificate is None:
        return
    suffix = (certificate.name or "").rsplit(".", 1)[-1].lower()
    if suffix not in CERTIFICATE_TYPES:
        raise ValidationError({"certificate": "The certificate must be a PDF, JPEG or PNG file."})
    if not looks_like(certificate, suffix):
        raise ValidationError(
            {
                "certificate": f"The file is named .{suffix} but is not a {suffix.upper()} inside: upload the certificate itself."
            }
        )
    limit = staffing_setting("certificate_max_bytes")
    if certificate.size and certificate.size > limit:
        raise ValidationError({"certificate": f"The certificate must be smaller than {limit // (1024 * 1024)} MB."})


@transaction.atomic
def training_completion_record(
    *,
    actor: Actor,
    member: StaffMember,
    course: Course,
    completed_on: datetime.date,
    today: datetime.date,
    expires_on: datetime.date | None = None,
    delivered_by: str = "",
    certificate_reference: str = "",
    certificate: UploadedFile | None = None,
    external_id: str | None = None,
    recorded_by_name: str | None = None,
) -> tuple[TrainingCompletion, bool]:
    """Record a course completed. The same course on the same day is the same completion:
    recording it again changes nothing (a spreadsheet imported twice). Returns (completion, created)."""
    if course.provider_id != member.home.provider_id:
        raise ValidationError({"course": f"{course} is not in {member.home.provider}'s catalogue."})
    _not_in_future(completed_on, "completed_on", today, "completion date")
    if expires_on is not None and expires_on <= completed_on:
        raise ValidationError({"expires_on": "The expiry date must be after the completion date."})
    _check_certificate(certificate)
    existing = TrainingCompletion.objects.filter(staff_member=member, course=course, completed_on=completed_on).first()
    if existing is not None:
        return existing, False
    completion = TrainingCompletion(
        external_id=external_id,
        staff_member=member,
        course=course,
        completed_on=completed_on,
        expires_on=expires_on,
        delivered_by=delivered_by,
        certificate_reference=certificate_reference,
        recorded_by_name=_by(actor, recorded_by_name),
        created_by=actor_or_none(actor),
    )
    if certificate is not None:
        completion.certificate.save(certificate.name or "certificate", certificate, save=False)
    completion.save()
    audit_event_record(actor=actor, action="training.recorded", obj=completion, home=member.home)
    return completion, True


# --- supervision --------------------------------------------------------------------------------


@transaction.atomic
def supervision_record(
    *,
    actor: Actor,
    member: StaffMember,
    kind: str,
    held_on: datetime.date,
    supervisor_name: str,
    today: datetime.date,
    next_due: datetime.date | None = None,
    summary: str = "",
    external_id: str | None = None,
    recorded_by_name: str | None = None,
) -> Supervision:
    """Record a supervision or appraisal and when the next is due (by default a month, or a year,
    on: ``HEARTH_STAFFING``)."""
    _not_in_future(held_on, "held_on", today, "meeting date")
    if held_on < member.start_date:
        raise ValidationError({"held_on": f"{member} started on {member.start_date:%-d %B %Y}."})
    if next_due is None:
        every = "supervision_every_days" if kind == Supervision.Kind.SUPERVISION else "appraisal_every_days"
        next_due = held_on + datetime.timedelta(days=staffing_setting(every))
    if next_due <= held_on:
        raise ValidationError({"next_due": "The next meeting must be after this one."})
    if not supervisor_name.strip():
        raise ValidationError({"supervisor_name": "Enter who supervised."})
    record = Supervision.objects.create(
        external_id=external_id,
        staff_member=member,
        kind=kind,
        held_on=held_on,
        supervisor_name=supervisor_name,
        next_due=next_due,
        summary=summary,
        recorded_by_name=_by(actor, recorded_by_name),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action=f"{kind}.recorded", obj=record, home=member.home)
    return record
