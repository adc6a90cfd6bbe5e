"""Dates and times in bundles: absolute ISO values, or relative to the day of loading."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def relative_date(value: dict[str, Any], load_day: datetime.date) -> datetime.date:
    """A date relative to the day of loading: ``{"days_before_load": N}``, or for monthly records
    ``{"months_before_load": N, "day": D}`` (day D of the month N calendar months back, or that
    month's last day if it is shorter)."""
    if "months_before_load" in value:
        from hearth.core.dates import add_months

        month = add_months(load_day.replace(day=1), -value["months_before_load"])
        last = add_months(month, 1) - datetime.timedelta(days=1)
        return month.replace(day=min(value["day"], last.day))
    return load_day - datetime.timedelta(days=value["days_before_load"])


def parse_datetime(value: Any, load_day: datetime.date) -> datetime.datetime:
    """An aware datetime from an ISO string (naive means London time), or a relative date with a time."""
    if isinstance(value, dict):
        day = relative_date({k: v for k, v in value.items() if k != "time"}, load_day)
        hour, minute = (int(x) for x in value["time"].split(":"))
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LONDON)


def format_datetime(value: datetime.datetime | None) -> str | None:
    """London local time with its offset, to the minute: the form export writes."""
    if value is None:
        return None
    return timezone.localtime(value, LONDON).isoformat(timespec="minutes")
