import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.allegations.models import AllegationOpening
from hearth.allegations.selectors import lado_due
from hearth.allegations.services import (
    allegation_outcome_record,
    allegation_reader_name,
    allegation_reader_withdraw,
    lado_referral_record,
)
from hearth.allegations.tests.factories import allegation_received
from hearth.conftest import World, signed_in_client


@pytest.mark.parametrize(
    ("received", "due_day"),
    [
        ("2026-11-23 10:00", "2026-11-24"),  # Monday: Tuesday
        ("2026-11-27 16:30", "2026-11-30"),  # Friday: Monday
        ("2026-11-28 09:00", "2026-11-30"),  # Saturday: Monday
        ("2026-12-24 12:00", "2026-12-29"),  # Christmas Eve: after Christmas and Boxing Day (substitute)
        ("2027-03-26 12:00", "2027-03-30"),  # Good Friday itself: Easter Monday skipped too
    ],
)
def test_the_lado_referral_is_due_by_the_end_of_the_next_working_day(received: str, due_day: str) -> None:
    at = timezone.make_aware(datetime.datetime.fromisoformat(received))
    due = lado_due(at)
    assert timezone.localtime(due - datetime.timedelta(seconds=1)).date().isoformat() == due_day


def test_referral_and_outcome_are_each_recorded_once(world: World) -> None:
    allegation = allegation_received(world.home_a, world.staff_a)
    with pytest.raises(ValidationError) as exc:
        lado_referral_record(
            actor=None,
            allegation=allegation,
            referred_at=allegation.received_at - datetime.timedelta(hours=1),
            lado_name="",
        )
    assert set(exc.value.message_dict) == {"referred_at", "lado_name"}
    lado_referral_record(actor=None, allegation=allegation, referred_at=timezone.now(), lado_name="LADO team, Leeds")
    with pytest.raises(ValidationError, match="already recorded"):
        lado_referral_record(actor=None, allegation=allegation, referred_at=timezone.now(), lado_name="Again")
    with pytest.raises(ValidationError) as exc:
        allegation_outcome_record(
            actor=None,
            allegation=allegation,
            outcome="substantiated",
            outcome_on=timezone.localdate(),
            outcome_detail="Dismissed.",
            dbs_referral="made",
        )
    assert "dbs_referred_on" in exc.value.message_dict
    allegation_outcome_record(
        actor=None,
        allegation=allegation,
        outcome="unfounded",
        outcome_on=timezone.localdate(),
        outcome_detail="CCTV showed no contact.",
        dbs_referral="not_needed",
    )
    assert allegation.outcome == "unfounded"


def _detail(world: World, allegation: object) -> str:
    return reverse(
        "allegations:detail",
        kwargs={"home_id": world.home_a.public_id, "allegation_id": allegation.public_id},  # type: ignore[attr-defined]
    )


def test_only_the_registered_persons_and_people_they_name_open_it_and_every_opening_is_kept(world: World) -> None:
    allegation = allegation_received(world.home_a, world.staff_a)
    url = _detail(world, allegation)
    for role in ("support_worker", "senior", "deputy_manager", "reg44_visitor", "no_membership"):
        assert signed_in_client(world.users[role]).get(url).status_code == 404, role
    manager = signed_in_client(world.users["registered_manager"])
    assert manager.get(url).status_code == 200
    assert signed_in_client(world.users["responsible_individual"]).get(url).status_code == 200
    deputy = world.users["deputy_manager"]
    reader = allegation_reader_name(
        actor=world.users["registered_manager"], allegation=allegation, user=deputy, why="Investigating"
    )
    page = signed_in_client(deputy).get(url)
    assert page.status_code == 200 and b"Record the referral to the LADO" not in page.content
    allegation_reader_withdraw(actor=None, reader=reader)
    assert signed_in_client(deputy).get(url).status_code == 404
    opened = list(AllegationOpening.objects.filter(allegation=allegation).values_list("user_id", "how"))
    assert sorted(opened) == sorted(
        [
            (world.users["registered_manager"].pk, "page"),
            (world.users["responsible_individual"].pk, "page"),
            (deputy.pk, "page"),
        ]
    )
    log = manager.get(url).content.decode()
    assert "Who has opened it" in log and deputy.get_full_name() in log


def test_the_person_it_is_about_never_opens_it_even_as_registered_manager(world: World) -> None:
    manager = world.users["registered_manager"]
    world.staff_a.user = manager
    world.staff_a.save()
    allegation = allegation_received(world.home_a, world.staff_a)
    assert signed_in_client(manager).get(_detail(world, allegation)).status_code == 404
    assert signed_in_client(world.users["responsible_individual"]).get(_detail(world, allegation)).status_code == 200
    with pytest.raises(ValidationError, match="cannot be named"):
        allegation_reader_name(actor=None, allegation=allegation, user=manager, why="x")


def test_someone_named_to_read_one_sees_only_that_one_in_the_list(world: World) -> None:
    shown = allegation_received(world.home_a, world.staff_a)
    allegation_received(world.home_a, world.staff_a, hours_ago=30)
    deputy = world.users["deputy_manager"]
    url = reverse("allegations:list", kwargs={"home_id": world.home_a.public_id})
    assert signed_in_client(deputy).get(url).status_code == 404
    allegation_reader_name(actor=None, allegation=shown, user=deputy, why="Investigating")
    page = signed_in_client(deputy).get(url).content.decode()
    assert "Allegations you may read" in page and page.count("allegations/") - page.count("allegations/new") >= 1
    assert "Record an allegation" not in page
    rows = page.split("<tbody")[1]
    assert rows.count('class="govuk-table__row"') == 1
