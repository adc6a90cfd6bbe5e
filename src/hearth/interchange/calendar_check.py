"""Does a bundle's relative dating hold on every day? A check that needs no database.

A bundle written with dates relative to the day of loading (``days_before_load``, or
``months_before_load`` with a day of the month) is loaded and audited on one day and trusted on
every other. That trust fails where the two kinds of relative date are mixed: "day 28, two months
back" and "40 days back" change places early in most months, and a review is then completed before
the period it covers. The loader refuses such a record (on some days), and a rule that measures a
gap against a deadline fires on some days and not others.

Everything the loader's validation and the rules compare about a date is one of: its order against
another date of the same record or of a record it names; its order against the day of loading (not
in the future, within six months, expiring within 60 days); the hours between two times against a
deadline (which a clock change can move by one); five working days after it (which weekends and
bank holidays move); and a child's age in whole years. :func:`calendar_problems` works all of those
out for each day asked about and reports every one that differs from the first day's answer. If
none differs, a bundle that loads and audits correctly on one of those days does so on all of them,
which the demo's tests check by loading it for real on a handful of awkward days.

It also reports what can never hold on every day: an absolute date in a bundle meant to be
relative, and a time later on the day of loading in a field that may not lie in the future (such a
record is refused when the demo is loaded just after midnight).
"""

import datetime
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from hearth.core.dates import add_months, add_working_days
from hearth.interchange.timeformat import LONDON, parse_datetime, relative_date

# The month steps that rules and reviews count from a date: Reg 45's six months, annual and
# three-yearly renewals, Level 3 within two years, Level 5 within three.
MONTH_STEPS = (6, 12, 24, 36)
# Days before a date that the staffing pages and rules warn ahead of (training expiring).
WARN_AHEAD_DAYS = 60
# Working days from admission to the placement plan (Reg 14 with local procedures).
PLAN_WORKING_DAYS = 5
# The lists of a named record whose dates bound when it may be referred to: a child's placements
# (an entry about a child must fall while they lived there). A staff member's training or a home's
# reviews are named too, but nothing is checked against them.
SPAN_LISTS = ("placements",)
_ABSOLUTE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DatedValue:
    """One date or time in the bundle: where it is, the record it belongs to, and its value."""

    path: str
    record: str  # the JSON path of the top-level record holding it, e.g. $.incidents[3]
    field: str  # the path with list indexes removed: the same field in every record of a list
    value: dict[str, Any]

    @property
    def key(self) -> str:
        return json.dumps(self.value, sort_keys=True)

    @property
    def has_time(self) -> bool:
        return "time" in self.value

    def on(self, load_day: datetime.date) -> datetime.datetime:
        if self.has_time:
            return parse_datetime(self.value, load_day)
        day = relative_date(self.value, load_day)
        return datetime.datetime(day.year, day.month, day.day, tzinfo=LONDON)


