import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.oversight.selectors import review_queue
from hearth.records.tests.factories import home_records
from hearth.visitors.services import visit_record


def test_queue_holds_each_kind_overdue_first(world: World) -> None:
    records = home_records(world.home_a, world.child_a, world.staff_a)
    visit_record(
        actor=None,
        visitor=records.visitor,
        arrived_at=timezone.now() - datetime.timedelta(hours=1),
        reason="Music lesson",
        contact="unsupervised",
        children=[world.child_a],
    )
    items = review_queue(home=world.home_a, now=timezone.now())
    kinds = [i.kind for i in items]
    assert {"concern", "incident_review", "restraint_sign", "restraint_child", "notification", "visitor"} <= set(kinds)
    # Possible concerns first (hours, not days), then soonest due; overdue before the rest.
    concerns = [i for i in items if i.kind == "concern"]
    assert items[: len(concerns)] == concerns
    assert [i.due for i in concerns] == sorted(i.due for i in concerns)
    rest = items[len(concerns) :]
    assert [i.due for i in rest] == sorted(i.due for i in rest)
    assert rest[0].overdue(timezone.now())
    concern = next(i for i in items if i.kind == "concern")
    assert concern.children == [world.child_a.display_name]
    assert concern.url == reverse(
        "records:entry", kwargs={"home_id": world.home_a.public_id, "entry_id": concern.record.public_id}
    )


def test_queue_query_count_does_not_grow_with_records(world: World, client_for: Any) -> None:
    client = client_for("registered_manager")
    url = reverse("oversight:queue", kwargs={"home_id": world.home_a.public_id})
    home_records(world.home_a, world.child_a, world.staff_a)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for _ in range(3):
        home_records(world.home_a, world.child_a, world.staff_a)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_signing_from_the_queue_removes_the_item(world: World, client_for: Any) -> None:
    from hearth.records.services import log_entry_create

    entry = log_entry_create(
        actor=None, home=world.home_a, children=[world.child_a], occurred_at=timezone.now(), text="Quiet night."
    )
    client = client_for("registered_manager")
    queue_url = reverse("oversight:queue", kwargs={"home_id": world.home_a.public_id})
    assert b"Quiet night." in client.get(queue_url).content
    response = client.post(
        reverse("oversight:sign_log", kwargs={"home_id": world.home_a.public_id, "entry_id": entry.public_id}),
        {"comment": "Read", "next": queue_url},
    )
    assert response["Location"] == queue_url
    entry.refresh_from_db()
    assert entry.reviewed_by == world.users["registered_manager"]
    assert b"Quiet night." not in client.get(queue_url).content
