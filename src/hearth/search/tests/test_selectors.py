"""Search on whichever database the suite runs on: SQLite's FTS5 here, PostgreSQL's full-text
index in the PostgreSQL run (scripts/test.sh runs every test on both)."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.core.dates import today
from hearth.incidents.services import incident_create
from hearth.records.models import LogEntry
from hearth.records.services import log_entry_create
from hearth.search.indexes import words_of
from hearth.search.selectors import Filters, search_home
from hearth.visitors.services import visitor_create


def _entry(world: World, text: str, *, days_ago: int = 1, child: Any = None, kind: str = "daily", by: str = "senior"):
    return log_entry_create(
        actor=world.users[by],
        home=world.home_a,
        children=[child or world.child_a],
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        text=text,
        kind=kind,
    )


def _found(world: World, **filters: Any) -> list[str]:
    return [hit.summary for hit in search_home(home=world.home_a, filters=Filters(**filters)).hits]


def test_words_are_found_by_their_stem_all_of_them_in_any_order(world: World) -> None:
    _entry(world, "Alice was kicking the football in the garden.")
    _entry(world, "Alice kicked the door after the phone call.")
    _entry(world, "A quiet evening watching films.")
    assert len(_found(world, text="kicked")) == 2  # "kicking" too
    assert _found(world, text="door kick") == ["Alice kicked the door after the phone call."]
    assert _found(world, text="garden door") == []  # every word must be there
    assert _found(world, text="films") == ["A quiet evening watching films."]


@pytest.mark.parametrize(
    "typed", ['"door', "door*", "the door", "(door)", "door AND -alice", "door:", "kicked OR door"]
)
def test_what_a_person_types_is_never_query_syntax(world: World, typed: str) -> None:
    _entry(world, "Alice kicked the door.")
    _entry(world, "Films and door.")
    found = _found(world, text=typed)
    assert "Alice kicked the door." in found  # never an error, and the words still match


def test_incidents_are_searched_by_what_happened_and_what_was_done(world: World) -> None:
    incident_create(
        actor=world.users["senior"],
        home=world.home_a,
        type="damage",
        severity="low",
        occurred_at=timezone.now() - datetime.timedelta(hours=3),
        what_happened="A window was broken in the lounge.",
        action_taken="Glazier called; area made safe.",
        children=[(world.child_a, "subject")],
    )
    _entry(world, "Talked about the broken window with Alice.")
    assert len(_found(world, text="window")) == 2
    assert _found(world, text="glazier") == ["A window was broken in the lounge."]
    assert _found(world, text="window", type="incident") == ["A window was broken in the lounge."]
    assert _found(world, text="window", type="log") == ["Talked about the broken window with Alice."]


def test_filters_by_child_writer_kind_and_dates(world: World) -> None:
    other = ChildFactory(first_name="Casey")
    PlacementFactory(child=other, home=world.home_a, admitted_on=today() - datetime.timedelta(days=50))
    _entry(world, "Homework done.", days_ago=10, kind="education")
    _entry(world, "Homework refused.", days_ago=2, child=other, by="support_worker")
    assert _found(world, text="homework", child=other) == ["Homework refused."]
    written_by = world.users["support_worker"].last_name
    assert _found(world, text="homework", written_by=written_by) == ["Homework refused."]
    assert _found(world, type="log:education") == ["Homework done."]
    week_ago = today() - datetime.timedelta(days=7)
    assert _found(world, text="homework", date_from=week_ago) == ["Homework refused."]
    assert _found(world, text="homework", date_to=week_ago) == ["Homework done."]
    assert _found(world, text="homework", date_from=today(), date_to=today()) == []


def test_another_homes_records_and_voided_ones_are_never_found(world: World) -> None:
    log_entry_create(
        actor=None, home=world.home_b, children=[world.child_b], occurred_at=timezone.now(), text="Secret door."
    )
    voided = _entry(world, "Door entry written twice.")
    LogEntry.objects.filter(pk=voided.pk).update(voided_at=timezone.now())
    assert _found(world, text="door") == []


def test_a_changed_text_is_found_by_its_new_words(world: World) -> None:
    entry = _entry(world, "Original words.")
    LogEntry.with_voided.filter(pk=entry.pk).update(text="Replacement text.")
    assert _found(world, text="original") == []
    assert _found(world, text="replacement") == ["Replacement text."]


def test_people_are_found_by_name(world: World) -> None:
    visitor_create(actor=None, home=world.home_a, name="Alex Tutor", kind="tutor")
    found = search_home(home=world.home_a, filters=Filters(text=world.child_a.first_name))
    assert [p.name for p in found.people] == [world.child_a.display_name]
    tutors = search_home(home=world.home_a, filters=Filters(text="tutor alex", type="people"))
    assert [p.name for p in tutors.people] == ["Alex Tutor"] and tutors.hits == []


def test_results_are_paged_newest_first(world: World) -> None:
    for n in range(30):
        _entry(world, f"Bedtime story number {n}.", days_ago=n + 1)
    first = search_home(home=world.home_a, filters=Filters(text="bedtime"), page_number=1)
    second = search_home(home=world.home_a, filters=Filters(text="bedtime"), page_number=2)
    assert first.total == 30 and len(first.hits) == 25 and len(second.hits) == 5
    assert first.hits[0].summary == "Bedtime story number 0."
    assert second.hits[-1].summary == "Bedtime story number 29."


def test_a_search_costs_the_same_queries_however_many_records_match(world: World) -> None:
    counts = []
    for more in (2, 40):
        for n in range(more):
            _entry(world, f"Football match {n}.")
            incident_create(
                actor=world.users["senior"],
                home=world.home_a,
                type="injury",
                severity="low",
                occurred_at=timezone.now() - datetime.timedelta(days=1, minutes=n % 2),  # beside the entries
                what_happened=f"Hurt an ankle at football {n}.",
                action_taken="Ice pack.",
                children=[(world.child_a, "subject")],
            )
        with CaptureQueriesContext(connection) as queries:
            results = search_home(home=world.home_a, filters=Filters(text="football"))
        assert {hit.type_label for hit in results.hits} == {"Log entry: Daily record", "Incident: Injury"}
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_only_stop_words_find_nothing(world: World) -> None:
    _entry(world, "The door and the window.")
    assert _found(world, text="the and") == []
    assert _found(world, text="!!!") == []


def test_words_of_drops_punctuation_and_stop_words_and_keeps_at_most_twelve() -> None:
    assert words_of('  "Door"  kick*; (the films) OR ') == ["door", "kick", "films"]
    assert len(words_of(" ".join(["word"] * 20))) == 12


def test_each_searched_table_has_its_engines_index(db: Any) -> None:
    from hearth.search.indexes import SEARCHED

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%USING gin (hearth_search_document)%%'"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%%fts5%%'")
        made = {row[0] for row in cursor.fetchall()}
    assert made >= {s.name for s in SEARCHED}
