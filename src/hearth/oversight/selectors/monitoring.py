"""Reads for monitoring the home: actions and their deadlines, Regulation 44 visits month by month,
Regulation 45 reviews, and the figures of a period (incidents, missing episodes, physical
interventions) that the review and the dashboards show.

Every function runs a fixed number of queries, whatever the number of homes, children or records.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncMonth

from hearth.children.models import Placement
from hearth.core.dates import add_months, day_start
from hearth.homes.models import Home, StatementOfPurpose
from hearth.incidents.models import Incident
from hearth.oversight.models import Action, Reg44Visit, Reg45Review

OPEN = [Action.Status.OPEN, Action.Status.IN_PROGRESS]


# --- actions ----------------------------------------------------------------------------------


def actions_for_home(*, home: Home, include_completed: bool = True) -> QuerySet[Action]:
    """The home's actions, open ones first by due date, with what they came from."""
    qs = Action.objects.filter(home=home).select_related("owner", "reg44_visit", "reg45_review")
    if not include_completed:
        qs = qs.filter(status__in=OPEN)
    return qs.order_by("completed_on", "due_on", "title")


def actions_tracking_findings(*, home: Home) -> dict[tuple[str, str], Action]:
    """Open actions made from findings, by (rule code, subject key), so the findings page can show
    which findings are already owned."""
    rows = Action.objects.filter(home=home, source=Action.Source.FINDING, status__in=OPEN).select_related("owner")
    return {(a.finding_code, a.finding_subject): a for a in rows}


def action_counts_by_home(*, home_ids: list[int], as_of: datetime.date) -> dict[int, dict[str, int]]:
    """Open, overdue and due-today actions per home, in one query."""
    rows = (
        Action.objects.filter(home_id__in=home_ids, status__in=OPEN)
        .values("home_id")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_on__lt=as_of)),
            due_today=Count("id", filter=Q(due_on=as_of)),
        )
    )
    out = {pk: {"open": 0, "overdue": 0, "due_today": 0} for pk in home_ids}
    for row in rows:
        out[row["home_id"]] = {k: row[k] for k in ("open", "overdue", "due_today")}
    return out


# --- Regulation 44 ------------------------------------------------------------------------------


def operating_since(*, home_ids: list[int]) -> dict[int, datetime.date]:
    """The day each home began operating: its first statement of purpose in force (Reg 16)."""
    rows = (
        StatementOfPurpose.objects.filter(home_id__in=home_ids)
        .values("home_id")
        .annotate(first=Min("effective_from"))
        .order_by()
    )
    return {row["home_id"]: row["first"] for row in rows}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def elapsed_months(*, since: datetime.date, as_of: datetime.date, limit: int) -> list[datetime.date]:
    """The first days of the calendar months wholly after ``since`` began and wholly over by ``as_of``
    (a month ends when the next begins), newest first, at most ``limit`` of them."""
    months: list[datetime.date] = []
    month = add_months(month_start(as_of), -1)
    while len(months) < limit and month >= month_start(since):
        months.append(month)
        month = add_months(month, -1)
    return months


def reg44_visits(*, home: Home) -> QuerySet[Reg44Visit]:
    return (
        Reg44Visit.objects.filter(home=home)
        .annotate(recommendation_count=Count("recommendations", distinct=True))
        .order_by("-visited_on")
    )


def reg44_visit_months(
    *, home_ids: list[int], since: datetime.date, until: datetime.datetime
) -> set[tuple[int, datetime.date]]:
    """(home, first day of month) for every month with a report submitted by ``until``."""
    rows = (
        Reg44Visit.objects.filter(home_id__in=home_ids, visited_on__gte=since, submitted_at__lte=until)
        .annotate(month=TruncMonth("visited_on"))
        .values_list("home_id", "month")
        .distinct()
    )
    return {(home_id, month) for home_id, month in rows}


@dataclass(frozen=True)
class MonthRecord:
    month: datetime.date
    visits: list[Reg44Visit]

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"


