import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World, signed_in_client
from hearth.control.models import ControlMeasure
from hearth.control.prohibited import prohibited_in
from hearth.control.services import control_child_view_record, control_review_record
from hearth.control.tests.factories import measure_recorded

# Written as a worker might write each measure; the paragraph of Regulation 19(2) each breaches.
PROHIBITED = [
    ("No pudding tonight because of the swearing", "b"),
    ("sent to her room without tea", "b"),
    ("Phone call to mum cancelled for the rest of the week", "c"),
    ("no contact with his dad this weekend as a consequence", "c"),
    ("Fined £10 from pocket money", "g"),
    ("pocket money docked for a fortnight", "g"),
    ("Strip searched on return from missing", "h"),
    ("made to wear pyjamas all day", "d"),
    ("Inhaler withheld until he apologised", "e"),
    ("Kept up until he said sorry", "f"),
    ("Smacked on the hand", "a"),
]
ALLOWED = [
    "No games console until Sunday",
    "Earlier bedtime, 9 pm tonight",
    "Pays £5 towards the broken lamp, £1 a week",
    "Kitchen knives locked away overnight",
    "Room searched with her there, vape found and kept",
    "Extra family time with mum arranged to talk it through",
    "Lost use of the Wi-Fi after 10 pm for two nights",
    "Helped clean the graffiti off the shed",
]


@pytest.mark.parametrize(("text", "paragraph"), PROHIBITED)
def test_a_prohibited_measure_is_named_by_its_paragraph(text: str, paragraph: str) -> None:
    assert [b.prohibition.paragraph for b in prohibited_in(text)] == [paragraph]


@pytest.mark.parametrize("text", ALLOWED)
def test_an_allowed_measure_passes(text: str) -> None:
    assert prohibited_in(text) == []


def test_recording_a_prohibited_measure_is_refused_naming_the_regulation(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        measure_recorded(world.home_a, world.child_a, measure="No pudding tonight")
    assert exc.value.message_dict["measure"][0].startswith("Regulation 19(2)(b) prohibits any punishment relating")
    assert not ControlMeasure.objects.exists()
    loaded = measure_recorded(world.home_a, world.child_a, measure="No pudding tonight", enforce_checks=False)
    assert loaded.pk


def test_reparation_needs_its_sum_and_each_review_is_given_once(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        measure_recorded(world.home_a, world.child_a, kind="reparation", measure="Pays towards the lamp")
    assert "amount" in exc.value.message_dict
    measure = measure_recorded(world.home_a, world.child_a)
    control_child_view_record(actor=None, measure=measure, child_view="Fair enough, I did break it.")
    with pytest.raises(ValidationError, match="already recorded"):
        control_child_view_record(actor=None, measure=measure, child_view="again")
    manager = world.users["registered_manager"]
    control_review_record(actor=manager, measure=measure, comment="Proportionate; spoke to him.")
    with pytest.raises(ValidationError, match="already reviewed"):
        control_review_record(actor=manager, measure=measure, comment="again")


def test_the_form_shows_the_refusal_beside_the_measure(world: World) -> None:
    client = signed_in_client(world.users["support_worker"])
    url = reverse("control:new", kwargs={"home_id": world.home_a.public_id})
    response = client.post(
        url,
        {
            "child": world.child_a.pk,
            "kind": "consequence",
            "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "measure": "Phone call to mum cancelled",
            "reason": "Swore at staff",
            "decided_by_name": "Sam",
            "submission_key": "x",
        },
    )
    assert response.status_code == 200
    assert "Regulation 19(2)(c) prohibits restricting contact" in response.content.decode()
