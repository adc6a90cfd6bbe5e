"""A worker's own wording prompts before saving; an incident raised from the prompt answers it."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in
from hearth.incidents.models import Incident
from hearth.records.models import ConcernResponse, LogEntry

pytestmark = pytest.mark.browser

# Issue 19: a new user's words that the old phrase lists let through.
WORDINGS = [
    (
        "She had a new phone and cash and wouldn't say where from. She said an older friend gave her a lift back.",
        "Possible exploitation",
    ),
    ("a lot of money and a second phone", "Possible exploitation"),
    ("Kayla goes quiet every time her phone buzzes and won't say who keeps messaging her", "Possible harm online"),
]


def write(page: Page, text: str) -> None:
    page.get_by_label("Kayla Brennan").check()
    page.get_by_label("What happened").fill(text)


def test_a_workers_own_words_prompt_as_they_type_and_before_saving(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.worker")
    page.get_by_role("link", name="Daily log").click()
    page.get_by_role("link", name="Write a log entry").click()
    prompt = page.locator("#concern-prompt")
    for text, label in WORDINGS:
        page.get_by_label("What happened").fill("")
        write(page, text)
        expect(prompt).to_contain_text(label)  # as the worker types, before anything is saved
    assert_accessible(page)
    before = LogEntry.objects.count()
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_role("button", name="Save and raise an incident")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Success")
    assert LogEntry.objects.count() == before  # nothing saved until the worker chooses
    assert_accessible(page)


def test_raising_an_incident_from_the_prompt_clears_the_concern_from_the_queue(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.worker")
    page.get_by_role("link", name="Daily log").click()
    page.get_by_role("link", name="Write a log entry").click()
    write(page, WORDINGS[0][0])
    page.get_by_role("button", name="Save and sign").click()
    page.get_by_role("button", name="Save and raise an incident").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise an incident from a log entry")
    expect(page.get_by_label("What kind of incident?")).to_have_value("exploitation")
    expect(page.get_by_label("What happened")).to_have_value(WORDINGS[0][0])
    assert_accessible(page)
    page.get_by_label("High", exact=True).check()
    page.get_by_label("What staff did").fill("Told the manager; rang her social worker and the police.")
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("the possible concern in the log entry is answered")).to_be_visible()
    entry = LogEntry.objects.get(text=WORDINGS[0][0])
    answer = ConcernResponse.objects.get(entry=entry)
    assert answer.incident == Incident.objects.get(what_happened=WORDINGS[0][0])

    page.context.clear_cookies()
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.goto(f"{demo.url}/homes/{entry.home.public_id}/review/")
    queue = page.locator("main")
    expect(queue).to_contain_text("Possible exploitation: raise an incident or say why not")  # the demo's own
    concern_rows = page.locator(".hearth-queue tbody tr").filter(has_text="raise an incident or say why not")
    expect(concern_rows.filter(has_text="wouldn't say where")).to_have_count(0)  # answered by the incident
    mine = page.locator(".hearth-queue tbody tr").filter(has_text="wouldn't say where")
    expect(mine.filter(has_text="Review: exploitation concern")).to_have_count(1)  # the incident, to review
    expect(mine.filter(has_text="Read and sign")).to_have_count(1)  # the entry, still to read and sign
    assert_accessible(page)
