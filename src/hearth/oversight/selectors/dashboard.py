"""The home dashboard and the provider's side-by-side view: findings by standard, what is due today
or overdue, a year of incidents, missing episodes and physical interventions by month, and each
child's current risks beside their strengths.

The number of queries is fixed: it does not grow with the number of children, records or homes
(asserted in ``oversight/tests/test_dashboard.py``).
"""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.children.models import Child
from hearth.children.selectors import children_current
from hearth.core.dates import add_months, day_start
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.keywork.selectors import VoiceInBrief, voices_in_brief
from hearth.oversight.charts import MonthlyChart, monthly_chart
from hearth.oversight.engine import Finding
from hearth.oversight.models import Action, Reg44Visit, Reg45Review
from hearth.oversight.selectors.findings import severity_counts
from hearth.oversight.selectors.monitoring import OPEN, action_counts_by_home, incident_counts_by_month, month_start
from hearth.oversight.selectors.queue import review_queue
from hearth.risk.models import RiskItem
from hearth.risk.selectors import ReviewFlag, current_assessments, review_flags_for_home

CHART_MONTHS = 12


@dataclass(frozen=True)
class Deadline:
    what: str
    detail: str
    due: datetime.datetime | datetime.date
    url: str
    overdue: bool
    children: tuple[str, ...] = ()  # named on every row: two children's reviews must not read alike


@dataclass
class ChildRisk:
    child: Child
    url: str
    items: list[RiskItem]
    strengths: str
    child_words: str
    flags: int
    assessed: bool
    voice: VoiceInBrief = field(default_factory=VoiceInBrief)  # their words, achievements and goals

    @property
    def highest(self) -> str:
        return self.items[0].level if self.items else ""


@dataclass
class HomeDashboard:
    home: Home
    as_of: datetime.date
    findings: list[Finding]
    counts: dict[str, int]
    deadlines: list[Deadline]
    charts: list[MonthlyChart]
    children: list[ChildRisk]
    extra: dict[str, Any] = field(default_factory=dict)


def chart_months(as_of: datetime.date, months: int = CHART_MONTHS) -> list[datetime.date]:
    first = add_months(month_start(as_of), -(months - 1))
    return [add_months(first, i) for i in range(months)]


def incident_charts(counts: dict[datetime.date, dict[str, int]], months: list[datetime.date]) -> list[MonthlyChart]:
    """Three charts from one set of monthly counts: incidents by type; missing and away episodes;
    physical interventions."""
    labels = dict(Incident.Type.choices)

    def per_month(kind: str) -> list[int]:
        return [counts.get(m, {}).get(kind, 0) for m in months]

    return [
        monthly_chart("Incidents by type", months, [(labels[k], per_month(k)) for k in Incident.Type.values]),
        monthly_chart(
            "Missing episodes",
            months,
            [
                ("Missing (whereabouts unknown)", per_month("missing")),
                ("Away without authorisation", per_month("away")),
            ],
        ),
        monthly_chart(
            "Physical interventions", months, [("Physical interventions", per_month("physical_intervention"))]
        ),
    ]


def _deadlines(
    home: Home, as_of: datetime.date, now: datetime.datetime, risk_flags: list[tuple[Child, ReviewFlag]]
) -> list[Deadline]:
    """Records awaiting review or sign-off due by the end of today, and actions due today or before."""
    end_of_today = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    out = [
        Deadline(item.title, item.detail, item.due, item.url, item.overdue(now), tuple(item.children))
        for item in review_queue(home=home, now=now, risk_flags=risk_flags)
        if item.due <= end_of_today
    ]
    actions = Action.objects.filter(home=home, status__in=OPEN, due_on__lte=as_of).select_related("owner")
    for a in actions:
        owner = a.owner.full_name if a.owner else "not assigned"
        url = reverse("oversight:action_detail", kwargs={"home_id": home.public_id, "action_id": a.public_id})
        out.append(Deadline(a.title, f"{a.get_source_display()}; owner {owner}", a.due_on, url, a.due_on < as_of))

    def key(d: Deadline) -> datetime.date:
        return d.due.date() if isinstance(d.due, datetime.datetime) else d.due

    return sorted(out, key=lambda d: (not d.overdue, key(d)))


