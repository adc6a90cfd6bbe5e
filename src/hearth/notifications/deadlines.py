"""Telling managers before a clock runs out, not only after (a finding is made when it has).

Run with each re-audit of a home (``oversight/services/stored.py``):
- a physical intervention not yet signed off, whose Regulation 35(3)(b) clock runs out within
  ``SOON_HOURS``;
- a child missing from the home (whereabouts unknown, not back): told once, at once.

Each is told once per person (the notification's key). The words name the home and the duty,
never the child.
"""

import datetime
from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone

from hearth.core.deadlines import deadline_hours
from hearth.homes.models import Home
from hearth.incidents.models import MissingEpisode, PhysicalIntervention
from hearth.notifications.models import Notification

SOON_HOURS = 12


def deadlines_notify(
    homes: Sequence[Home], *, now: datetime.datetime, managers: dict[int, list[int]]
) -> list[Notification]:
    """Notifications for clocks about to run out and children missing now, at ``homes``, for each
    home's ``managers`` (user ids). Returns those made (new or already made)."""
    by_id = {h.pk: h for h in homes}
    made: list[Notification] = []
    limit = datetime.timedelta(hours=deadline_hours("restraint_signed"))
    soon = PhysicalIntervention.objects.filter(
        incident__home_id__in=list(by_id),
        staff_spoken_signed_at__isnull=True,
        incident__occurred_at__gt=now - limit,
        incident__occurred_at__lte=now - limit + datetime.timedelta(hours=SOON_HOURS),
    ).values_list("pk", "incident__home_id", "incident__occurred_at")
    for pk, home_id, occurred in soon:
        due = timezone.localtime(occurred + limit)
        home = by_id[home_id]
        made += _for_managers(
            managers.get(home_id, []),
            home=home,
            key=f"soon:restraint:{pk}",
            title=f"Sign off a physical intervention record at {home.name} by {due:%H:%M on %-d %B} (Regulation 35(3)(b))",
            url=reverse("incidents:list", kwargs={"home_id": home.public_id}),
            due=due.date(),
            now=now,
        )
    missing = MissingEpisode.objects.filter(
        incident__home_id__in=list(by_id), whereabouts_known=False, returned_at__isnull=True
    ).values_list("pk", "incident__home_id")
    for pk, home_id in missing:
        home = by_id[home_id]
        made += _for_managers(
            managers.get(home_id, []),
            home=home,
            key=f"missing:{pk}",
            title=f"A child from {home.name} is missing: follow the missing-from-care procedure",
            url=reverse("incidents:list", kwargs={"home_id": home.public_id}),
            due=None,
            now=now,
        )
    return made


def _for_managers(
    user_ids: list[int],
    *,
    home: Home,
    key: str,
    title: str,
    url: str,
    due: datetime.date | None,
    now: datetime.datetime,
) -> list[Notification]:
    return [
        Notification(
            user_id=user_id,
            home=home,
            kind=Notification.Kind.DEADLINE,
            key=key,
            title=title[:300],
            url=url,
            due=due,
            created_at=now,
        )
        for user_id in user_ids
    ]
