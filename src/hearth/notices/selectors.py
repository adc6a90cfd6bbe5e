"""Reads for notices about the home: each with its deadline, open ones first."""

import datetime

from django.db.models import QuerySet

from hearth.homes.models import Home
from hearth.notices.models import HomeNotice


def notices_of(home: Home) -> QuerySet[HomeNotice]:
    return HomeNotice.objects.filter(home=home).select_related("follows").order_by("-event_on", "-id")


def notice_state(notice: HomeNotice, today: datetime.date) -> str:
    if notice.sent_on is not None:
        late = notice.sent_on > notice.due_on
        return f"Sent {notice.sent_on:%-d %B %Y}{' (late)' if late else ''}"
    if notice.due_on < today:
        return f"Overdue: was due {notice.due_on:%-d %B %Y}"
    return f"Due by {notice.due_on:%-d %B %Y}"