def _children(home: Home, as_of: datetime.date, risk_flags: list[tuple[Child, ReviewFlag]]) -> list[ChildRisk]:
    children = list(children_current(home=home, as_of=as_of))
    assessments = current_assessments(home=home, child_ids=[c.pk for c in children])
    flags: dict[int, int] = {}
    for child, _flag in risk_flags:
        flags[child.pk] = flags.get(child.pk, 0) + 1
    voices = voices_in_brief(home=home, child_ids=[c.pk for c in children], today=as_of)
    out = []
    for child in children:
        current = assessments.get(child.pk)
        items = (
            sorted(current.items.all(), key=lambda i: (RiskItem.LEVEL_ORDER.get(i.level, 9), i.domain))
            if current
            else []
        )
        out.append(
            ChildRisk(
                child=child,
                url=reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id}),
                items=items,
                strengths=current.strengths if current else "",
                child_words=current.child_words if current else "",
                flags=flags.get(child.pk, 0),
                assessed=current is not None,
                voice=voices[child.pk],
            )
        )
    order = {"high": 0, "medium": 1, "low": 2, "": 3}
    return sorted(out, key=lambda c: (order[c.highest], c.child.first_name))


def home_dashboard(
    *, home: Home, as_of: datetime.date, now: datetime.datetime, findings: list[Finding]
) -> HomeDashboard:
    months = chart_months(as_of)
    counts = incident_counts_by_month(home_ids=[home.pk], first_month=months[0], as_of=as_of).get(home.pk, {})
    # The review flags are both queue items (as of now's day) and a count beside each child (as of
    # ``as_of``): the same day but for a request that straddles midnight, so worked out once.
    flags_today = review_flags_for_home(home=home, as_of=timezone.localdate(now))
    flags_as_of = flags_today if as_of == timezone.localdate(now) else review_flags_for_home(home=home, as_of=as_of)
    return HomeDashboard(
        home=home,
        as_of=as_of,
        findings=findings,
        counts=severity_counts(findings),
        deadlines=_deadlines(home, as_of, now, flags_today),
        charts=incident_charts(counts, months),
        children=_children(home, as_of, flags_as_of),
    )


@dataclass
class HomeColumn:
    """One home in the provider's side-by-side view."""

    home: Home
    counts: dict[str, int]
    actions: dict[str, int]
    incidents_30_days: int
    last_reg44: datetime.date | None
    last_reg45: datetime.date | None
    reg45_unsent: bool
    urls: dict[str, str] = field(default_factory=dict)  # the home's dashboard, findings and actions pages


_ANY_HOME = uuid.UUID(int=0)


def _home_page_urls(homes: list[Home], names: dict[str, str]) -> dict[int, dict[str, str]]:
    """Each home's pages (``names``: key to URL name), reversed once each and filled in per home: a
    large provider's page links to hundreds of homes, and each ``reverse`` costs as much as a row."""
    patterns = {key: reverse(name, kwargs={"home_id": _ANY_HOME}) for key, name in names.items()}
    return {h.pk: {key: p.replace(str(_ANY_HOME), str(h.public_id)) for key, p in patterns.items()} for h in homes}


def provider_columns(*, homes: list[Home], as_of: datetime.date, counts: dict[int, dict[str, int]]) -> list[HomeColumn]:
    """Every home side by side, with each home's open findings ``counts`` by severity, in a fixed
    number of queries whatever the number of homes."""
    from django.db.models import Count, Max, Q

    ids = [h.pk for h in homes]
    since, one_day = as_of - datetime.timedelta(days=30), datetime.timedelta(days=1)
    recent = dict(
        Incident.objects.filter(
            home_id__in=ids, occurred_at__gte=day_start(since + one_day), occurred_at__lt=day_start(as_of + one_day)
        )
        .values("home_id")
        .annotate(n=Count("id"))
        .values_list("home_id", "n")
        .order_by()
    )
    visits = dict(
        Reg44Visit.objects.filter(home_id__in=ids, submitted_at__isnull=False, visited_on__lte=as_of)
        .values("home_id")
        .annotate(last=Max("visited_on"))
        .values_list("home_id", "last")
        .order_by()
    )
    reviews = {
        row["home_id"]: row
        for row in Reg45Review.objects.filter(home_id__in=ids, completed_on__lte=as_of)
        .values("home_id")
        .annotate(last=Max("completed_on"), unsent=Count("id", filter=Q(sent_to_ofsted_on__isnull=True)))
        .order_by()
    }
    actions = action_counts_by_home(home_ids=ids, as_of=as_of)
    urls = _home_page_urls(
        homes,
        {"dashboard": "oversight:dashboard", "findings": "oversight:findings", "actions": "oversight:action_list"},
    )
    return [
        HomeColumn(
            home=h,
            counts=counts[h.pk],
            actions=actions[h.pk],
            incidents_30_days=recent.get(h.pk, 0),
            last_reg44=visits.get(h.pk),
            last_reg45=reviews[h.pk]["last"] if h.pk in reviews else None,
            reg45_unsent=bool(reviews.get(h.pk, {}).get("unsent")),
            urls=urls[h.pk],
        )
        for h in homes
    ]
