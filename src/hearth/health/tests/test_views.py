from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.health.models import Accident


def test_an_accident_form_takes_the_body_map_as_ticks_and_the_page_shows_it_in_words(
    world: World, client_for: Any
) -> None:
    kw = {"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    client = client_for("support_worker")
    form = client.get(reverse("health:accident_new", kwargs=kw)).content.decode()
    assert 'data-area="front_left_knee"' in form and 'value="front_left_knee"' in form
    bad = client.post(reverse("health:accident_new", kwargs=kw), {"front_areas": ["front_left_knee"]})
    assert bad.status_code == 200 and "Fill in “Where?”" in bad.content.decode()
    assert 'class="hearth-body-map__area is-marked"' in bad.content.decode()  # what was ticked stays marked
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("health:accident_new", kwargs=kw),
        {
            "occurred_at": when,
            "where": "Garden",
            "what_happened": "Fell.",
            "front_areas": ["front_left_knee"],
            "back_areas": ["back_lower"],
        },
    )
    assert Accident.objects.get().body_areas == ["back_lower", "front_left_knee"]
    page = client.get(reverse("health:child", kwargs=kw)).content.decode()
    assert "front: left knee; back: lower back" in page
