import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.conftest import World
from hearth.health.body import describe
from hearth.health.services import (
    accident_record,
    appointment_outcome_record,
    appointment_record,
    health_assessment_record,
)
from hearth.health.tests.factories import appointment_booked


def test_an_accident_keeps_its_body_map_as_data_and_refuses_an_unknown_area(world: World) -> None:
    accident = accident_record(
        actor=world.users["support_worker"],
        home=world.home_a,
        child=world.child_a,
        occurred_at=timezone.now(),
        where="Garden",
        what_happened="Fell off the swing.",
        body_areas=["front_left_knee", "back_lower", "front_left_knee"],
    )
    assert accident.body_areas == ["back_lower", "front_left_knee"]
    assert describe(accident.body_areas) == "front: left knee; back: lower back"
    with pytest.raises(ValidationError) as exc:
        accident_record(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            occurred_at=timezone.now(),
            where="",
            what_happened="",
            body_areas=["tail"],
        )
    assert set(exc.value.message_dict) == {"where", "what_happened", "body_areas"}


def test_a_future_appointment_cannot_be_attended_and_an_attended_one_needs_its_outcome(world: World) -> None:
    with pytest.raises(ValidationError, match="can only be booked or cancelled"):
        appointment_record(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            at=timezone.now() + datetime.timedelta(days=2),
            kind="gp",
            with_whom="Dr Hollis",
            attendance="attended",
        )
    booked = appointment_booked(world.home_a, world.child_a)
    with pytest.raises(ValidationError) as exc:
        appointment_outcome_record(actor=None, appointment=booked, attendance="attended", outcome="")
    assert "Write what was said" in exc.value.message_dict["outcome"][0]
    done = appointment_outcome_record(actor=None, appointment=booked, attendance="did_not_attend", outcome="")
    assert done.attendance == "did_not_attend" and done.version == 2


def test_an_assessment_is_held_with_its_outcome_or_booked(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        health_assessment_record(actor=None, home=world.home_a, child=world.child_a, by="LAC nurse")
    assert "the day it was held, or the day it is booked for" in exc.value.message_dict["held_on"][0]
    with pytest.raises(ValidationError, match="what the assessment found"):
        health_assessment_record(
            actor=None, home=world.home_a, child=world.child_a, by="LAC nurse", held_on=timezone.localdate()
        )
