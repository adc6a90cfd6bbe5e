"""Writes for complaints (Regulation 39; models.py). The person a complaint is about never
investigates it (Reg 39(2)(b)): refused here, and found by ``complaint.investigated_by_subject`` in
records loaded from elsewhere."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.complaints.models import Complaint
from hearth.core.dates import today
from hearth.core.services import Actor, claim_next_version, signed_record_create
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


def _subject_refusal(investigator: StaffMember) -> str:
    return (
        f"{investigator.full_name} is named in the complaint, so cannot investigate it "
        "(Regulation 39: the person a complaint is about must not deal with it). Choose someone else."
    )


def _staff_of(home: Home, people: Iterable[StaffMember | None]) -> bool:
    return all(p is None or p.home_id == home.pk for p in people)


@transaction.atomic
def complaint_record(
    *,
    actor: Actor,
    home: Home,
    received_on: datetime.date,
    complainant_kind: str,
    complainant_name: str,
    summary: str,
    child: Child | None = None,
    advocate: str = "",
    about_staff: Iterable[StaffMember] = (),
    investigator: StaffMember | None = None,
    response_due: datetime.date | None = None,
    actions: str = "",
    outcome: str = "",
    response: str = "",
    responded_on: datetime.date | None = None,
    satisfaction: str = "",
    recorded_by_name: str | None = None,
    external_id: str | None = None,
    enforce_checks: bool = True,
) -> Complaint:
    """Record a complaint as received (Reg 39(1)); its response is due after the days the home's
    procedure allows (``Home.complaint_response_days``, 28 unless changed). A bundle may carry the
    response with it (``responded_on`` and what goes with it); the pages record it later."""
    about = list(about_staff)
    errors: dict[str, str] = {}
    if not complainant_name.strip():
        errors["complainant_name"] = "Say who made the complaint (a name, or “anonymous”)."
    if not summary.strip():
        errors["summary"] = "Say what the complaint is about."
    if complainant_kind == Complaint.From.CHILD and child is None:
        errors["child"] = "Choose the child who made the complaint."
    if enforce_checks and received_on > today():
        errors["received_on"] = "The day it was received cannot be in the future."
    if not _staff_of(home, [*about, investigator]):
        errors["about_staff"] = "Choose people who work at this home."
    if enforce_checks and investigator is not None and investigator in about:
        errors["investigator"] = _subject_refusal(investigator)
    if responded_on is not None and responded_on < received_on:
        errors["responded_on"] = "The response cannot be before the complaint was received."
    due = response_due or received_on + datetime.timedelta(days=home.complaint_response_days)
    complaint = signed_record_create(
        Complaint,
        "complaint.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        received_on=received_on,
        complainant_kind=complainant_kind,
        complainant_name=complainant_name.strip(),
        summary=summary.strip(),
        child=child,
        advocate=advocate.strip(),
        investigator=investigator,
        response_due=due,
        actions=actions.strip(),
        outcome=outcome,
        response=response.strip(),
        responded_on=responded_on,
        satisfaction=satisfaction,
        recorded_by_name=recorded_by_name,
    )
    complaint.about_staff.set(about)
    return complaint


@transaction.atomic
def complaint_investigator_assign(*, actor: Actor, complaint: Complaint, investigator: StaffMember) -> Complaint:
    """Name who investigates (a manager, usually): never a person the complaint is about."""
    if investigator.home_id != complaint.home_id:
        raise ValidationError({"investigator": "Choose someone who works at this home."})
    if complaint.about_staff.filter(pk=investigator.pk).exists():
        raise ValidationError({"investigator": _subject_refusal(investigator)})
    claim_next_version(complaint)
    complaint.investigator = investigator
    complaint.save(update_fields=["investigator", "version", "updated_at"])
    audit_event_record(actor=actor, action="complaint.investigator_named", obj=complaint, home=complaint.home)
    return complaint


@transaction.atomic
def complaint_response_record(
    *,
    actor: Actor,
    complaint: Complaint,
    actions: str,
    outcome: str,
    response: str,
    responded_on: datetime.date,
    satisfaction: str,
    enforce_checks: bool = True,
) -> Complaint:
    """What was done, the outcome, what the complainant was told and whether they were satisfied
    (Reg 39(1)(b)). Given once: a later change is an addendum, not an overwrite."""
    errors: dict[str, str] = {}
    if complaint.responded_on is not None:
        errors["responded_on"] = f"The response was already recorded on {complaint.responded_on:%-d %B %Y}."
    if not actions.strip():
        errors["actions"] = "Say what was done to look into it."
    if not response.strip():
        errors["response"] = "Say what the complainant was told."
    if responded_on < complaint.received_on:
        errors["responded_on"] = "The response cannot be before the complaint was received."
    elif enforce_checks and responded_on > today():
        errors["responded_on"] = "The response day cannot be in the future."
    if errors:
        raise ValidationError(errors)
    claim_next_version(complaint)
    complaint.actions = actions.strip()
    complaint.outcome = outcome
    complaint.response = response.strip()
    complaint.responded_on = responded_on
    complaint.satisfaction = satisfaction
    complaint.save(
        update_fields=["actions", "outcome", "response", "responded_on", "satisfaction", "version", "updated_at"]
    )
    audit_event_record(actor=actor, action="complaint.answered", obj=complaint, home=complaint.home)
    return complaint
