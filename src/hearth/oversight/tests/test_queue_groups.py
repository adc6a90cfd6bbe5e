"""The review queue at volume: grouped by child and kind, filtered, routine entries signed together,
and the manager's place kept when signing one."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.core.dates import today
from hearth.oversight.selectors import review_queue
from hearth.oversight.selectors.queue_groups import NO_CHILD, QueueFilters, group_queue, queue_choices
from hearth.records.models import LogEntry
from hearth.records.services import log_entries_review_together, log_entry_create
from hearth.records.tests.factories import home_records


def _entry(world: World, child: Any, text: str, hours_ago: int = 1, by: Any = None) -> LogEntry:
    return log_entry_create(
        actor=by,
        home=world.home_a,
        children=[child],
        occurred_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        text=text,
    )


def _second_child(world: World) -> Any:
    child = ChildFactory(first_name="Casey")
    PlacementFactory(child=child, home=world.home_a, admitted_on=today() - datetime.timedelta(days=40))
    return child


def test_items_are_grouped_by_child_urgent_first_then_by_kind_in_the_order_to_take_them(world: World) -> None:
    casey = _second_child(world)
    home_records(world.home_a, world.child_a, world.staff_a)  # a concern, an incident, a restraint for Alice
    _entry(world, casey, "Quiet evening.")
    now = timezone.now()
    groups = group_queue(review_queue(home=world.home_a, now=now), now=now, filters=QueueFilters())
    assert [g.name for g in groups][:2] == [world.child_a.display_name, casey.display_name]
    alice = groups[0]
    kinds = [k.kind for k in alice.kinds]
    assert kinds[0] == "concern" and kinds.index("restraint_sign") < kinds.index("incident_review")
    assert alice.count == sum(len(k.items) for k in alice.kinds) and alice.overdue >= 1
    casey_kinds = groups[1].kinds  # newly placed: her plan is due too, and routine entries come last
    assert [k.kind for k in casey_kinds] == ["placement_plan", "log_sign"]
    assert casey_kinds[-1].signable_together and not casey_kinds[0].signable_together
    assert groups[0].anchor != groups[1].anchor


def test_filters_by_child_kind_and_overdue(world: World) -> None:
    casey = _second_child(world)
    home_records(world.home_a, world.child_a, world.staff_a)
    _entry(world, casey, "Quiet evening.")
    now = timezone.now()
    items = review_queue(home=world.home_a, now=now)
    children, kinds = queue_choices(items)
    assert casey.display_name in children and ("log_sign", "Routine log entries to read and sign") in kinds
    only_casey = group_queue(items, now=now, filters=QueueFilters(child=casey.display_name))
    assert [g.name for g in only_casey] == [casey.display_name]
    routine = group_queue(items, now=now, filters=QueueFilters(kind="log_sign"))
    assert {k.kind for g in routine for k in g.kinds} == {"log_sign"}
    overdue = group_queue(items, now=now, filters=QueueFilters(overdue_only=True))
    assert overdue and all(i.overdue(now) for g in overdue for k in g.kinds for i in k.items)
    late_routine = group_queue(items, now=now, filters=QueueFilters(kind="log_sign", overdue_only=True))
    assert casey.display_name not in [g.name for g in late_routine]  # written an hour ago: not yet due
    assert NO_CHILD not in children  # every item here is about a child


def test_routine_entries_are_signed_together_and_the_others_refused_each_with_its_reason(
    world: World, settings: Any
) -> None:
    settings.HEARTH_SIGN_OFF_BY_ANOTHER = {"log_entry_review": True}
    manager = world.users["registered_manager"]
    casey = _second_child(world)
    routine = [_entry(world, casey, f"Film night {n}.") for n in range(3)]
    own = _entry(world, casey, "Written by the manager.", by=manager)
    concern = _entry(world, casey, "Got into a car with an unknown man.")
    other_home = log_entry_create(
        actor=None, home=world.home_b, children=[world.child_b], occurred_at=timezone.now(), text="Elsewhere."
    )
    ids = [e.public_id for e in (*routine, own, concern, other_home)] + ["not-an-id"]
    outcome = log_entries_review_together(actor=manager, home=world.home_a, entry_ids=ids, comment="Read all.")
    assert [e.pk for e in outcome.signed] == [e.pk for e in routine]
    reasons = {e.pk: why for e, why in outcome.refused}
    assert "another manager signs it" in reasons[own.pk]
    assert "possible concern" in reasons[concern.pk]
    assert outcome.not_found == 2
    for entry in routine:
        entry.refresh_from_db()
        assert entry.reviewed_by == manager and entry.review_comment == "Read all."
    other_home.refresh_from_db()
    assert other_home.reviewed_at is None
    again = log_entries_review_together(actor=manager, home=world.home_a, entry_ids=[routine[0].public_id])
    assert again.signed == [] and again.refused == [] and again.already_yours == 1  # pressed twice
    deputy = log_entries_review_together(
        actor=world.users["deputy_manager"], home=world.home_a, entry_ids=[routine[0].public_id]
    )
    assert "Already signed" in deputy.refused[0][1]  # the first signature stands


def test_bulk_signing_from_the_page_keeps_the_filters_and_says_what_was_not_signed(
    world: World, client_for: Any
) -> None:
    casey = _second_child(world)
    entries = [_entry(world, casey, f"Board games {n}.") for n in range(2)]
    client = client_for("registered_manager")
    queue_url = reverse("oversight:queue", kwargs={"home_id": world.home_a.public_id})
    filtered = f"{queue_url}?kind=log_sign"
    page = client.get(filtered).content.decode()
    assert "Routine log entries to read and sign (2)" in page and "Choose all 2" in page
    response = client.post(
        reverse("oversight:sign_logs", kwargs={"home_id": world.home_a.public_id}),
        {"entries": [e.public_id for e in entries], "comment": "Fine.", "next": filtered},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == filtered
    assert "2 log entries signed." in response.content.decode()
    assert LogEntry.objects.filter(pk__in=[e.pk for e in entries], reviewed_at__isnull=False).count() == 2
    nothing = client.post(
        reverse("oversight:sign_logs", kwargs={"home_id": world.home_a.public_id}), {"next": filtered}, follow=True
    )
    assert "Choose the entries you have read and are signing." in nothing.content.decode()


def test_signing_one_with_htmx_answers_only_its_row(world: World, client_for: Any) -> None:
    entry = _entry(world, world.child_a, "Cooked dinner together.")
    client = client_for("registered_manager")
    url = reverse("oversight:sign_log", kwargs={"home_id": world.home_a.public_id, "entry_id": entry.public_id})
    row = client.post(url, {"comment": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert row.strip().startswith("<tr") and f'id="row-{entry.public_id}"' in row and "Signed" in row
    twice = client.post(url, {"comment": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "Not signed" in twice and "Already signed" in twice


def test_the_dashboard_names_the_child_on_each_review_row(world: World, client_for: Any) -> None:
    home_records(world.home_a, world.child_a, world.staff_a)
    page = client_for("registered_manager").get(
        reverse("oversight:dashboard", kwargs={"home_id": world.home_a.public_id})
    )
    assert f"{world.child_a.display_name}</span>: <a" in page.content.decode()


def test_the_grouped_queue_costs_the_same_queries_however_many_records(world: World, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("registered_manager")
    url = reverse("oversight:queue", kwargs={"home_id": world.home_a.public_id})
    casey = _second_child(world)
    counts = []
    for more in (1, 4):
        for n in range(more):
            home_records(world.home_a, world.child_a, world.staff_a)
            _entry(world, casey, f"Walk {n}.")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"kind": "", "overdue": ""}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
