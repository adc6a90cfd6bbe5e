from typing import Any

from hearth.conftest import World
from hearth.records.tests.factories import home_records
from hearth.shift.models import Handover
from hearth.shift.tests.factories import shift_records
from hearth.visitors.models import Visit


def _url(world: World, tail: str = "") -> str:
    return f"/homes/{world.home_a.public_id}/shift/{tail}"


def test_a_worker_lands_on_the_shift_page_and_sees_who_is_missing_in_and_due(world: World, client_for: Any) -> None:
    records = home_records(world.home_a, world.child_a, world.staff_a)
    shift_records(world.home_a, records.visitor)
    client = client_for("support_worker")
    start = client.get("/")
    assert start.status_code == 302 and start.url == _url(world)
    page = client.get(_url(world)).content.decode()
    assert "1 child away from the home now" in page
    assert "missing, whereabouts unknown" in page and "for 2 days." in page
    assert "Alex Tutor" in page and "Sign out" in page
    assert "All calm." in page and "Not yet acknowledged" in page
    assert "I have read this handover" not in page  # a support worker does not lead the shift
    assert "Staff saw her get into a car" in page  # the entry written since, with its author


def test_handover_written_then_acknowledged_by_the_shift_lead(world: World, client_for: Any) -> None:
    worker = client_for("support_worker")
    page = worker.get(_url(world, "handover/")).content.decode()
    assert "govuk-character-count" in page and "You can enter up to 4000 characters" in page
    empty = worker.post(_url(world, "handover/"), {"text": ""}).content.decode()
    assert "Fill in “What the next shift needs to know”." in empty
    sent = worker.post(_url(world, "handover/"), {"text": "Alice has a dentist at 10."})
    assert sent.status_code == 302
    handover = Handover.objects.get(home=world.home_a)
    senior = client_for("senior")
    assert "I have read this handover" in senior.get(_url(world)).content.decode()
    done = senior.post(_url(world, f"handover/{handover.public_id}/acknowledge/"), follow=True).content.decode()
    assert "You acknowledged the handover" in done and "Acknowledged by" in done
    again = senior.post(_url(world, f"handover/{handover.public_id}/acknowledge/"), follow=True).content.decode()
    assert "already acknowledged" in again


def test_a_visitor_signed_out_from_the_shift_page_leaves_the_building_list(world: World, client_for: Any) -> None:
    records = home_records(world.home_a, world.child_a, world.staff_a)
    _, visit, _ = shift_records(world.home_a, records.visitor)
    client = client_for("support_worker")
    out = client.post(
        f"/homes/{world.home_a.public_id}/visitors/visits/{visit.public_id}/sign-out/", {"next": _url(world)}
    )
    assert out.status_code == 302 and out.url == _url(world)
    assert Visit.objects.get(pk=visit.pk).left_at is not None
    page = client.get(_url(world)).content.decode()
    assert "No visitors are signed in." in page
    twice = client.post(
        f"/homes/{world.home_a.public_id}/visitors/visits/{visit.public_id}/sign-out/",
        {"next": _url(world)},
        follow=True,
    ).content.decode()
    assert "already signed out" in twice


def test_the_childrens_appointments_in_the_next_12_hours_are_due_this_shift(world: World, client_for: Any) -> None:
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from hearth.health.services import appointment_record

    for hours, who in ((3, "Station Road Dental"), (14, "Eye clinic")):
        appointment_record(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            at=timezone.now() + datetime.timedelta(hours=hours),
            kind="dentist",
            with_whom=who,
            recorded_by_name="Sam",
        )
    page = client_for("support_worker").get(reverse("shift:page", kwargs={"home_id": world.home_a.public_id}))
    text = page.content.decode()
    soon = timezone.localtime() + datetime.timedelta(hours=3)
    assert f"Dentist appointment at {soon:%H:%M}" in text and "with Station Road Dental" in text
    assert "Eye clinic" not in text  # 14 hours away: the next shift's
