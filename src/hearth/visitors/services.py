"""Writes for visitors, their checks, and visits."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, claim_next_version, historical_time, signature_name
from hearth.core.validation import check_children_placed, check_not_future, check_staff_of_home
from hearth.homes.models import Home
from hearth.staff.models import StaffMember
from hearth.visitors.models import Visit, Visitor


@transaction.atomic
def visitor_create(
    *,
    actor: Actor,
    home: Home,
    name: str,
    kind: str,
    organisation: str = "",
    relationship: str = "",
    related_staff_member: StaffMember | None = None,
    external_id: str | None = None,
) -> Visitor:
    if not name.strip():
        raise ValidationError({"name": "Give the visitor's full name."})
    if kind not in Visitor.Kind.values:
        raise ValidationError({"kind": "Choose who the visitor is."})
    if related_staff_member is not None:
        check_staff_of_home([related_staff_member], home, field="related_staff_member")
    visitor = Visitor.objects.create(
        external_id=external_id,
        home=home,
        name=name.strip(),
        kind=kind,
        organisation=organisation,
        relationship=relationship,
        related_staff_member=related_staff_member,
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="visitor.created", obj=visitor, home=home)
    return visitor


@transaction.atomic
def visitor_record_dbs(
    *, actor: Actor, visitor: Visitor, certificate_number: str, issued_on: datetime.date, barred_list_checked: bool
) -> Visitor:
    """Record the visitor's enhanced DBS certificate (with the children's barred list)."""
    errors = {}
    if not certificate_number.strip().isdigit() or len(certificate_number.strip()) != 12:
        errors["certificate_number"] = "A DBS certificate number is 12 digits."
    if issued_on > timezone.localdate():
        errors["issued_on"] = "The issue date cannot be in the future."
    if not barred_list_checked:
        errors["barred_list_checked"] = "Contact with children needs the children's barred list checked."
    if errors:
        raise ValidationError(errors)
    visitor.dbs_certificate_number = certificate_number.strip()
    visitor.dbs_issued_on = issued_on
    visitor.dbs_barred_list_checked = True
    visitor.dbs_recorded_by = actor_or_none(actor)
    claim_next_version(visitor)
    visitor.save()
    audit_event_record(actor=actor, action="visitor.dbs_recorded", obj=visitor, home=visitor.home)
    return visitor


@transaction.atomic
def visitor_approve_risk_assessment(
    *, actor: Actor, visitor: Visitor, risk_assessment: str, at: datetime.datetime | None = None
) -> Visitor:
    """A manager approves a risk assessment for contact without a DBS check (rules.md visitor.unchecked_contact)."""
    if len(risk_assessment.strip()) < 40:
        raise ValidationError(
            {"risk_assessment": "Write the risk assessment: the risks and how contact will be managed."}
        )
    visitor.risk_assessment = risk_assessment.strip()
    visitor.risk_assessment_approved_by = actor_or_none(actor)
    visitor.risk_assessment_approved_at = historical_time(actor, at, "risk_assessment_approved_at")
    claim_next_version(visitor)
    visitor.save()
    audit_event_record(actor=actor, action="visitor.risk_assessment_approved", obj=visitor, home=visitor.home)
    return visitor


@transaction.atomic
def visit_record(
    *,
    actor: Actor,
    visitor: Visitor,
    arrived_at: datetime.datetime,
    reason: str,
    contact: str,
    children: Sequence[Child] = (),
    left_at: datetime.datetime | None = None,
    supervised_by: StaffMember | None = None,
    external_id: str | None = None,
    recorded_by_name: str | None = None,
) -> Visit:
    """Sign a visit in (Schedule 4: every visitor, with name and reason)."""
    errors = {}
    if not reason.strip():
        errors["reason"] = "Say why they visited."
    if contact not in Visit.Contact.values:
        errors["contact"] = "Say what contact they had with children."
    elif contact != Visit.Contact.NONE and not children:
        errors["children"] = "Choose the children they had contact with."
    elif contact == Visit.Contact.SUPERVISED and supervised_by is None:
        errors["supervised_by"] = "Choose the staff member who supervised throughout."
    if left_at is not None and left_at < arrived_at:
        errors["left_at"] = "They cannot leave before they arrive."
    if errors:
        raise ValidationError(errors)
    check_not_future(arrived_at, "arrived_at", "The arrival time")
    if children:
        check_children_placed(children, visitor.home, timezone.localtime(arrived_at).date())
    if supervised_by is not None:
        check_staff_of_home([supervised_by], visitor.home, field="supervised_by")
    visit = Visit.objects.create(
        external_id=external_id,
        visitor=visitor,
        arrived_at=arrived_at,
        left_at=left_at,
        reason=reason.strip(),
        contact=contact,
        supervised_by=supervised_by,
        recorded_by=actor_or_none(actor),
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    visit.children.set(children)
    audit_event_record(actor=actor, action="visit.recorded", obj=visit, home=visitor.home)
    return visit


@transaction.atomic
def visit_sign_out(*, actor: Actor, visit: Visit, left_at: datetime.datetime | None = None) -> Visit:
    """Sign a visitor out as they leave (Schedule 4: when each visitor arrived and left). Once
    signed out, a visit's leaving time is not changed by signing out again."""
    visit = Visit.objects.select_for_update().select_related("visitor__home").get(pk=visit.pk)
    if visit.left_at is not None:
        when = timezone.localtime(visit.left_at)
        raise ValidationError(f"{visit.visitor.name} was already signed out at {when:%H:%M} on {when:%-d %B}.")
    left_at = left_at or timezone.now()
    if left_at < visit.arrived_at:
        raise ValidationError({"left_at": "They cannot leave before they arrive."})
    visit.left_at = left_at
    visit.updated_by = actor_or_none(actor)
    visit.version += 1
    visit.save(update_fields=["left_at", "updated_by", "version", "updated_at"])
    audit_event_record(actor=actor, action="visit.signed_out", obj=visit, home=visit.visitor.home)
    return visit
