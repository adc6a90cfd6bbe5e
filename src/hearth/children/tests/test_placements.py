"""A child's placement from start to end: details changed with history, an ending recorded with
where they went and what they said, and a move between the provider's homes on one record."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.selectors import history_entries
from hearth.children.models import Placement
from hearth.children.services import child_details_change, placement_ending_record, placement_move
from hearth.conftest import World
from hearth.core.dates import today
from hearth.homes.tests.factories import HomeFactory


def _placement(world: World) -> Placement:
    return Placement.objects.get(child=world.child_a, home=world.home_a, left_on__isnull=True)


def test_details_change_keeps_the_old_values_in_the_history(world: World, client_for: Any) -> None:
    child = world.child_a
    client = client_for("deputy_manager")
    url = reverse("children:edit", kwargs={"home_id": world.home_a.public_id, "child_id": child.public_id})
    page = client.get(url).content.decode()
    assert f'value="{child.first_name}"' in page
    data = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "known_as": "Ali",
        "date_of_birth": child.date_of_birth.isoformat(),
        "sex": child.sex,
        "legal_status": child.legal_status,
        "placing_authority": "Northshire County Council",
        "social_worker_name": "Sam Social",
        "social_worker_email": "",
        "social_worker_phone": "",
        "expected_version": child.version,
    }
    assert client.post(url, data).status_code == 302
    child.refresh_from_db()
    assert child.known_as == "Ali" and child.display_name.startswith("Ali ")
    change = next(e for e in history_entries(records=[child]) if e.kind == "Changed")
    assert ("Known as", "(blank)", "Ali") in [(c.field, c.old, c.new) for c in change.changes]
    with pytest.raises(ValidationError) as exc:
        child_details_change(
            actor=None, child=child, first_name=" ", date_of_birth=today() + datetime.timedelta(days=1)
        )
    assert set(exc.value.message_dict) == {"first_name", "date_of_birth"}


def test_an_ending_needs_where_they_went_and_how_it_went_and_happens_once(world: World) -> None:
    placement = _placement(world)
    with pytest.raises(ValidationError) as exc:
        placement_ending_record(
            actor=None,
            placement=placement,
            left_on=today() + datetime.timedelta(days=3),
            planned=True,
            reason="nonsense",
            destination="",
            child_view="",
            summary="",
        )
    assert set(exc.value.message_dict) == {"left_on", "reason", "destination", "summary"}
    placement_ending_record(
        actor=world.users["registered_manager"],
        placement=placement,
        left_on=today(),
        planned=False,
        reason="unplanned_end",
        destination="Emergency foster carers, Leeds",
        child_view="I want to stay near my school.",
        summary="Settled well for three months; left after a breakdown with another child.",
    )
    placement.refresh_from_db()
    assert placement.left_on == today() and placement.ending_planned is False
    assert placement.destination == "Emergency foster carers, Leeds"
    with pytest.raises(ValidationError, match="already ended"):
        placement_ending_record(
            actor=None,
            placement=placement,
            left_on=today(),
            planned=True,
            reason="other",
            destination="x",
            child_view="",
            summary="x",
        )


def test_a_move_keeps_one_record_and_only_between_the_providers_own_homes(world: World, client_for: Any) -> None:
    placement = _placement(world)
    sister = HomeFactory(provider=world.home_a.provider, name="Sister House")
    with pytest.raises(ValidationError) as exc:
        placement_move(actor=None, placement=placement, to_home=world.home_b, moved_on=today(), why="Closer to school")
    assert "another provider admits them" in exc.value.message_dict["to_home"][0]
    ri = client_for("responsible_individual")
    url = reverse("children:move", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id})
    assert "Sister House" in ri.get(url).content.decode()
    response = ri.post(url, {"to_home": sister.pk, "moved_on": today().isoformat(), "why": "Nearer her school."})
    assert response.status_code == 302
    placements = list(Placement.objects.filter(child=world.child_a).order_by("admitted_on", "pk"))
    assert [(p.home, p.left_on) for p in placements[-2:]] == [(world.home_a, today()), (sister, None)]
    assert placements[-2].leaving_reason == "planned_move" and placements[-2].destination.startswith("Sister House")
    assert response.url == reverse(
        "children:detail", kwargs={"home_id": sister.public_id, "child_id": world.child_a.public_id}
    )


def test_a_photograph_is_checked_by_its_bytes_and_shown_only_to_those_who_may_open_the_record(
    world: World, client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hearth.children.tests.factories import PNG

    manager = client_for("deputy_manager")
    url = reverse("children:photo_new", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id})
    fake = manager.post(url, {"photo": SimpleUploadedFile("me.png", b"not an image", content_type="image/png")})
    assert "The photograph must be a JPEG or PNG image." in fake.content.decode()
    saved = manager.post(url, {"photo": SimpleUploadedFile("me.png", PNG, content_type="image/png")})
    assert saved.status_code == 302
    photo_url = reverse(
        "children:photo", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    )
    shown = client_for("support_worker").get(photo_url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png" and "no-store" in shown["Cache-Control"]
    assert b"".join(shown.streaming_content) == PNG
    assert client_for("no_membership").get(photo_url).status_code == 404
    page = client_for("support_worker").get(_detail_url(world)).content.decode()
    assert f'alt="Photograph of {world.child_a.display_name}"' in page


def _detail_url(world: World) -> str:
    return reverse("children:detail", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id})
