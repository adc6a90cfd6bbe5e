"""Reads for complaints: the home's list with each one's deadline, and the summary of a year's
complaints Ofsted may ask for (Reg 39(3))."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from hearth.complaints.models import Complaint
from hearth.core.dates import add_months
from hearth.homes.models import Home


def complaints_of(home: Home) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(home=home)
        .select_related("child", "investigator")
        .prefetch_related("about_staff")
        .order_by("-received_on", "-id")
    )


def complaint_state(complaint: Complaint, today: datetime.date) -> str:
    """In words: answered (on time or late), or open (due, or overdue)."""
    if complaint.responded_on is not None:
        late = complaint.responded_on > complaint.response_due
        return f"Answered {complaint.responded_on:%-d %B %Y}{' (late)' if late else ''}"
    if complaint.response_due < today:
        return f"Overdue: due {complaint.response_due:%-d %B %Y}"
    return f"Due {complaint.response_due:%-d %B %Y}"


@dataclass(frozen=True)
class ComplaintsSummary:
    since: datetime.date
    until: datetime.date
    total: int
    by_complainant: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    answered_on_time: int
    answered_late: int
    open: int
    satisfied: int


def complaints_summary(home: Home, until: datetime.date, months: int = 12) -> ComplaintsSummary:
    """The complaints received in the ``months`` up to ``until``, counted as Ofsted asks (one query)."""
    since = add_months(until, -months) + datetime.timedelta(days=1)
    rows = list(Complaint.objects.filter(home=home, received_on__gte=since, received_on__lte=until))
    answered = [c for c in rows if c.responded_on is not None and c.responded_on <= until]
    late = [c for c in answered if c.responded_on and c.responded_on > c.response_due]
    labels = dict(Complaint.From.choices)
    outcomes = dict(Complaint.Outcome.choices)
    return ComplaintsSummary(
        since=since,
        until=until,
        total=len(rows),
        by_complainant=[(labels[k], n) for k, n in Counter(c.complainant_kind for c in rows).most_common()],
        by_outcome=[(outcomes[k], n) for k, n in Counter(c.outcome for c in answered if c.outcome).most_common()],
        answered_on_time=len(answered) - len(late),
        answered_late=len(late),
        open=len(rows) - len(answered),
        satisfied=sum(1 for c in answered if c.satisfaction == Complaint.Satisfied.YES),
    )
