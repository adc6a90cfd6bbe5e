"""Writes for incidents, missing episodes, physical interventions and notifications."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, historical_time, sign_off, signature_name, void
from hearth.core.validation import (
    CLOCK_SKEW,
    check_addendum,
    check_children_placed,
    check_not_future,
    check_staff_of_home,
)
from hearth.homes.models import Home
from hearth.incidents.models import (
    Incident,
    IncidentAddendum,
    IncidentChild,
    IncidentStaff,
    MissingAction,
    MissingEpisode,
    Notification,
    PhysicalIntervention,
)
from hearth.risk.domains import DOMAINS
from hearth.staff.models import StaffMember


def _check_datetime_order(**pairs: tuple[datetime.datetime | None, datetime.datetime | None, str]) -> None:
    errors = {}
    for field, (earlier, later, message) in pairs.items():
        if earlier is not None and later is not None and later < earlier:
            errors[field] = message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def incident_create(
    *,
    actor: Actor,
    home: Home,
    type: str,
    severity: str,
    occurred_at: datetime.datetime,
    what_happened: str,
    action_taken: str,
    children: Sequence[tuple[Child, str]],
    staff: Sequence[tuple[StaffMember, str]] = (),
    location: str = "",
    risk_domains: Sequence[str] = (),
    external_id: str | None = None,
    recorded_at: datetime.datetime | None = None,
    reported_by_name: str | None = None,
) -> Incident:
    """Record an incident: what happened, what was done, who was involved and how (Reg 36, Sch 3)."""
    errors: dict[str, str] = {}
    if type not in Incident.Type.values:
        errors["type"] = "Choose the kind of incident."
    if severity not in Incident.Severity.values:
        errors["severity"] = "Choose how serious it was."
    if not what_happened.strip():
        errors["what_happened"] = "Say what happened."
    if not action_taken.strip():
        errors["action_taken"] = "Say what staff did."
    if not children:
        errors["children"] = "Say which children were involved, and how."
    unknown = [d for d in risk_domains if d not in DOMAINS]
    if unknown:
        errors["risk_domains"] = f"Unknown risk domain(s): {', '.join(unknown)}."
    bad_roles = [r for _, r in children if r not in IncidentChild.Role.values]
    if bad_roles:
        errors["children"] = f"Unknown role(s): {', '.join(bad_roles)}."
    if errors:
        raise ValidationError(errors)
    recorded_at = historical_time(actor, recorded_at, "recorded_at")
    check_not_future(occurred_at, "occurred_at", "The time of the incident")
    if occurred_at > recorded_at + CLOCK_SKEW:
        raise ValidationError({"occurred_at": "The incident cannot happen after it was written down."})
    check_children_placed([c for c, _ in children], home, timezone.localtime(occurred_at).date())
    check_staff_of_home([s for s, _ in staff], home)
    incident = Incident.objects.create(
        external_id=external_id,
        home=home,
        type=type,
        severity=severity,
        occurred_at=occurred_at,
        recorded_at=recorded_at,
        location=location,
        what_happened=what_happened.strip(),
        action_taken=action_taken.strip(),
        risk_domains=sorted(set(risk_domains)),
        reported_by=actor_or_none(actor),
        reported_by_name=reported_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    IncidentChild.objects.bulk_create(IncidentChild(incident=incident, child=c, role=r) for c, r in children)
    IncidentStaff.objects.bulk_create(IncidentStaff(incident=incident, staff_member=s, role=r) for s, r in staff)
    audit_event_record(actor=actor, action="incident.created", obj=incident, home=home)
    return incident


@transaction.atomic
def incident_review(*, actor: Actor, incident: Incident, comment: str, at: datetime.datetime | None = None) -> Incident:
    """The manager's oversight of an incident (rules.md oversight.incident_not_reviewed; Reg 13)."""
    sign_off(
        actor=actor,
        obj=incident,
        fields=("reviewed_at", "reviewed_by", "review_comment"),
        comment=comment,
        at=at,
        home=incident.home,
        action="incident.reviewed",
        reason="Manager review",
        already="This incident has already been reviewed.",
        comment_needed="Say what you checked and any action that follows.",
        separation=(
            "incident_review",
            [incident.created_by],
            "You recorded this incident, so another manager reviews it.",
        ),
    )
    return incident


