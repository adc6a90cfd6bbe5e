"""Dates and times in bundles: absolute ISO values, or relative to the day of loading."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def parse_datetime(value: Any, load_day: datetime.date) -> datetime.datetime:
    """An aware datetime from an ISO string (naive means London time) or {days_before_load, time}."""
    if isinstance(value, dict):
        day = load_day - datetime.timedelta(days=value["days_before_load"])
        hour, minute = (int(x) for x in value["time"].split(":"))
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LONDON)


def format_datetime(value: datetime.datetime | None) -> str | None:
    """London local time with its offset, to the minute: the form export writes."""
    if value is None:
        return None
    return timezone.localtime(value, LONDON).isoformat(timespec="minutes")
