import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.incidents.models import Incident, MissingEpisode, PhysicalIntervention
from hearth.records.models import LogEntry, Outing
from hearth.visitors.models import Visit, Visitor


def local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, **kw})


def test_support_worker_writes_an_entry_and_signs_it(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    form = client.get(url(world, "records:log_new"))
    assert b"Alice Example" in form.content and b"Bob" not in form.content
    response = client.post(
        url(world, "records:log_new"),
        {
            "children": [world.child_a.pk],
            "kind": "daily",
            "occurred_at": local(timezone.now()),
            "text": "Alice helped cook tea and talked about her college course.",
        },
        follow=True,
    )
    assert b"Log entry saved and signed." in response.content and b"Success" in response.content
    assert LogEntry.objects.get().author == world.users["support_worker"]


def test_bad_entry_keeps_what_was_typed_and_saves_nothing(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    response = client.post(
        url(world, "records:log_new"), {"children": [], "kind": "daily", "occurred_at": "", "text": "Long careful note"}
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content and b"Long careful note" in response.content
    assert not LogEntry.objects.exists()


def test_incident_form_records_each_childs_role(world: World, client_for: Any) -> None:
    client = client_for("senior")
    response = client.post(
        url(world, "incidents:new"),
        {
            "type": "bullying",
            "severity": "medium",
            "occurred_at": local(timezone.now()),
            "location": "Lounge",
            f"child_{world.child_a.pk}": "harmed",
            "staff": [world.staff_a.pk],
            "what_happened": "Called names.",
            "action_taken": "Separated and talked.",
            "risk_domains": ["bullying_victim"],
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.involved_children.get().role == "harmed" and incident.risk_domains == ["bullying_victim"]


def test_missing_restraint_outing_and_visitor_forms(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    now = local(timezone.now() - datetime.timedelta(minutes=30))
    assert (
        client.post(
            url(world, "incidents:missing_new"),
            {
                "child": world.child_a.pk,
                "whereabouts_known": "no",
                "last_seen_at": now,
                "last_seen_where": "Park",
                "circumstances": "Did not come back.",
                "risk_level": "high",
                "action_taken": "Searched the park.",
            },
        ).status_code
        == 302
    )
    episode = MissingEpisode.objects.get()
    detail = url(world, "incidents:detail", incident_id=episode.incident.public_id)
    assert (
        client.post(
            url(world, "incidents:missing_action", incident_id=episode.incident.public_id),
            {"kind": "taxi_firms", "at": now, "description": "Asked two firms."},
        ).status_code
        == 302
    )
    assert b"Asked two firms." in client.get(detail).content
    assert (
        client.post(
            url(world, "incidents:restraint_new"),
            {
                "child": world.child_a.pk,
                "occurred_at": now,
                "location": "Hall",
                "behaviour_before": "Hitting a peer.",
                "steps_tried_first": "Talking.",
                "technique": "Escort",
                "duration_minutes": "2",
                "staff_used": [world.staff_a.pk],
                "outcome": "Calmed.",
                "severity": "medium",
            },
        ).status_code
        == 302
    )
    assert PhysicalIntervention.objects.count() == 1
    assert (
        client.post(
            url(world, "records:outing_new"),
            {
                "child": world.child_a.pk,
                "kind": "family_time",
                "destination": "Aunt's",
                "starts_at": now,
                "address_verified": "no",
                "adult_1": "Unknown man",
                "adult_1_relationship": "",
                "staff": [world.staff_a.pk],
            },
        ).status_code
        == 302
    )
    assert Outing.objects.get().adults == [{"name": "Unknown man", "relationship": "", "identified": False}]
    assert (
        client.post(
            url(world, "visitors:new"),
            {
                "name": "Sam Music",
                "kind": "staff_relative",
                "relationship": "son",
                "related_staff_member": world.staff_a.pk,
            },
        ).status_code
        == 302
    )
    visitor = Visitor.objects.get()
    page = client.get(url(world, "visitors:visit", visitor_id=visitor.public_id))
    assert b"must be supervised" in page.content
    assert (
        client.post(
            url(world, "visitors:visit", visitor_id=visitor.public_id),
            {
                "arrived_at": now,
                "reason": "Music lesson",
                "contact": "unsupervised",
                "children": [world.child_a.pk],
            },
        ).status_code
        == 302
    )
    assert Visit.objects.get().contact == "unsupervised"


def test_chronology_filters_by_type(world: World, client_for: Any) -> None:
    from hearth.records.tests.factories import home_records

    home_records(world.home_a, world.child_a, world.staff_a)
    client = client_for("support_worker")
    chron = url(world, "records:chronology", child_id=world.child_a.public_id)
    everything = client.get(chron).content
    assert b"Physical intervention" in everything and b"unknown man" in everything
    only_missing = client.get(chron + "?type=incident:missing").content
    assert b"Did not return from the shop." in only_missing and b"unknown man" not in only_missing


def test_chronology_query_count_is_fixed(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    from hearth.records.tests.factories import home_records

    for _ in range(3):
        home_records(world.home_a, world.child_a, world.staff_a)
    client = client_for("support_worker")
    with django_assert_max_num_queries(12):
        client.get(url(world, "records:chronology", child_id=world.child_a.public_id))


def test_new_entry_from_a_childs_page_ticks_that_child(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    asked = f"?child={world.child_a.public_id}&child=not-a-uuid&child={world.child_b.public_id}"
    page = client.get(url(world, "records:log_new") + asked)
    assert page.status_code == 200
    assert page.context["form"].initial["children"] == [world.child_a.pk]
