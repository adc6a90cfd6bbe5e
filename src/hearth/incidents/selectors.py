"""Reads of incidents, missing episodes, physical interventions and notifications."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from hearth.core.deadlines import deadline_after
from hearth.homes.models import Home
from hearth.incidents.models import (
    Incident,
    IncidentChild,
    IncidentStaff,
    MissingAction,
    Notification,
    PhysicalIntervention,
)
from hearth.incidents.notifications import outstanding_recipients


def incidents_for_home(*, home: Home, type: str = "", limit: int | None = 200) -> QuerySet[Incident]:
    """Newest first; ``limit=None`` for all of them (to be paged)."""
    qs = (
        Incident.objects.filter(home=home)
        .prefetch_related(Prefetch("involved_children", queryset=IncidentChild.objects.select_related("child")))
        .order_by("-occurred_at", "-id")
    )
    if type:
        qs = qs.filter(type=type)
    return qs if limit is None else qs[:limit]


def incident_detail(*, home: Home, incident_id: Any) -> Incident | None:
    return (
        Incident.with_voided.filter(home=home)  # a voided incident's own page says it is void
        .select_related("reviewed_by", "voided_by", "missing_episode", "physical_intervention")
        .prefetch_related(
            Prefetch("involved_children", queryset=IncidentChild.objects.select_related("child")),
            Prefetch("involved_staff", queryset=IncidentStaff.objects.select_related("staff_member")),
            Prefetch("notifications", queryset=Notification.with_voided.order_by("sent_at")),
            Prefetch("missing_episode__actions", queryset=MissingAction.objects.order_by("at")),
            "physical_intervention__staff_used",
            "addenda",
        )
        .filter(public_id=incident_id)
        .first()
    )


@dataclass(frozen=True)
class Clock:
    """A running deadline: what must happen, by when, whether it did, and its state as of a moment."""

    label: str
    due: datetime.datetime
    done_at: datetime.datetime | None
    state: str  # "done on time", "done late", "due" or "overdue"


def clock(label: str, due: datetime.datetime, done_at: datetime.datetime | None, now: datetime.datetime) -> Clock:
    if done_at is not None:
        state = "done on time" if done_at <= due else "done late"
    else:
        state = "overdue" if now > due else "due"
    return Clock(label, due, done_at, state)


def restraint_clocks(intervention: PhysicalIntervention, now: datetime.datetime) -> list[Clock]:
    """The three Reg 35 clocks, from the time of the intervention."""
    start = intervention.incident.occurred_at
    return [
        clock("Recorded", deadline_after(start, "restraint_recorded"), intervention.incident.recorded_at, now),
        clock(
            "Manager spoke to staff and signed",
            deadline_after(start, "restraint_signed"),
            intervention.staff_spoken_signed_at,
            now,
        ),
        clock(
            "Manager spoke to the child",
            deadline_after(start, "restraint_child_spoken"),
            intervention.child_spoken_at,
            now,
        ),
    ]


def notifications_outstanding(incident: Incident) -> list[str]:
    """Recipient codes still to be notified (Reg 40)."""
    return outstanding_recipients(incident, {n.recipient for n in incident.notifications.all()})


def recipient_labels(codes: list[str]) -> list[str]:
    labels = dict(Notification.Recipient.choices)
    return [str(labels[c]) for c in codes]


def notification_deadline(incident: Incident) -> datetime.datetime:
    return deadline_after(incident.occurred_at, "notification")
