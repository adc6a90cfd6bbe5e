"""Dates as Hearth uses them: London's calendar day, and whole-year steps."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today in Europe/London, the day a home's staff live by."""
    return timezone.localdate()


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` on; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
