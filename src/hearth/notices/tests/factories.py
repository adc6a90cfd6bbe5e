import datetime
from typing import Any

from django.utils import timezone

from hearth.notices.models import HomeNotice
from hearth.notices.services import home_notice_record


def absence_notice(home: Any, starts_in_days: int = 40, **extra: Any) -> HomeNotice:
    """A planned absence of the manager starting ``starts_in_days`` from today, not yet sent."""
    start = timezone.localdate() + datetime.timedelta(days=starts_in_days)
    return home_notice_record(
        actor=None,
        home=home,
        kind="absence_planned",
        event_on=start,
        expected_until=start + datetime.timedelta(days=42),
        details="Surgery and recovery, six weeks.",
        arrangements="The deputy manager, Level 5 in leadership, runs the home.",
        **extra,
    )
