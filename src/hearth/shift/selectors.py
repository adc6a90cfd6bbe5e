"""What the person arriving for a shift needs first: what happened since they were last on, who
is missing, who is in the building, what is due, and the handover.

Every list is one query (with its prefetches), whatever the home's size, and each is cut at
``SHOWN`` rows with the number left out, so the page stays quick at a busy home.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from hearth.health.selectors import appointments_between
from hearth.homes.models import Home
from hearth.incidents.models import Incident, IncidentChild, MissingEpisode, PhysicalIntervention
from hearth.notifications.models import Notification
from hearth.oversight.models import Action
from hearth.records.models import LogEntry
from hearth.shift.models import Handover
from hearth.staff.models import Shift
from hearth.visitors.models import Visit

SHOWN = 30  # rows of each list on the page; the rest are in the daily log and the incident list
DEFAULT_LOOKBACK = datetime.timedelta(hours=24)  # no shift on the rota: the last day
LONGEST_LOOKBACK = datetime.timedelta(days=7)  # back from leave: the last week, then the log
IN_BUILDING_FOR = datetime.timedelta(hours=24)  # a visit not signed out after this is not "in"


@dataclass(frozen=True)
class Since:
    """From when "since you were last on" counts, and why from then."""

    at: datetime.datetime
    reason: str  # "your last shift", "the last 24 hours" or "the last 7 days"


@dataclass(frozen=True)
class Cut:
    """The first ``SHOWN`` rows of a list, and how many there were in all."""

    rows: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class MissingNow:
    episode: MissingEpisode
    elapsed: datetime.timedelta

    @property
    def elapsed_words(self) -> str:
        minutes = int(self.elapsed.total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
        if hours:
            parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
        if not days:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        return " ".join(parts)


@dataclass(frozen=True)
class ShiftSummary:
    now: datetime.datetime
    since: Since
    entries: Cut
    incidents: Cut
    visits: Cut
    missing: list[MissingNow]
    visitors_in: list[Visit]
    on_shift: list[Shift]
    notifications: list[Notification]
    actions_due: list[Action]
    sign_offs: list[PhysicalIntervention] = field(default_factory=list)
    appointments: list[Any] = field(default_factory=list)  # the children's, in the next 12 hours
    handovers: list[Handover] = field(default_factory=list)


def since_last_on(*, home: Home, user: Any, now: datetime.datetime) -> Since:
    """The end of the person's last shift at this home on the rota (not cancelled, ended by now),
    or the last 24 hours if they have none; never more than 7 days back."""
    last = (
        Shift.objects.filter(home=home, staff_member__user_id=user.pk, cancelled_at__isnull=True, ends_at__lte=now)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )
    if last is None:
        return Since(now - DEFAULT_LOOKBACK, "the last 24 hours")
    if last < now - LONGEST_LOOKBACK:
        return Since(now - LONGEST_LOOKBACK, "the last 7 days")
    return Since(last, "your last shift")


APPOINTMENTS_AHEAD = datetime.timedelta(hours=12)  # about a shift


def _cut(queryset: QuerySet[Any]) -> Cut:
    rows = list(queryset[: SHOWN + 1])
    if len(rows) <= SHOWN:
        return Cut(rows, len(rows))
    return Cut(rows[:SHOWN], queryset.count())


def shift_summary(*, home: Home, user: Any, now: datetime.datetime, leads_shift: bool) -> ShiftSummary:
    """Everything on the shift page. ``leads_shift``: the person also sees restraints awaiting
    sign-off (Regulation 35(3)(b)), which the shift lead chases."""
    since = since_last_on(home=home, user=user, now=now)
    children_of_incident = Prefetch("involved_children", queryset=IncidentChild.objects.select_related("child"))
    return ShiftSummary(
        now=now,
        since=since,
        entries=_cut(
            LogEntry.objects.filter(home=home, recorded_at__gt=since.at)
            .prefetch_related("children")
            .order_by("-occurred_at", "-id")
        ),
        incidents=_cut(
            Incident.objects.filter(home=home, recorded_at__gt=since.at)
            .prefetch_related(children_of_incident)
            .order_by("-occurred_at", "-id")
        ),
        visits=_cut(
            Visit.objects.filter(visitor__home=home, arrived_at__gt=since.at)
            .select_related("visitor")
            .order_by("-arrived_at", "-id")
        ),
        missing=[
            MissingNow(episode, now - episode.last_seen_at)
            for episode in MissingEpisode.objects.filter(incident__home=home, returned_at__isnull=True)
            .select_related("child", "incident")
            .order_by("last_seen_at")
        ],
        visitors_in=list(
            Visit.objects.filter(
                visitor__home=home, left_at__isnull=True, arrived_at__lte=now, arrived_at__gt=now - IN_BUILDING_FOR
            )
            .select_related("visitor")
            .order_by("arrived_at")
        ),
        on_shift=list(
            Shift.objects.filter(home=home, cancelled_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
            .select_related("staff_member")
            .order_by("staff_member__last_name", "staff_member__first_name")
        ),
        notifications=list(
            Notification.objects.filter(user_id=user.pk, home=home, read_at__isnull=True).order_by(
                "due", "-created_at"
            )[:SHOWN]
        ),
        appointments=list(appointments_between(home=home, start=now, end=now + APPOINTMENTS_AHEAD)),
        actions_due=list(
            Action.objects.filter(
                home=home,
                owner__user_id=user.pk,
                due_on__lte=timezone.localtime(now).date() + datetime.timedelta(days=1),
            )
            .exclude(status=Action.Status.COMPLETED)
            .order_by("due_on")[:SHOWN]
        ),
        sign_offs=list(
            PhysicalIntervention.objects.filter(incident__home=home)
            .filter(Q(staff_spoken_signed_at__isnull=True) | Q(child_spoken_at__isnull=True))
            .select_related("child", "incident")
            .order_by("incident__occurred_at")[:SHOWN]
        )
        if leads_shift
        else [],
        handovers=list(
            Handover.objects.filter(home=home)
            .filter(Q(written_at__gt=since.at) | Q(acknowledged_at__isnull=True, written_at__gt=now - LONGEST_LOOKBACK))
            .order_by("-written_at", "-id")[:5]
        ),
    )