@transaction.atomic
def incident_add_addendum(
    *,
    actor: Actor,
    incident: Incident,
    reason: str,
    text: str,
    author_name: str | None = None,
    external_id: str | None = None,
) -> IncidentAddendum:
    """Correct or add to a signed incident: the record stays as written, the addendum is signed too."""
    check_addendum(reason, text, "incident")
    addendum = IncidentAddendum.objects.create(
        external_id=external_id,
        incident=incident,
        author=actor_or_none(actor),
        author_name=author_name or signature_name(actor),
        reason=reason.strip(),
        text=text.strip(),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="incident.addendum_added", obj=incident, home=incident.home, reason=reason)
    return addendum


@transaction.atomic
def missing_episode_create(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    whereabouts_known: bool,
    last_seen_at: datetime.datetime,
    last_seen_where: str,
    circumstances: str,
    risk_level: str,
    action_taken: str,
    police_informed_at: datetime.datetime | None = None,
    police_reference: str = "",
    placing_authority_informed_at: datetime.datetime | None = None,
    external_id: str | None = None,
    incident_external_id: str | None = None,
    recorded_at: datetime.datetime | None = None,
    reported_by_name: str | None = None,
    risk_domains: Sequence[str] = ("missing",),
    staff: Sequence[tuple[StaffMember, str]] = (),
    location: str | None = None,
) -> MissingEpisode:
    """Record a child missing, or away without authorisation, with its incident. The incident's
    location is where the child was last seen unless another is given (a bundle may say both)."""
    if risk_level not in MissingEpisode.RiskLevel.values:
        raise ValidationError({"risk_level": "Choose the risk level."})
    if police_reference and police_informed_at is None:
        raise ValidationError({"police_informed_at": "Give the time the police were told, with the reference."})
    _check_datetime_order(
        police_informed_at=(
            last_seen_at,
            police_informed_at,
            "The police cannot be told before the child was last seen.",
        ),
    )
    incident = incident_create(
        actor=actor,
        home=home,
        type=Incident.Type.AWAY if whereabouts_known else Incident.Type.MISSING,
        severity=Incident.Severity.HIGH if risk_level == "high" else Incident.Severity.MEDIUM,
        occurred_at=last_seen_at,
        what_happened=circumstances,
        action_taken=action_taken,
        children=[(child, IncidentChild.Role.SUBJECT)],
        location=last_seen_where if location is None else location,
        staff=staff,
        risk_domains=sorted({"missing", *risk_domains}),
        external_id=incident_external_id,
        recorded_at=recorded_at,
        reported_by_name=reported_by_name,
    )
    episode = MissingEpisode.objects.create(
        external_id=external_id,
        incident=incident,
        child=child,
        whereabouts_known=whereabouts_known,
        last_seen_at=last_seen_at,
        last_seen_where=last_seen_where,
        circumstances=circumstances.strip(),
        risk_level=risk_level,
        police_informed_at=police_informed_at,
        police_reference=police_reference,
        placing_authority_informed_at=placing_authority_informed_at,
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="missing_episode.created", obj=episode, home=home)
    return episode


