"""Writes for records law (models.py says which law asks for each)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.dates import add_months, today
from hearth.core.services import Actor, claim_next_version, signed_record_create
from hearth.dataprotection.models import RetentionDecision, SubjectAccessRequest
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


@transaction.atomic
def subject_access_request_record(
    *,
    actor: Actor,
    home: Home,
    received_on: datetime.date,
    requester_name: str,
    requester_kind: str,
    what: str,
    child: Child | None = None,
    identity_checked_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
    extended_to: datetime.date | None = None,
    extension_reason: str = "",
    responded_on: datetime.date | None = None,
    response: str = "",
    recorded_by_name: str | None = None,
    external_id: str | None = None,
    enforce_checks: bool = True,
) -> SubjectAccessRequest:
    """A request to see one's records, as received: it is answered within one calendar month
    (UK GDPR Article 12(3))."""
    errors: dict[str, str] = {}
    if not requester_name.strip():
        errors["requester_name"] = "Say who asked."
    if not what.strip():
        errors["what"] = "Say what they asked for."
    if enforce_checks and received_on > today():
        errors["received_on"] = "The day it was received cannot be in the future."
    if responded_on is not None and responded_on < received_on:
        errors["responded_on"] = "The answer cannot be before the request was received."
    return signed_record_create(
        SubjectAccessRequest,
        "subject_access_request.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        received_on=received_on,
        requester_name=requester_name.strip(),
        requester_kind=requester_kind,
        child=child,
        what=what.strip(),
        identity_checked_on=identity_checked_on,
        due_on=due_on or add_months(received_on, 1),
        extended_to=extended_to,
        extension_reason=extension_reason.strip(),
        responded_on=responded_on,
        response=response.strip(),
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def subject_access_extend(
    *, actor: Actor, request: SubjectAccessRequest, extended_to: datetime.date, extension_reason: str
) -> SubjectAccessRequest:
    """A complex request: up to two further months, the requester told why within the first month."""
    errors: dict[str, str] = {}
    latest = add_months(request.received_on, 3)
    if request.responded_on is not None:
        errors["extended_to"] = "It has been answered already."
    elif request.extended_to is not None:
        errors["extended_to"] = f"It was already extended to {request.extended_to:%-d %B %Y}."
    elif not request.due_on < extended_to <= latest:
        errors["extended_to"] = (
            f"Choose a day after {request.due_on:%-d %B %Y} and no later than {latest:%-d %B %Y}: "
            "an extension is by up to two further months."
        )
    elif today() > request.due_on:
        errors["extended_to"] = "An extension must be decided, and the requester told, within the first month."
    if not extension_reason.strip():
        errors["extension_reason"] = "Say why it is complex (the requester must be told)."
    if errors:
        raise ValidationError(errors)
    claim_next_version(request)
    request.extended_to = extended_to
    request.extension_reason = extension_reason.strip()
    request.save(update_fields=["extended_to", "extension_reason", "version", "updated_at"])
    audit_event_record(actor=actor, action="subject_access_request.extended", obj=request, home=request.home)
    return request


@transaction.atomic
def subject_access_answer(
    *, actor: Actor, request: SubjectAccessRequest, responded_on: datetime.date, response: str
) -> SubjectAccessRequest:
    errors: dict[str, str] = {}
    if request.responded_on is not None:
        errors["responded_on"] = f"It was answered on {request.responded_on:%-d %B %Y}."
    elif responded_on < request.received_on or responded_on > today():
        errors["responded_on"] = "Give the day it was answered: not before it was received, not in the future."
    if not response.strip():
        errors["response"] = "Say what was sent, and anything withheld and why."
    if errors:
        raise ValidationError(errors)
    claim_next_version(request)
    request.responded_on = responded_on
    request.response = response.strip()
    request.save(update_fields=["responded_on", "response", "version", "updated_at"])
    audit_event_record(actor=actor, action="subject_access_request.answered", obj=request, home=request.home)
    return request


@transaction.atomic
def retention_decision_record(
    *,
    actor: Actor,
    home: Home,
    decision: str,
    reason: str,
    decided_on: datetime.date,
    child: Child | None = None,
    staff_member: StaffMember | None = None,
    keep_until: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> RetentionDecision:
    """The responsible individual's decision on a record whose keeping time is up."""
    errors: dict[str, str] = {}
    if (child is None) == (staff_member is None):
        errors["decision"] = "A decision is about one record: a child's case record or a staff file."
    if not reason.strip():
        errors["reason"] = "Say why."
    if decision == RetentionDecision.Decision.KEEP and (keep_until is None or keep_until <= decided_on):
        errors["keep_until"] = "Say until when it is kept: a day after the decision."
    return signed_record_create(
        RetentionDecision,
        "retention_decision.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        staff_member=staff_member,
        decision=decision,
        reason=reason.strip(),
        decided_on=decided_on,
        keep_until=keep_until if decision == RetentionDecision.Decision.KEEP else None,
        recorded_by_name=recorded_by_name,
    )
