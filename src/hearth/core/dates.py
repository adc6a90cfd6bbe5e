"""Dates as Hearth uses them: London's calendar day, and whole-year steps."""

import datetime
import functools

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


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months on, or the month's last day if it has fewer days."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@functools.cache
def _england_bank_holidays(year: int) -> frozenset[datetime.date]:
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, not a bank holiday in England."""
    return day.weekday() < 5 and day not in _england_bank_holidays(day.year)


def add_working_days(day: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``day`` (weekends and England's bank holidays skipped)."""
    current = day
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day``, local time (England: midnight exists on every day, the
    clocks change at one and two in the morning), as an aware datetime for range queries that an
    index on the time can answer (a ``__date`` lookup casts every row)."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
