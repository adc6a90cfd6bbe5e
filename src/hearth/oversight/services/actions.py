"""Actions: what the home has undertaken to put right, from a finding, an Ofsted requirement or
recommendation, or a Regulation 44 or 45 report (Reg 13(2)(h); Reg 45(4)(b)).

A deadline is never moved silently: a later due date needs a reason, which the history and the
audit trail keep. Completing needs the evidence that it was done; a completed action is fixed
until someone reopens it with a reason.
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.core.dates import today
from hearth.core.services import Actor, actor_or_none, apply_changes, signature_name
from hearth.homes.models import Home
from hearth.oversight.models import Action, Reg44Visit, Reg45Review
from hearth.staff.models import StaffMember

if TYPE_CHECKING:
    from hearth.inspections.models import Inspection

Source = Action.Source
Status = Action.Status


def _by(actor: Actor, given: str = "") -> str:
    return given if given and actor_or_none(actor) is None else signature_name(actor)


def _check_owner(owner: StaffMember | None, home: Home) -> None:
    if owner is not None and owner.home_id != home.pk:
        raise ValidationError({"owner": f"{owner} is not on the staff of {home}."})


def _check_source(
    source: str,
    *,
    finding_code: str,
    reg44_visit: Reg44Visit | None,
    reg45_review: Reg45Review | None,
    inspection: "Inspection | None",
    home: Home,
) -> None:
    if source not in Source.values:
        raise ValidationError({"source": f"{source!r} is not a kind of action."})
    if source == Source.FINDING and not finding_code:
        raise ValidationError({"finding_code": "An action from a finding names the finding's rule code."})
    if source == Source.REG44 and (reg44_visit is None or reg44_visit.home_id != home.pk):
        raise ValidationError({"reg44_visit": "A Regulation 44 recommendation belongs to a visit report of this home."})
    if source == Source.REG45 and (reg45_review is None or reg45_review.home_id != home.pk):
        raise ValidationError({"reg45_review": "A Regulation 45 action belongs to a review of this home."})
    if inspection is not None and inspection.home_id != home.pk:
        raise ValidationError({"inspection": "An Ofsted requirement belongs to an inspection of this home."})


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    home: Home,
    source: str,
    title: str,
    due_on: datetime.date,
    owner: StaffMember | None = None,
    detail: str = "",
    regulation: str = "",
    source_reference: str = "",
    finding_code: str = "",
    finding_subject: str = "",
    reg44_visit: Reg44Visit | None = None,
    reg45_review: Reg45Review | None = None,
    inspection: "Inspection | None" = None,
    compliance_notice: bool = False,
    status: str = Status.OPEN,
    completed_on: datetime.date | None = None,
    completion_evidence: str = "",
    completed_by_name: str = "",
    external_id: str | None = None,
) -> Action:
    """Record an action. An open action already tracking the same finding is refused, so one
    finding does not gather several owners and deadlines."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Say what must be done."})
    _check_owner(owner, home)
    _check_source(
        source,
        finding_code=finding_code,
        reg44_visit=reg44_visit,
        reg45_review=reg45_review,
        inspection=inspection,
        home=home,
    )
    if source == Source.FINDING:
        tracked = Action.objects.filter(
            home=home,
            finding_code=finding_code,
            finding_subject=finding_subject,
            status__in=[Status.OPEN, Status.IN_PROGRESS],
        ).first()
        if tracked is not None:
            raise ValidationError({"title": f"This finding is already tracked by the action “{tracked.title}”."})
    if status == Status.COMPLETED:
        _check_completion(completed_on, completion_evidence)
    elif completed_on is not None:
        raise ValidationError({"completed_on": "Only a completed action has a completion date."})
    action = Action.objects.create(
        external_id=external_id,
        home=home,
        source=source,
        title=title,
        detail=detail,
        regulation=regulation,
        source_reference=source_reference,
        finding_code=finding_code,
        finding_subject=finding_subject,
        reg44_visit=reg44_visit,
        reg45_review=reg45_review,
        inspection=inspection,
        compliance_notice=compliance_notice,
        owner=owner,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
        completion_evidence=completion_evidence.strip(),
        completed_by_name=_by(actor, completed_by_name) if status == Status.COMPLETED else "",
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="action.created", obj=action, home=home)
    if source == Source.FINDING:
        _stored_findings_link(action)
    return action


