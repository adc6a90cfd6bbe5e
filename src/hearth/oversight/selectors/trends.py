"""Trends from the findings' life (``StoredFinding``): what is open now by severity, how long
findings stayed open before they were put right, and which homes are getting better or worse
over the last twelve weeks. For the responsible individual's page (Reg 13(2)(h): leaders use
monitoring to improve the homes)."""

import datetime
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from hearth.oversight.engine import HIGH, LOW, MEDIUM
from hearth.oversight.models import StoredFinding

WEEKS = 12


@dataclass(frozen=True)
class HomeTrend:
    home: Any
    open_then: int  # open twelve weeks ago
    open_now: int

    @property
    def change(self) -> int:
        return self.open_now - self.open_then

    @property
    def direction(self) -> str:
        return "better" if self.change < 0 else "worse" if self.change > 0 else "the same"


@dataclass(frozen=True)
class Trends:
    open_by_severity: dict[str, int]
    put_right: int  # findings resolved in the last twelve weeks
    median_days_open: dict[str, float | None]  # by severity, of those put right
    homes: list[HomeTrend]  # most worsened first

    @property
    def worse(self) -> list[HomeTrend]:
        return [t for t in self.homes if t.change > 0]

    @property
    def better(self) -> list[HomeTrend]:
        return [t for t in self.homes if t.change < 0]


def finding_trends(
    *, homes: Sequence[Any], now: datetime.datetime, open_counts: dict[int, dict[str, int]] | None = None
) -> Trends:
    """Three queries, whatever the number of homes or findings; two if the page has counted each
    home's open findings by severity already (``open_counts``, as ``provider_finding_counts``)."""
    since = now - datetime.timedelta(weeks=WEEKS)
    rows = StoredFinding.objects.filter(home__in=list(homes))
    open_by = dict.fromkeys((HIGH, MEDIUM, LOW), 0)
    now_by_home: dict[int, int] = {}
    if open_counts is None:
        # Counted in the database: a large provider has tens of thousands open.
        open_now = rows.filter(resolved_at__isnull=True).values_list("severity", "home_id").annotate(n=Count("id"))
        open_counts = {}
        for severity, home_id, n in open_now.order_by():
            open_counts.setdefault(home_id, {})[severity] = n
    for home_id, by_severity in open_counts.items():
        for severity, n in by_severity.items():
            open_by[severity] = open_by.get(severity, 0) + n
            now_by_home[home_id] = now_by_home.get(home_id, 0) + n
    open_then = rows.filter(first_seen_at__lte=since).exclude(resolved_at__lte=since)
    then_by_home: dict[int, int] = dict(open_then.values_list("home_id").annotate(n=Count("id")).order_by())
    durations: dict[str, list[float]] = {HIGH: [], MEDIUM: [], LOW: []}
    resolved = rows.filter(resolved_at__gt=since).values_list("severity", "first_seen_at", "resolved_at")
    for severity, first, last in resolved:
        if last is not None:
            durations.setdefault(severity, []).append((last - first).total_seconds() / 86400)
    trends = [HomeTrend(h, then_by_home.get(h.pk, 0), now_by_home.get(h.pk, 0)) for h in homes]
    return Trends(
        open_by_severity=open_by,
        put_right=sum(len(d) for d in durations.values()),
        median_days_open={s: round(statistics.median(d), 1) if d else None for s, d in durations.items()},
        homes=sorted(trends, key=lambda t: (-t.change, t.home.name)),
    )
