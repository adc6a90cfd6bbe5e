"""School terms and school days, as the education rules count them.

England's term dates vary by local authority and by school; Hearth uses the usual pattern: autumn
from 1 September, spring from 1 January, summer from 1 April (to the end of August, so that every
day belongs to a term). A school day is a weekday; bank holidays and INSET days are not known.
"""

import datetime
from dataclasses import dataclass

TERM_STARTS = ((9, "autumn"), (4, "summer"), (1, "spring"))  # month of the first day, latest first


@dataclass(frozen=True)
class Term:
    name: str
    starts_on: datetime.date

    def __str__(self) -> str:
        return f"{self.name} term {self.starts_on.year}"


def term_of(day: datetime.date) -> Term:
    for month, name in TERM_STARTS:
        if day.month >= month:
            return Term(name, datetime.date(day.year, month, 1))
    raise AssertionError("every month is in a term")  # pragma: no cover


def previous_term(term: Term) -> Term:
    return term_of(term.starts_on - datetime.timedelta(days=1))


def school_days_between(start: datetime.date, end: datetime.date) -> int:
    """Weekdays after ``start`` up to and including ``end`` (0 if ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for n in range(1, rest + 1):
        if (start + datetime.timedelta(days=weeks * 7 + n)).weekday() < 5:
            count += 1
    return count


def school_days_back(end: datetime.date, n: int) -> datetime.date:
    """The day ``n`` school days before ``end``: the start of a window of ``n`` school days ending at ``end``."""
    day = end
    while n > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def compulsory_school_age(age: int) -> bool:
    """From 5 to 16 (the end of year 11 is taken as the sixteenth birthday, a simplification)."""
    return 5 <= age < 16
