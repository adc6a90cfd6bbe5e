from typing import Any

from django.urls import reverse

from hearth.audit.models import AccessEvent
from hearth.children.models import CaseRecordConsent
from hearth.conftest import World


def child_url(world: World, name: str = "children:detail") -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id})


def test_opening_a_childs_record_logs_an_access_event(world: World, client_for: Any) -> None:
    response = client_for("support_worker").get(child_url(world))
    assert response.status_code == 200
    assert b"Alice" in response.content
    event = AccessEvent.objects.get()
    assert (event.user, event.child, event.home) == (world.users["support_worker"], world.child_a, world.home_a)


def test_refused_opening_logs_nothing(world: World, client_for: Any) -> None:
    client_for("no_membership").get(child_url(world))
    assert not AccessEvent.objects.exists()


def test_child_page_query_count_does_not_grow_with_medicines_key_work_or_goals(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from hearth.keywork.tests.factories import keywork_records
    from hearth.medicines.tests.factories import medicine_records

    client = client_for("support_worker")
    keywork_records(world.home_a, world.child_a)
    medicine_records(world.home_a, world.child_a)
    with django_assert_max_num_queries(30) as few:
        client.get(child_url(world))
    for _ in range(3):
        keywork_records(world.home_a, world.child_a)
        medicine_records(world.home_a, world.child_a)
    with django_assert_max_num_queries(len(few)):
        client.get(child_url(world))


def test_manager_records_consent(world: World, client_for: Any) -> None:
    client = client_for("registered_manager")
    url = child_url(world, "children:consent")
    bad = client.post(
        url,
        {"child_consented_on": "", "placing_authority_consented_on": "2026-01-01", "placing_authority_contact": "SW"},
    )
    assert bad.status_code == 200 and b"There is a problem" in bad.content
    assert not CaseRecordConsent.objects.exists()
    ok = client.post(
        url,
        {
            "child_consented_on": "2026-01-01",
            "placing_authority_consented_on": "2026-01-02",
            "placing_authority_contact": "Ann, social worker",
        },
    )
    assert ok.status_code == 302
    assert CaseRecordConsent.objects.get().recorded_by == world.users["registered_manager"]
    assert client_for("reg44_visitor").get(child_url(world)).status_code == 200


def test_history_page_shows_field_changes(world: World, client_for: Any) -> None:
    from hearth.children.services import child_upsert

    child = world.child_a
    child.external_id = "alice"
    child.save()
    fields = {
        f: getattr(child, f)
        for f in ["first_name", "last_name", "date_of_birth", "sex", "legal_status", "placing_authority", "needs"]
    }
    child_upsert(
        actor=world.users["registered_manager"],
        external_id="alice",
        known_as="Ali",
        **{k: v for k, v in fields.items()},
    )
    page = client_for("registered_manager").get(child_url(world, "children:history"))
    assert page.status_code == 200
    assert b"Known as" in page.content and b"Ali" in page.content


def test_history_page_queries_do_not_grow_with_placements(world: World, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hearth.children.services import placement_end
    from hearth.children.tests.factories import PlacementFactory

    client = client_for("registered_manager")
    url = child_url(world, "children:history")
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    current = world.child_a.placements.get()
    placement_end(actor=None, placement=current, left_on=current.admitted_on, reason="planned_move")
    import datetime

    for year in (2019, 2020, 2021):
        PlacementFactory(child=world.child_a, admitted_on=datetime.date(year, 1, 1), left_on=datetime.date(year, 6, 1))
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
