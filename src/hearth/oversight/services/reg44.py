"""Regulation 44 visit reports: written as a draft, submitted (signed) by the independent visitor,
then fixed; recommendations become actions; each copy sent is logged (Reg 44(4) to (8))."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.services import Actor, actor_or_none, apply_changes, historical_time, signature_name
from hearth.homes.models import Home
from hearth.oversight.models import Action, Reg44Distribution, Reg44Visit
from hearth.oversight.services.actions import action_create
from hearth.staff.models import StaffMember

REQUIRED_TO_SUBMIT = {
    "records_sampled": "Say which records were sampled.",
    "safeguarding_opinion": "Give the opinion on whether children are effectively safeguarded (Reg 44(4)(a)).",
    "safeguarding_reasons": "Give the reasons for the safeguarding opinion.",
    "wellbeing_opinion": "Give the opinion on whether the home promotes children's well-being (Reg 44(4)(b)).",
    "wellbeing_reasons": "Give the reasons for the well-being opinion.",
}


def _check_people(home: Home, children: Iterable[Child], staff: Iterable[StaffMember]) -> None:
    """Only people of this home; a child or worker of another home would leak into this report."""
    from hearth.children.models import Placement

    child_ids = {c.pk for c in children}
    placed = set(
        Placement.objects.filter(home=home, child_id__in=child_ids).values_list("child_id", flat=True).distinct()
    )
    if child_ids - placed:
        raise ValidationError({"children_spoken_to": "Only children placed at this home can be named."})
    if any(s.home_id != home.pk for s in staff):
        raise ValidationError({"staff_spoken_to": "Only staff of this home can be named."})


def _check_visit_day(visited_on: datetime.date) -> None:
    if visited_on > today():
        raise ValidationError({"visited_on": "The visit date cannot be in the future."})


@transaction.atomic
def reg44_visit_record(
    *,
    actor: Actor,
    home: Home,
    visited_on: datetime.date,
    visitor_name: str = "",
    children: Iterable[Child] = (),
    staff: Iterable[StaffMember] = (),
    external_id: str | None = None,
    **fields: Any,
) -> Reg44Visit:
    """Start the report of a visit (a draft the visitor can still change)."""
    children, staff = list(children), list(staff)
    _check_visit_day(visited_on)
    _check_people(home, children, staff)
    visit = Reg44Visit.objects.create(
        external_id=external_id,
        home=home,
        visited_on=visited_on,
        visitor_name=visitor_name.strip() or signature_name(actor),
        created_by=actor_or_none(actor),
        **fields,
    )
    visit.children_spoken_to.set(children)
    visit.staff_spoken_to.set(staff)
    audit_event_record(actor=actor, action="reg44_visit.created", obj=visit, home=home)
    return visit


@transaction.atomic
def reg44_visit_update(
    *,
    actor: Actor,
    visit: Reg44Visit,
    children: Iterable[Child],
    staff: Iterable[StaffMember],
    expected_version: int | None = None,
    **fields: Any,
) -> list[str]:
    """Change a draft report. A submitted report is signed and never changes."""
    if visit.submitted:
        raise ValidationError("This report has been submitted and signed; it can no longer be changed.")
    children, staff = list(children), list(staff)
    if "visited_on" in fields:
        _check_visit_day(fields["visited_on"])
    _check_people(visit.home, children, staff)
    changed = apply_changes(instance=visit, changes=fields, actor=actor, expected_version=expected_version)
    if {c.pk for c in children} != set(visit.children_spoken_to.values_list("pk", flat=True)):
        visit.children_spoken_to.set(children)
        changed.append("children_spoken_to")
    if {s.pk for s in staff} != set(visit.staff_spoken_to.values_list("pk", flat=True)):
        visit.staff_spoken_to.set(staff)
        changed.append("staff_spoken_to")
    if changed:
        audit_event_record(
            actor=actor, action="reg44_visit.updated", obj=visit, home=visit.home, changed_fields=changed
        )
    return changed


@transaction.atomic
def reg44_visit_submit(*, actor: Actor, visit: Reg44Visit, submitted_at: datetime.datetime | None = None) -> Reg44Visit:
    """Sign and submit the report. Refused, naming each gap, until the opinions Reg 44(4) asks for
    are given with reasons and the records sampled are said."""
    if visit.submitted:
        raise ValidationError("This report has already been submitted.")
    gaps = {name: message for name, message in REQUIRED_TO_SUBMIT.items() if not str(getattr(visit, name)).strip()}
    if gaps:
        raise ValidationError(gaps)
    at = historical_time(actor, submitted_at, "submitted_at")
    if timezone.localdate(at) < visit.visited_on:
        raise ValidationError({"submitted_at": "A report cannot be submitted before the visit."})
    signer = actor_or_none(actor)
    apply_changes(
        instance=visit,
        changes={
            "submitted_at": at,
            "submitted_by": signer,
            "submitted_by_name": visit.visitor_name if signer is None else signature_name(actor),
        },
        actor=actor,
    )
    audit_event_record(actor=actor, action="reg44_visit.submitted", obj=visit, home=visit.home)
    return visit


def reg44_recommendation_add(
    *,
    actor: Actor,
    visit: Reg44Visit,
    title: str,
    due_on: datetime.date,
    detail: str = "",
    **kwargs: Any,
) -> Action:
    """A recommendation of the report, with the date by which the registered person should consider
    it (Reg 44(5)); it becomes an action for the manager to own. Part of the report, so only while
    it is a draft (a bundle may carry those of a submitted report)."""
    if visit.submitted and actor_or_none(actor) is not None:
        raise ValidationError("This report has been submitted; recommendations can no longer be added.")
    if due_on < visit.visited_on:
        raise ValidationError({"due_on": "The date to consider it by cannot be before the visit."})
    return action_create(
        actor=actor,
        home=visit.home,
        source=Action.Source.REG44,
        reg44_visit=visit,
        title=title,
        detail=detail,
        due_on=due_on,
        regulation="44(5)",
        source_reference=f"Regulation 44 visit, {visit.visited_on:%-d %B %Y}",
        **kwargs,
    )


@transaction.atomic
def reg44_distribution_record(
    *,
    actor: Actor,
    visit: Reg44Visit,
    recipient: str,
    sent_on: datetime.date,
    recipient_name: str = "",
    method: str = "",
    recorded_by_name: str = "",
    external_id: str | None = None,
) -> Reg44Distribution:
    """Log a copy of a submitted report sent to someone who must have it (Reg 44(7))."""
    if not visit.submitted:
        raise ValidationError("Only a submitted report can be sent.")
    if recipient not in Reg44Distribution.Recipient.values:
        raise ValidationError({"recipient": f"{recipient!r} is not a recipient of a Regulation 44 report."})
    if sent_on > today():
        raise ValidationError({"sent_on": "The date sent cannot be in the future."})
    if sent_on < visit.visited_on:
        raise ValidationError({"sent_on": "A report cannot be sent before the visit."})
    if recipient == Reg44Distribution.Recipient.PLACING_AUTHORITY and not recipient_name.strip():
        raise ValidationError({"recipient_name": "Name the placing authority."})
    copy = Reg44Distribution.objects.create(
        external_id=external_id,
        visit=visit,
        recipient=recipient,
        recipient_name=recipient_name.strip(),
        sent_on=sent_on,
        method=method.strip(),
        recorded_by_name=recorded_by_name
        if recorded_by_name and actor_or_none(actor) is None
        else signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="reg44_visit.distributed", obj=visit, home=visit.home)
    return copy