def _stored_findings_link(action: Action) -> int:
    """The open stored finding the action was made from now names it (``StoredFinding.action``),
    so that the finding's life shows it was taken on. Returns how many were linked."""
    from hearth.oversight.models import StoredFinding

    kind, _, public_id = action.finding_subject.partition(":")
    return StoredFinding.objects.filter(
        home_id=action.home_id,
        code=action.finding_code,
        resolved_at__isnull=True,
        action__isnull=True,
        subject__type=kind,
        subject__id=public_id,
    ).update(action=action)


def _check_completion(completed_on: datetime.date | None, evidence: str) -> None:
    if completed_on is None:
        raise ValidationError({"completed_on": "Give the date the action was completed."})
    if completed_on > today():
        raise ValidationError({"completed_on": "The completion date cannot be in the future."})
    if not evidence.strip():
        raise ValidationError(
            {"completion_evidence": "Say what shows it was done: the record, document or change, and where it is."}
        )


@transaction.atomic
def action_update(
    *,
    actor: Actor,
    action: Action,
    owner: StaffMember | None,
    due_on: datetime.date,
    status: str,
    reason: str = "",
    expected_version: int | None = None,
) -> list[str]:
    """Change who owns an action, when it is due, or whether it is under way.

    Completing goes through ``action_complete`` (it needs evidence). Moving the due date later
    needs a reason: a deadline slipping is something the responsible individual must be able to see.
    """
    if action.completed:
        raise ValidationError({"status": "This action is completed; reopen it, with a reason, to change it."})
    if status not in (Status.OPEN, Status.IN_PROGRESS):
        raise ValidationError({"status": "Record completion with its evidence, using Complete."})
    _check_owner(owner, action.home)
    reason = reason.strip()
    if due_on > action.due_on and not reason:
        raise ValidationError({"reason": f"Say why the due date moves later than {action.due_on:%-d %B %Y}."})
    changed = apply_changes(
        instance=action,
        changes={"owner": owner, "due_on": due_on, "status": status},
        actor=actor,
        expected_version=expected_version,
        reason=reason,
    )
    if changed:
        audit_event_record(
            actor=actor, action="action.updated", obj=action, home=action.home, changed_fields=changed, reason=reason
        )
    return changed


@transaction.atomic
def action_complete(
    *,
    actor: Actor,
    action: Action,
    completed_on: datetime.date,
    evidence: str,
    expected_version: int | None = None,
) -> Action:
    """Mark an action done, with the evidence of completion. Signed with the completer's name."""
    if action.completed:
        raise ValidationError({"status": "This action is already completed."})
    _check_completion(completed_on, evidence)
    apply_changes(
        instance=action,
        changes={
            "status": Status.COMPLETED,
            "completed_on": completed_on,
            "completion_evidence": evidence.strip(),
            "completed_by_name": signature_name(actor),
        },
        actor=actor,
        expected_version=expected_version,
    )
    audit_event_record(actor=actor, action="action.completed", obj=action, home=action.home)
    return action


@transaction.atomic
def action_reopen(*, actor: Actor, action: Action, reason: str) -> Action:
    """Reopen a completed action (the evidence did not hold up). The earlier completion stays in history."""
    if not action.completed:
        raise ValidationError({"status": "Only a completed action can be reopened."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the action is reopened."})
    changes: dict[str, Any] = {
        "status": Status.IN_PROGRESS,
        "completed_on": None,
        "completion_evidence": "",
        "completed_by_name": "",
    }
    apply_changes(instance=action, changes=changes, actor=actor, reason=reason.strip())
    audit_event_record(actor=actor, action="action.reopened", obj=action, home=action.home, reason=reason.strip())
    return action
