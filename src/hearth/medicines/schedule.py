"""When a regular medicine's doses fall due: its times of day on each day it is current, in the
home's local time (Europe/London), so that a dose at 08:00 stays at 08:00 across the clock change.

Pure functions over prescriptions already loaded: the MAR page and the rule
``medication.dose_not_recorded`` both use them, and neither makes a query per dose.
"""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

TIME_FORMAT = "%H:%M"


def parse_times(values: Iterable[str]) -> list[datetime.time]:
    """``["08:00", "20:00"]`` as times; ValueError naming the first that is not a time of day."""
    out = []
    for value in values:
        try:
            out.append(datetime.datetime.strptime(str(value).strip(), TIME_FORMAT).time())
        except ValueError:
            raise ValueError(f"“{value}” is not a time of day written as HH:MM, such as 08:00.") from None
    return sorted(set(out))


def local_moment(day: datetime.date, at: datetime.time) -> datetime.datetime:
    """``at`` on ``day`` in local time. In the hour the clocks go forward, a time that does not
    exist (01:30) is read as the same wall time after the change, as people would."""
    naive = datetime.datetime.combine(day, at)
    moment = timezone.make_aware(naive, timezone.get_default_timezone())
    return moment


def due_times(prescription: Any, start: datetime.datetime, end: datetime.datetime) -> Iterator[datetime.datetime]:
    """Each moment a regular ``prescription`` falls due with ``start <= moment < end``."""
    if prescription.kind != "regular" or not prescription.times:
        return
    times = parse_times(prescription.times)
    first = max(timezone.localtime(start).date(), prescription.starts_on)
    last = timezone.localtime(end).date()
    if prescription.ends_on is not None:
        last = min(last, prescription.ends_on)
    day = first
    while day <= last:
        for at in times:
            moment = local_moment(day, at)
            if start <= moment < end:
                yield moment
        day += datetime.timedelta(days=1)