@transaction.atomic
def missing_episode_update(
    *, actor: Actor, episode: MissingEpisode, expected_version: int | None = None, **changes: Any
) -> MissingEpisode:
    """Add what became known: police told, the return and the child's condition, the return interview.
    ``expected_version``: the version the worker's form was opened at (a stale form changes nothing)."""
    from hearth.core.services import apply_changes

    allowed = {
        "police_informed_at",
        "police_reference",
        "placing_authority_informed_at",
        "returned_at",
        "return_condition",
        "return_interview_offered_at",
        "return_interview_held_at",
        "return_interview_by",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({"__all__": f"Cannot change {', '.join(sorted(unknown))} here."})
    merged = {name: changes.get(name, getattr(episode, name)) for name in allowed}
    for name in (
        "police_informed_at",
        "placing_authority_informed_at",
        "returned_at",
        "return_interview_offered_at",
        "return_interview_held_at",
    ):
        check_not_future(merged[name], name, "That time")
    _check_datetime_order(
        returned_at=(
            episode.last_seen_at,
            merged["returned_at"],
            "The return cannot be before the child was last seen.",
        ),
        return_interview_offered_at=(
            merged["returned_at"],
            merged["return_interview_offered_at"],
            "The interview is offered after the return.",
        ),
        return_interview_held_at=(
            merged["return_interview_offered_at"],
            merged["return_interview_held_at"],
            "The interview is held after it is offered.",
        ),
    )
    if merged["returned_at"] and not str(merged["return_condition"]).strip():
        raise ValidationError({"return_condition": "Describe the child's condition on return."})
    if merged["return_interview_offered_at"] and not merged["returned_at"]:
        raise ValidationError({"return_interview_offered_at": "Record the return first."})
    changed = apply_changes(instance=episode, changes=changes, actor=actor, expected_version=expected_version)
    if changed:
        audit_event_record(
            actor=actor,
            action="missing_episode.updated",
            obj=episode,
            home=episode.incident.home,
            changed_fields=changed,
        )
    return episode


@transaction.atomic
def missing_action_add(
    *,
    actor: Actor,
    episode: MissingEpisode,
    at: datetime.datetime,
    kind: str,
    description: str,
    by_name: str | None = None,
) -> MissingAction:
    """Add one thing staff did while the child was missing (calls, searches, taxi firms, checks)."""
    if kind not in MissingAction.Kind.values:
        raise ValidationError({"kind": "Choose what was done."})
    if not description.strip():
        raise ValidationError({"description": "Describe what was done and what was found."})
    check_not_future(at, "at", "The time of the action")
    action = MissingAction.objects.create(
        episode=episode,
        at=at,
        kind=kind,
        description=description.strip(),
        by_name=by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="missing_episode.action_added", obj=episode, home=episode.incident.home)
    return action


@transaction.atomic
def physical_intervention_create(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    occurred_at: datetime.datetime,
    location: str,
    behaviour_before: str,
    steps_tried_first: str,
    technique: str,
    duration_minutes: int,
    staff_used: Sequence[StaffMember],
    outcome: str,
    witnesses: str = "",
    injuries: str = "",
    injury_treatment: str = "",
    severity: str = Incident.Severity.MEDIUM,
    external_id: str | None = None,
    incident_external_id: str | None = None,
    recorded_at: datetime.datetime | None = None,
    what_happened: str | None = None,
    action_taken: str | None = None,
    reported_by_name: str | None = None,
) -> PhysicalIntervention:
    """Record a physical intervention with everything Reg 35(3)(a) asks for, within 24 hours."""
    errors = {}
    for field, value, message in [
        ("behaviour_before", behaviour_before, "Describe the behaviour that led to it."),
        ("steps_tried_first", steps_tried_first, "Say what was tried first to calm things down."),
        ("technique", technique, "Name the hold or technique used."),
        ("outcome", outcome, "Say how effective it was and what followed."),
    ]:
        if not value.strip():
            errors[field] = message
    if not staff_used:
        errors["staff_used"] = "Choose the staff who used the intervention."
    if duration_minutes < 1 or duration_minutes > 600:
        errors["duration_minutes"] = "Give the duration in minutes (1 to 600)."
    if injuries.strip() and not injury_treatment.strip():
        errors["injury_treatment"] = "Say what treatment was given for the injuries."
    if errors:
        raise ValidationError(errors)
    incident = incident_create(
        actor=actor,
        home=home,
        type=Incident.Type.PHYSICAL_INTERVENTION,
        severity=severity,
        occurred_at=occurred_at,
        what_happened=what_happened or behaviour_before,
        action_taken=action_taken or f"{technique} for {duration_minutes} minutes. {outcome}",
        children=[(child, IncidentChild.Role.SUBJECT)],
        staff=[(s, IncidentStaff.Role.INVOLVED) for s in staff_used],
        location=location,
        risk_domains=["violence"],
        external_id=incident_external_id,
        recorded_at=recorded_at,
        reported_by_name=reported_by_name,
    )
    intervention = PhysicalIntervention.objects.create(
        external_id=external_id,
        incident=incident,
        child=child,
        behaviour_before=behaviour_before.strip(),
        steps_tried_first=steps_tried_first.strip(),
        technique=technique.strip(),
        duration_minutes=duration_minutes,
        witnesses=witnesses,
        injuries=injuries.strip(),
        injury_treatment=injury_treatment.strip(),
        outcome=outcome.strip(),
        created_by=actor_or_none(actor),
    )
    intervention.staff_used.set(staff_used)
    audit_event_record(actor=actor, action="physical_intervention.created", obj=intervention, home=home)
    return intervention


@transaction.atomic
def physical_intervention_sign(
    *, actor: Actor, intervention: PhysicalIntervention, comment: str, at: datetime.datetime | None = None
) -> PhysicalIntervention:
    """The registered person spoke to the staff involved and signs the record as accurate (Reg 35(3)(b))."""
    sign_off(
        actor=actor,
        obj=intervention,
        fields=("staff_spoken_signed_at", "staff_spoken_signed_by", "staff_spoken_comment"),
        comment=comment,
        at=at,
        home=intervention.incident.home,
        action="physical_intervention.signed",
        reason="Spoke to staff and signed",
        already="Already signed.",
        comment_needed="Say what the staff told you and anything that follows.",
        separation=(
            "restraint",
            lambda: [s.user for s in intervention.staff_used.all()],
            "You were one of the staff who used this restraint, so another manager hears from you and "
            "signs it off (Regulation 35(3)(b)).",
        ),
    )
    return intervention


@transaction.atomic
def physical_intervention_child_spoken(
    *, actor: Actor, intervention: PhysicalIntervention, comment: str, at: datetime.datetime | None = None
) -> PhysicalIntervention:
    """The registered person spoke to the child about it (Reg 35(3)(c)); the child's view in their words."""
    sign_off(
        actor=actor,
        obj=intervention,
        fields=("child_spoken_at", "child_spoken_by", "child_spoken_comment"),
        comment=comment,
        at=at,
        home=intervention.incident.home,
        action="physical_intervention.child_spoken",
        reason="Spoke to the child",
        already="Already recorded.",
        comment_needed="Record what the child said.",
    )
    return intervention


@transaction.atomic
def notification_record(
    *,
    actor: Actor,
    incident: Incident,
    recipient: str,
    sent_at: datetime.datetime,
    method: str = "",
    reference: str = "",
    external_id: str | None = None,
    sent_by_name: str | None = None,
) -> Notification:
    """Record a Reg 40 notification: to whom, when, how and its reference."""
    if recipient not in Notification.Recipient.values:
        raise ValidationError({"recipient": "Choose who was notified."})
    check_not_future(sent_at, "sent_at", "The time it was sent")
    if sent_at < incident.occurred_at:
        raise ValidationError({"sent_at": "A notification cannot be sent before the incident happened."})
    note = Notification.objects.create(
        external_id=external_id,
        incident=incident,
        recipient=recipient,
        sent_at=sent_at,
        method=method,
        reference=reference,
        sent_by=actor_or_none(actor),
        sent_by_name=sent_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="notification.recorded", obj=note, home=incident.home)
    return note


@transaction.atomic
def notifications_record(
    *,
    actor: Actor,
    incident: Incident,
    recipients: Sequence[str],
    sent_at: datetime.datetime,
    method: str = "",
    reference: str = "",
) -> list[Notification]:
    """One notification sent to several bodies at once (Reg 40(4): Ofsted and the placing authority,
    often the police too): a record for each, all or none."""
    if not recipients:
        raise ValidationError({"recipients": "Tick at least one body that was notified."})
    return [
        notification_record(
            actor=actor, incident=incident, recipient=r, sent_at=sent_at, method=method, reference=reference
        )
        for r in dict.fromkeys(recipients)
    ]


@transaction.atomic
def incident_void(*, actor: Actor, incident: Incident, comment: str) -> Incident:
    """Void an incident recorded twice, with its missing episode or physical intervention (Reg 36:
    never deleted; see core.services.void)."""
    void(actor=actor, obj=incident, comment=comment, home=incident.home, action="incident.voided")
    return incident
