"""Deadlines as configuration (design.md convention 7), with the defaults of domain.md's appendix."""

import datetime

from django.conf import settings


def deadline_hours(name: str) -> int:
    hours: int = settings.HEARTH_DEADLINES_HOURS[name]
    return hours


def deadline_after(start: datetime.datetime, name: str) -> datetime.datetime:
    return start + datetime.timedelta(hours=deadline_hours(name))
