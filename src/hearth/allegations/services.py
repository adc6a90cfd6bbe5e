"""Writes for allegations against staff (Regulation 34; models.py). Every opening of an allegation
is kept (``allegation_opened``); naming a reader is the registered manager's or the RI's decision."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.allegations.models import Allegation, AllegationOpening, AllegationReader, StrategyMeeting
from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, claim_next_version, signature_name, signed_record_create
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


def _not_in_future(errors: dict[str, str], field: str, value: Any, enforce: bool) -> None:
    if not enforce or value is None:
        return
    now = timezone.now() if isinstance(value, datetime.datetime) else timezone.localdate()
    if value > now:
        errors[field] = "This cannot be in the future."


@transaction.atomic
def allegation_record(
    *,
    actor: Actor,
    home: Home,
    staff_member: StaffMember,
    received_at: datetime.datetime,
    made_by: str,
    allegation: str,
    immediate_action: str,
    immediate_action_detail: str = "",
    child: Child | None = None,
    lado_referred_at: datetime.datetime | None = None,
    lado_name: str = "",
    lado_reference: str = "",
    lado_advice: str = "",
    outcome: str = "",
    outcome_on: datetime.date | None = None,
    outcome_detail: str = "",
    dbs_referral: str = "",
    dbs_referred_on: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
    enforce_checks: bool = True,
) -> Allegation:
    """Record an allegation against a member of staff as it was received (Reg 34(1)(b)). A bundle
    may carry its referral and outcome with it; the pages record those later."""
    errors: dict[str, str] = {}
    if staff_member.home_id != home.pk:
        errors["staff_member"] = "Choose someone who works at this home."
    if not made_by.strip():
        errors["made_by"] = "Say who made the allegation or passed it on."
    if not allegation.strip():
        errors["allegation"] = "Say what is alleged, in the words it was said."
    if immediate_action == Allegation.ImmediateAction.OTHER and not immediate_action_detail.strip():
        errors["immediate_action_detail"] = "Say what was done at once."
    _not_in_future(errors, "received_at", received_at, enforce_checks)
    if lado_referred_at is not None and lado_referred_at < received_at:
        errors["lado_referred_at"] = "The referral cannot be before the allegation was received."
    return signed_record_create(
        Allegation,
        "allegation.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        staff_member=staff_member,
        child=child,
        received_at=received_at,
        made_by=made_by.strip(),
        allegation=allegation.strip(),
        immediate_action=immediate_action,
        immediate_action_detail=immediate_action_detail.strip(),
        lado_referred_at=lado_referred_at,
        lado_name=lado_name.strip(),
        lado_reference=lado_reference.strip(),
        lado_advice=lado_advice.strip(),
        outcome=outcome,
        outcome_on=outcome_on,
        outcome_detail=outcome_detail.strip(),
        dbs_referral=dbs_referral,
        dbs_referred_on=dbs_referred_on,
        recorded_by_name=recorded_by_name,
    )


def _update(actor: Actor, allegation: Allegation, action: str, **fields: Any) -> Allegation:
    claim_next_version(allegation)
    for name, value in fields.items():
        setattr(allegation, name, value)
    allegation.save(update_fields=[*fields, "version", "updated_at"])
    audit_event_record(actor=actor, action=action, obj=allegation, home=allegation.home)
    return allegation


@transaction.atomic
def lado_referral_record(
    *,
    actor: Actor,
    allegation: Allegation,
    referred_at: datetime.datetime,
    lado_name: str,
    lado_reference: str = "",
    lado_advice: str = "",
) -> Allegation:
    """The referral to the local authority designated officer, due within one working day."""
    errors: dict[str, str] = {}
    if allegation.lado_referred_at is not None:
        errors["referred_at"] = (
            f"The referral was already recorded ({timezone.localtime(allegation.lado_referred_at):%-d %B %Y %H:%M})."
        )
    if not lado_name.strip():
        errors["lado_name"] = "Say which designated officer (or LADO team) it went to."
    if referred_at < allegation.received_at:
        errors["referred_at"] = "The referral cannot be before the allegation was received."
    _not_in_future(errors, "referred_at", referred_at, True)
    if errors:
        raise ValidationError(errors)
    return _update(
        actor,
        allegation,
        "allegation.lado_referred",
        lado_referred_at=referred_at,
        lado_name=lado_name.strip(),
        lado_reference=lado_reference.strip(),
        lado_advice=lado_advice.strip(),
    )


@transaction.atomic
def strategy_meeting_record(
    *,
    actor: Actor,
    allegation: Allegation,
    held_on: datetime.date,
    attended_by: str,
    decisions: str,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> StrategyMeeting:
    errors: dict[str, str] = {}
    if not attended_by.strip():
        errors["attended_by"] = "Say who attended."
    if not decisions.strip():
        errors["decisions"] = "Say what was decided."
    _not_in_future(errors, "held_on", held_on, True)
    if errors:
        raise ValidationError(errors)
    meeting = StrategyMeeting.objects.create(
        allegation=allegation,
        held_on=held_on,
        attended_by=attended_by.strip(),
        decisions=decisions.strip(),
        recorded_by_name=recorded_by_name or signature_name(actor),
        external_id=external_id,
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="allegation.meeting_recorded", obj=allegation, home=allegation.home)
    return meeting


@transaction.atomic
def allegation_outcome_record(
    *,
    actor: Actor,
    allegation: Allegation,
    outcome: str,
    outcome_on: datetime.date,
    outcome_detail: str,
    dbs_referral: str,
    dbs_referred_on: datetime.date | None = None,
) -> Allegation:
    """The outcome (Working Together's five), and whether the person was referred to the DBS
    (a referral is also a Regulation 40 notification to Ofsted)."""
    errors: dict[str, str] = {}
    if allegation.outcome:
        errors["outcome"] = "The outcome was already recorded."
    if not outcome_detail.strip():
        errors["outcome_detail"] = "Say how it was concluded and what follows."
    if dbs_referral == Allegation.DbsReferral.MADE and dbs_referred_on is None:
        errors["dbs_referred_on"] = "Give the day of the DBS referral."
    if outcome_on < timezone.localtime(allegation.received_at).date():
        errors["outcome_on"] = "The outcome cannot be before the allegation was received."
    _not_in_future(errors, "outcome_on", outcome_on, True)
    if errors:
        raise ValidationError(errors)
    return _update(
        actor,
        allegation,
        "allegation.concluded",
        outcome=outcome,
        outcome_on=outcome_on,
        outcome_detail=outcome_detail.strip(),
        dbs_referral=dbs_referral,
        dbs_referred_on=dbs_referred_on if dbs_referral == Allegation.DbsReferral.MADE else None,
    )


@transaction.atomic
def allegation_reader_name(*, actor: Actor, allegation: Allegation, user: Any, why: str) -> AllegationReader:
    """Let one more person read the allegation (an investigating manager, the safeguarding lead)."""
    errors: dict[str, str] = {}
    if not why.strip():
        errors["why"] = "Say why they need to read it."
    subject_user = allegation.staff_member.user_id
    if subject_user is not None and user.pk == subject_user:
        errors["user"] = "The person the allegation is about cannot be named to read it."
    if allegation.readers.filter(user=user, withdrawn_at__isnull=True).exists():
        errors["user"] = f"{user.get_full_name() or user.get_username()} may already read it."
    if errors:
        raise ValidationError(errors)
    reader = AllegationReader.objects.create(
        allegation=allegation,
        user=user,
        why=why.strip(),
        named_by_name=signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="allegation.reader_named", obj=allegation, home=allegation.home)
    return reader


@transaction.atomic
def allegation_reader_withdraw(*, actor: Actor, reader: AllegationReader) -> None:
    if reader.withdrawn_at is None:
        reader.withdrawn_at = timezone.now()
        reader.save(update_fields=["withdrawn_at", "updated_at"])
        audit_event_record(
            actor=actor, action="allegation.reader_withdrawn", obj=reader.allegation, home=reader.allegation.home
        )


def allegation_opened(
    *, actor: Actor, allegations: list[Allegation], how: str = AllegationOpening.How.PAGE, user_name: str = ""
) -> None:
    """Keep that ``actor`` opened these allegations (one row each, one query for them all)."""
    now = timezone.now()
    name = user_name or signature_name(actor)
    AllegationOpening.objects.bulk_create(
        AllegationOpening(allegation=a, user=actor_or_none(actor), user_name=name, at=now, how=how) for a in allegations
    )