@dataclass(frozen=True)
class CalendarProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _walk(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def _is_relative(node: Any) -> bool:
    return isinstance(node, dict) and ("days_before_load" in node or "months_before_load" in node)


def _records(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, value in document.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield f"$.{key}[{index}]", item


class _Bundle:
    """The bundle's dated values, grouped by record, and which records name which."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.values: list[DatedValue] = []
        self.absolute: list[str] = []
        self.by_record: dict[str, list[DatedValue]] = {}
        owner_of_id: dict[str, str] = {}
        strings: dict[str, set[str]] = {}
        for record, item in _records(document):
            self.by_record[record] = []
            strings[record] = set()
            stack = list(_walk(item, record))
            for path, node in stack:
                if _is_relative(node):
                    field = re.sub(r"\[\d+\]", "[]", path[path.index(".", 2) :])
                    dated = DatedValue(path, record, record.split("[")[0] + field, node)
                    self.values.append(dated)
                    self.by_record[record].append(dated)
                elif isinstance(node, str):
                    strings[record].add(node)
                    if _ABSOLUTE_DATE.match(node):
                        self.absolute.append(path)
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    owner_of_id[node["id"]] = record
        # A record is compared with the records it names (a log entry with its child and its author).
        self.named: dict[str, set[str]] = {
            record: {owner_of_id[s] for s in found if s in owner_of_id} - {record} for record, found in strings.items()
        }
        # A field that holds a future value somewhere in the bundle (a rota shift, a due date) may.
        self.future_fields = {
            v.field
            for v in self.values
            if v.value.get("days_before_load", 1) < 0 or v.value.get("months_before_load", 1) < 0
        }

    def bounds(self, record: str) -> list[DatedValue]:
        """The named record's own dates (a staff member's start, a child's birth) and its spans."""
        return [
            v
            for v in self.by_record[record]
            if v.field.count("[]") == 0
            or (v.field.count("[]") == 1 and any(f".{name}[]." in v.field for name in SPAN_LISTS))
        ]

    def related_pairs(self) -> Iterator[tuple[DatedValue, DatedValue]]:
        for record, own in self.by_record.items():
            others = [v for named in sorted(self.named[record]) for v in self.bounds(named)]
            for i, a in enumerate(own):
                for b in own[i + 1 :]:
                    yield a, b
                for b in others:
                    yield a, b


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


@functools.cache
def _plan_due(day: datetime.date) -> datetime.date:
    return add_working_days(day, PLAN_WORKING_DAYS)


def _siblings(a: DatedValue, b: DatedValue) -> bool:
    """Two items of the same list (two shifts of a rota, two visits)."""
    into_a, into_b = a.path.rsplit(".", 1)[0], b.path.rsplit(".", 1)[0]
    return into_a != into_b and re.sub(r"\[\d+\]", "[]", into_a) == re.sub(r"\[\d+\]", "[]", into_b)


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def calendar_problems(
    document: dict[str, Any], days: Iterable[datetime.date], deadline_hours: Iterable[int] = ()
) -> list[CalendarProblem]:
    """Every comparison about the bundle's dates whose answer is not the same on every one of
    ``days`` as on the first, and every date that cannot hold on every day (see the module's
    docstring). ``deadline_hours`` are the deadlines measured in hours between two times."""
    bundle = _Bundle(document)
    days = list(days)
    hours = sorted(set(deadline_hours))
    problems = [
        CalendarProblem(path, "an absolute date in a bundle whose dates are relative to the day of loading")
        for path in bundle.absolute
    ]
    for v in bundle.values:
        if v.has_time and v.value.get("days_before_load") == 0 and v.field not in bundle.future_fields:
            problems.append(
                CalendarProblem(v.path, f"{v.value['time']} on the day of loading is in the future until then")
            )
    # Many values repeat (every copy of a report sent on the same day), so each distinct value, and
    # each distinct pair of values, is worked out once.
    resolved: dict[str, list[datetime.datetime]] = {}
    for v in bundle.values:
        if v.key not in resolved:
            resolved[v.key] = [v.on(day) for day in days]
    answers: dict[tuple[str, ...], list[tuple[str, list[Any]]]] = {}

    def report(path: str, key: tuple[str, ...], work: Any) -> None:
        if key not in answers:
            answers[key] = [(what, found) for what, found in work() if any(a != found[0] for a in found)]
        for what, found in answers[key]:
            changed = next(i for i, answer in enumerate(found) if answer != found[0])
            problems.append(
                CalendarProblem(
                    path, f"{what}: {found[0]} when loaded on {days[0]}, {found[changed]} on {days[changed]}"
                )
            )

    def against_load_day(v: DatedValue) -> Iterator[tuple[str, list[Any]]]:
        dates = [t.date() for t in resolved[v.key]]
        yield (
            "on, before or after the day of loading",
            [_sign((d - day).days) for d, day in zip(dates, days, strict=True)],
        )
        for months in MONTH_STEPS if "days_before_load" in v.value else ():
            for ahead in (0, WARN_AHEAD_DAYS):
                yield (
                    f"{months} months on, against the day of loading{f' and {ahead} days ahead' if ahead else ''}",
                    [
                        _sign((add_months(d, months) - day - datetime.timedelta(days=ahead)).days)
                        for d, day in zip(dates, days, strict=True)
                    ],
                )

    def between(a: DatedValue, b: DatedValue, plan: bool) -> Iterator[tuple[str, list[Any]]]:
        ta, tb = resolved[a.key], resolved[b.key]
        if a.has_time and b.has_time:
            if _siblings(a, b):  # two shifts, two visits: nothing measures the hours between them
                return
            # Timestamps, not ``y - x``: Python subtracts two times of the same zone by the wall clock.
            gaps = [(y.timestamp() - x.timestamp()) / 3600 for x, y in zip(ta, tb, strict=True)]
            yield "which comes first", [_sign(gap) for gap in gaps]
            gaps = [abs(gap) for gap in gaps]
            for limit in hours:
                yield f"more than {limit} hours apart", [gap > limit for gap in gaps]
            return
        da, db = [t.date() for t in ta], [t.date() for t in tb]
        yield "which day comes first", [_sign((y - x).days) for x, y in zip(da, db, strict=True)]
        if plan:
            yield (
                f"the placement plan within {PLAN_WORKING_DAYS} working days of admission",
                [_plan_due(x) >= y for x, y in zip(da, db, strict=True)],
            )

    for v in bundle.values:
        report(v.path, ("day", v.key), lambda v=v: against_load_day(v))
        if v.path.endswith(".date_of_birth"):
            dates = [t.date() for t in resolved[v.key]]
            report(
                v.path,
                ("age", v.key),
                lambda dates=dates: [
                    (
                        "age in whole years on the day of loading",
                        [_age(d, day) for d, day in zip(dates, days, strict=True)],
                    )
                ],
            )
    for v in bundle.values:
        if v.has_time and v.value["time"].startswith("01:"):
            problems.append(
                CalendarProblem(
                    v.path,
                    f"{v.value['time']} does not exist on the day the clocks go forward and comes twice on the day they go back",
                )
            )
    for a, b in bundle.related_pairs():
        # Two dates both counted in days keep their order on every day; only the hours between two
        # times (a clock change) and working days (weekends, bank holidays) can still move.
        plan = (
            a.field.endswith(".admitted_on") and ".plans[]." in b.field and b.path.startswith(a.path.rsplit(".", 1)[0])
        )
        if (
            "days_before_load" in a.value
            and "days_before_load" in b.value
            and not plan
            and not (a.has_time and b.has_time)
        ):
            continue
        report(
            f"{a.path} and {b.path}", ("pair", a.key, b.key, str(plan)), lambda a=a, b=b, plan=plan: between(a, b, plan)
        )
    return problems
