"""Finding things in a home's records: log entries and incidents by their words (``indexes.py``),
the people of the home by name, with filters by child, writer, type and dates, paged.

A search costs the same few queries however many records match: the matching ids and times of
each kind (at most ``MAX_HITS``, newest first) are merged, and only the page shown is loaded.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from hearth.children.models import Child
from hearth.core.dates import day_start
from hearth.homes.models import Home
from hearth.incidents.models import Incident, IncidentChild
from hearth.records.models import LogEntry
from hearth.search.indexes import matching, words_of
from hearth.staff.models import StaffMember
from hearth.visitors.models import Visitor

MAX_HITS = 2000  # the newest this many of each kind; a narrower search finds older ones
PEOPLE_SHOWN = 20
PER_PAGE = 25


@dataclass(frozen=True)
class Filters:
    """What the person asked for. ``type``: "" (everything), "log", "incident", "people", or one
    kind of entry or incident ("log:key_work", "incident:missing")."""

    text: str = ""
    type: str = ""
    child: Child | None = None
    written_by: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def words(self) -> list[str]:
        return words_of(self.text)

    @property
    def asked(self) -> bool:
        return bool(
            self.text.strip() or self.child or self.written_by.strip() or self.date_from or self.date_to or self.type
        )


@dataclass(frozen=True)
class Hit:
    at: datetime.datetime
    type_label: str
    summary: str
    url: str
    written_by: str
    children: list[str]


@dataclass(frozen=True)
class Person:
    name: str
    what: str
    url: str


@dataclass
class Results:
    page: Page[Any]
    numbers: list[int | str]
    total: int
    capped: bool
    hits: list[Hit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


def _dated(qs: QuerySet[Any], column: str, filters: Filters) -> QuerySet[Any]:
    if filters.date_from:
        qs = qs.filter(**{f"{column}__gte": day_start(filters.date_from)})
    if filters.date_to:
        qs = qs.filter(**{f"{column}__lt": day_start(filters.date_to + datetime.timedelta(days=1))})
    return qs


@dataclass(frozen=True)
class _Searched:
    """How one kind of record is narrowed: its type column, its children, its writer."""

    model: Any
    type_field: str
    child_lookup: str
    writer_field: str


SEARCHED_KINDS = {
    "log": _Searched(LogEntry, "kind", "children", "author_name"),
    "incident": _Searched(Incident, "type", "involved_children__child", "reported_by_name"),
}


def _narrowed(home: Home, filters: Filters, searched: _Searched, code: str) -> QuerySet[Any]:
    qs = searched.model.objects.filter(home=home).filter(matching(searched.model, filters.words))
    if code:
        qs = qs.filter(**{searched.type_field: code})
    if filters.child:
        qs = qs.filter(**{searched.child_lookup: filters.child})
    if filters.written_by.strip():
        qs = qs.filter(**{f"{searched.writer_field}__icontains": filters.written_by.strip()})
    return _dated(qs, "occurred_at", filters)


def search_home(
    *, home: Home, filters: Filters, page_number: Any = 1, per_page: int = PER_PAGE, staff_links: bool = False
) -> Results:
    """The page ``page_number`` of what matches ``filters`` at ``home``, newest first.
    ``staff_links``: the viewer may open staff files, so staff found by name link to theirs."""
    kind, _, code = filters.type.partition(":")
    keys: list[tuple[datetime.datetime, int, str]] = []
    capped = False
    if filters.text.strip() and not filters.words:
        kind = "nothing"  # only stop words or punctuation: nothing can match them
    for name, searched in SEARCHED_KINDS.items():
        if kind not in ("", name):
            continue
        rows = _narrowed(home, filters, searched, code)
        found = list(rows.order_by("-occurred_at", "-id").values_list("occurred_at", "id")[: MAX_HITS + 1])
        capped = capped or len(found) > MAX_HITS
        keys += [(at, pk, name) for at, pk in found[:MAX_HITS]]
    keys.sort(key=lambda k: (k[0], k[1]), reverse=True)
    paginator = Paginator(keys, per_page)
    page = paginator.get_page(page_number)
    numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    results = Results(page, numbers, len(keys), capped, hits=_hits(home, list(page.object_list)))
    if filters.words and kind in ("", "people"):
        results.people = people_named(home=home, words=filters.words, staff_links=staff_links)
    return results


def _hits(home: Home, keys: list[tuple[datetime.datetime, int, str]]) -> list[Hit]:
    log_ids = [pk for _, pk, name in keys if name == "log"]
    incident_ids = [pk for _, pk, name in keys if name == "incident"]
    entries = {e.pk: e for e in LogEntry.objects.filter(pk__in=log_ids).prefetch_related("children")} if log_ids else {}
    incidents = (
        {
            i.pk: i
            for i in Incident.objects.filter(pk__in=incident_ids).prefetch_related(
                Prefetch("involved_children", queryset=IncidentChild.objects.select_related("child"))
            )
        }
        if incident_ids
        else {}
    )
    hits = []
    for _, pk, name in keys:
        if name == "log":
            e = entries[pk]
            url = reverse("records:entry", kwargs={"home_id": home.public_id, "entry_id": e.public_id})
            names = [c.display_name for c in e.children.all()]
            hits.append(Hit(e.occurred_at, f"Log entry: {e.get_kind_display()}", e.text, url, e.author_name, names))
        else:
            i = incidents[pk]
            url = reverse("incidents:detail", kwargs={"home_id": home.public_id, "incident_id": i.public_id})
            names = [ic.child.display_name for ic in i.involved_children.all()]
            hits.append(
                Hit(i.occurred_at, f"Incident: {i.get_type_display()}", i.what_happened, url, i.reported_by_name, names)
            )
    return hits


def _named(words: list[str], *columns: str) -> Q:
    condition = Q()
    for word in words:
        any_column = Q()
        for column in columns:
            any_column |= Q(**{f"{column}__icontains": word})
        condition &= any_column
    return condition


def people_named(*, home: Home, words: list[str], staff_links: bool = False) -> list[Person]:
    """Children who have lived at the home, its staff and its visitors whose names hold every word."""
    hid = home.public_id
    people = [
        Person(c.display_name, "Child", reverse("children:detail", kwargs={"home_id": hid, "child_id": c.public_id}))
        for c in Child.objects.filter(placements__home=home)
        .filter(_named(words, "first_name", "last_name", "known_as"))
        .distinct()[:PEOPLE_SHOWN]
    ]
    people += [
        Person(
            s.full_name,
            f"Staff: {s.get_role_display()}",
            reverse("staff:detail", kwargs={"home_id": hid, "staff_id": s.public_id}) if staff_links else "",
        )
        for s in StaffMember.objects.filter(home=home).filter(_named(words, "first_name", "last_name"))[:PEOPLE_SHOWN]
    ]
    people += [
        Person(
            v.name,
            f"Visitor: {v.get_kind_display()}",
            reverse("visitors:detail", kwargs={"home_id": hid, "visitor_id": v.public_id}),
        )
        for v in Visitor.objects.filter(home=home).filter(_named(words, "name", "organisation"))[:PEOPLE_SHOWN]
    ]
    return people