def reg44_calendar(*, home: Home, as_of: datetime.date, months: int = 12) -> list[MonthRecord]:
    """The last ``months`` calendar months (this one first), each with its submitted visit reports."""
    first = add_months(month_start(as_of), -(months - 1))
    by_month: dict[datetime.date, list[Reg44Visit]] = defaultdict(list)
    for visit in Reg44Visit.objects.filter(home=home, visited_on__gte=first, submitted_at__isnull=False):
        by_month[month_start(visit.visited_on)].append(visit)
    return [
        MonthRecord(add_months(month_start(as_of), -i), by_month[add_months(month_start(as_of), -i)])
        for i in range(months)
    ]


def reg45_reviews(*, home: Home) -> QuerySet[Reg45Review]:
    return Reg45Review.objects.filter(home=home).order_by("-period_end")


# --- figures ----------------------------------------------------------------------------------


def incident_counts_by_month(
    *, home_ids: list[int], first_month: datetime.date, as_of: datetime.date
) -> dict[int, dict[datetime.date, dict[str, int]]]:
    """Per home, per month (first day), incidents counted by type, from ``first_month`` to ``as_of``;
    one query. Missing and away episodes and physical interventions are incidents of their type."""
    rows = (
        Incident.objects.filter(
            home_id__in=home_ids,
            occurred_at__gte=day_start(first_month),
            occurred_at__lt=day_start(as_of + datetime.timedelta(days=1)),
        )
        .annotate(month=TruncMonth("occurred_at"))
        .values("home_id", "month", "type")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[int, dict[datetime.date, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        month = row["month"]
        day = month.date() if isinstance(month, datetime.datetime) else month
        out[row["home_id"]][day][row["type"]] = row["n"]
    return out


def period_figures(*, home: Home, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """The figures a Regulation 45 review reports for a period, as plain JSON values."""
    by_type = {
        row["type"]: row["n"]
        for row in Incident.objects.filter(
            home=home,
            occurred_at__gte=day_start(start),
            occurred_at__lt=day_start(end + datetime.timedelta(days=1)),
        )
        .values("type")
        .annotate(n=Count("id"))
        .order_by()
    }
    placements = Placement.objects.filter(home=home).aggregate(
        admissions=Count("id", filter=Q(admitted_on__range=(start, end))),
        departures=Count("id", filter=Q(left_on__range=(start, end))),
    )
    actions = Action.objects.filter(home=home).aggregate(
        opened=Count(
            "id",
            filter=Q(created_at__gte=day_start(start), created_at__lt=day_start(end + datetime.timedelta(days=1))),
        ),
        completed=Count("id", filter=Q(completed_on__range=(start, end))),
        overdue=Count("id", filter=Q(due_on__lt=end) & (Q(completed_on__isnull=True) | Q(completed_on__gt=end))),
    )
    visits = Reg44Visit.objects.filter(home=home, visited_on__range=(start, end), submitted_at__isnull=False).aggregate(
        visits=Count("id"),
        not_safeguarded=Count("id", filter=Q(safeguarding_opinion=Reg44Visit.SafeguardingOpinion.NOT_EFFECTIVE)),
    )
    labels = dict(Incident.Type.choices)
    return {
        "incidents": [
            {"type": code, "label": labels[code], "count": by_type[code]}
            for code in Incident.Type.values
            if code in by_type
        ],
        "incidents_total": sum(by_type.values()),
        "missing": by_type.get(Incident.Type.MISSING, 0),
        "away": by_type.get(Incident.Type.AWAY, 0),
        "physical_interventions": by_type.get(Incident.Type.PHYSICAL_INTERVENTION, 0),
        "complaints": by_type.get(Incident.Type.COMPLAINT, 0),
        "admissions": placements["admissions"],
        "departures": placements["departures"],
        "reg44_visits": visits["visits"],
        "reg44_not_safeguarded": visits["not_safeguarded"],
        "actions_opened": actions["opened"],
        "actions_completed": actions["completed"],
        "actions_overdue": actions["overdue"],
    }
