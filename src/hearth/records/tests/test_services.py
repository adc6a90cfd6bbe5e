import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.children.tests.factories import ChildFactory
from hearth.conftest import World
from hearth.records.models import LogEntry
from hearth.records.services import (
    concern_respond,
    log_entry_add_addendum,
    log_entry_create,
    log_entry_review,
    outing_create,
)


def now() -> datetime.datetime:
    return timezone.now()


def test_entry_is_signed_with_author_and_time_of_writing(world: World) -> None:
    worker = world.users["support_worker"]
    event = now() - datetime.timedelta(hours=3)
    entry = log_entry_create(
        actor=worker, home=world.home_a, children=[world.child_a], occurred_at=event, text="Played football."
    )
    assert entry.author == worker and entry.author_name == worker.get_full_name()
    assert entry.occurred_at == event and entry.recorded_at > event
    assert entry.indicator_categories == []


def test_entry_is_linked_to_each_child_it_is_about_once(world: World) -> None:
    from hearth.children.tests.factories import PlacementFactory

    sibling = ChildFactory()
    PlacementFactory(child=sibling, home=world.home_a, admitted_on=timezone.localdate() - datetime.timedelta(days=30))
    entry = log_entry_create(
        actor=None,
        home=world.home_a,
        children=[world.child_a, sibling, world.child_a],
        occurred_at=now(),
        text="Baked a cake together.",
    )
    assert sorted(entry.children.values_list("pk", flat=True)) == sorted([world.child_a.pk, sibling.pk])
    assert list(world.child_a.log_entries.all()) == [entry]


def test_indicators_are_stored_with_matched_words(world: World) -> None:
    entry = log_entry_create(
        actor=None,
        home=world.home_a,
        children=[world.child_a],
        occurred_at=now(),
        text="She was picked up by an unknown car at the end of the road.",
    )
    assert entry.indicator_categories == ["exploitation"]
    assert entry.indicator_matches["exploitation"]


def test_entry_about_another_homes_child_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="Not living at"):
        log_entry_create(actor=None, home=world.home_a, children=[world.child_b], occurred_at=now(), text="x")
    assert not LogEntry.objects.exists()


def test_event_in_the_future_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="cannot be in the future"):
        log_entry_create(
            actor=None,
            home=world.home_a,
            children=[world.child_a],
            occurred_at=now() + datetime.timedelta(hours=2),
            text="x",
        )


def test_a_person_cannot_backdate_the_time_of_writing(world: World) -> None:
    with pytest.raises(ValidationError, match="set by Hearth"):
        log_entry_create(
            actor=world.users["senior"],
            home=world.home_a,
            children=[world.child_a],
            occurred_at=now(),
            text="x",
            recorded_at=now() - datetime.timedelta(days=3),
        )


def test_addendum_leaves_the_entry_unchanged(world: World) -> None:
    entry = log_entry_create(
        actor=None, home=world.home_a, children=[world.child_a], occurred_at=now(), text="Went to bed at 9."
    )
    log_entry_review(actor=world.users["registered_manager"], entry=entry, comment="Read.")
    addendum = log_entry_add_addendum(
        actor=world.users["senior"], entry=entry, reason="Time was wrong", text="It was 10pm."
    )
    entry.refresh_from_db()
    assert entry.text == "Went to bed at 9." and addendum.author_name
    with pytest.raises(ValidationError, match="Say why"):
        log_entry_add_addendum(actor=None, entry=entry, reason=" ", text="x")


def test_review_is_one_signature(world: World) -> None:
    entry = log_entry_create(
        actor=None, home=world.home_a, children=[world.child_a], occurred_at=now(), text="Quiet evening."
    )
    log_entry_review(actor=world.users["registered_manager"], entry=entry, comment="")
    with pytest.raises(ValidationError, match="Already signed"):
        log_entry_review(actor=world.users["registered_manager"], entry=entry, comment="")


def test_no_concern_needs_a_reason(world: World) -> None:
    entry = log_entry_create(
        actor=None,
        home=world.home_a,
        children=[world.child_a],
        occurred_at=now(),
        text="She came back with a large amount of cash.",
    )
    with pytest.raises(ValidationError, match="Say why"):
        concern_respond(actor=None, entry=entry, response="no_concern")
    answer = concern_respond(
        actor=None,
        entry=entry,
        response="no_concern",
        reason="Birthday money from her nan, confirmed by her social worker.",
    )
    assert answer.entry == entry


def test_outing_records_checks_and_adults(world: World) -> None:
    outing = outing_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        kind="family_time",
        destination="Aunt's flat",
        starts_at=now(),
        staff=[world.staff_a],
        address_verified=False,
        adults=[{"name": "Unknown man, about 30", "relationship": "", "identified": False}],
    )
    assert not outing.address_verified and not outing.all_adults_identified
    with pytest.raises(ValidationError, match="how the address was checked"):
        outing_create(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            kind="outing",
            destination="x",
            starts_at=now(),
            address_verified=True,
        )
    with pytest.raises(ValidationError, match="Not staff at"):
        outing_create(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            kind="outing",
            destination="x",
            starts_at=now(),
            staff=[world.staff_b],
        )


def test_child_placed_later_cannot_be_in_an_earlier_entry(db: Any, world: World) -> None:
    newcomer = ChildFactory()
    from hearth.children.tests.factories import PlacementFactory

    PlacementFactory(child=newcomer, home=world.home_a, admitted_on=timezone.localdate())
    with pytest.raises(ValidationError, match="Not living at"):
        log_entry_create(
            actor=None, home=world.home_a, children=[newcomer], occurred_at=now() - datetime.timedelta(days=3), text="x"
        )
