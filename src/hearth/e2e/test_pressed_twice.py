"""Back and Save again, as a worker does when unsure the first press worked: the incident, log
entry, missing-episode and visitor forms each keep one record and say it was already saved."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from playwright.sync_api import Page, expect

from hearth.e2e.test_journeys import sign_in
from hearth.homes.models import Home
from hearth.incidents.models import Incident, MissingEpisode
from hearth.records.models import LogEntry
from hearth.visitors.models import Visitor

pytestmark = pytest.mark.browser


def saved_once_after_back(page: Page, model: type[Model], fill: Callable[[], None], button: str, **match: Any) -> None:
    """Fill and save the form; go Back to it and press the button again; one record, and the
    page says the first press had saved it."""
    fill()
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")
    first = page.url
    assert model.objects.filter(**match).count() == 1
    page.go_back()
    page.wait_for_load_state("load")
    if not page.get_by_role("button", name=button).is_visible():
        pytest.fail(f"Back did not return to the form (at {page.url})")
    if page.locator("textarea, input[type=text]").first.input_value() == "":
        fill()  # the browser fetched the form again without what was typed: the worker types it again
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text("This was already saved")).to_be_visible()
    assert page.url == first
    assert model.objects.filter(**match).count() == 1


def test_back_and_save_again_keeps_one_record(page: Page, demo: Any) -> None:
    home = Home.objects.get(external_id="home-a")
    base = f"{demo.url}/homes/{home.public_id}"
    sign_in(page, demo.url, "a.worker")

    page.goto(f"{base}/log/new/")

    def entry() -> None:
        page.get_by_label("Jordan Hale").check()
        page.get_by_label("What happened").fill("Jordan helped cook tea and talked about his football match.")

    saved_once_after_back(page, LogEntry, entry, "Save and sign", text__startswith="Jordan helped cook tea")

    page.goto(f"{base}/incidents/new/")

    def incident() -> None:
        page.get_by_label("What kind of incident?").select_option("bullying")
        page.get_by_label("Jordan Hale: involved as").select_option("subject")
        page.get_by_label("What happened").fill("Jordan was called names by a boy at the bus stop.")
        page.get_by_label("What staff did").fill("Walked him home and told the school.")

    saved_once_after_back(page, Incident, incident, "Save and sign", what_happened__startswith="Jordan was called")

    page.goto(f"{base}/missing/new/")

    def missing() -> None:
        page.get_by_label("Child", exact=True).select_option(label="Jordan Hale")
        page.get_by_label("Missing: whereabouts not known").check()
        page.get_by_label("Last seen where, and with whom").fill("Mill Lane skate park, with two older boys")
        page.get_by_label("Circumstances").fill("Did not come back from the skate park.")
        page.get_by_label("High", exact=True).check()
        page.get_by_label("What staff have done so far").fill("Called his phone.")

    saved_once_after_back(
        page, MissingEpisode, missing, "Save and sign", last_seen_where__startswith="Mill Lane skate park"
    )

    page.goto(f"{base}/visitors/new/")

    def visitor() -> None:
        page.get_by_label("Full name").fill("Morgan Plumber")
        page.get_by_label("Who are they?").select_option("contractor")

    saved_once_after_back(page, Visitor, visitor, "Continue", name="Morgan Plumber")
