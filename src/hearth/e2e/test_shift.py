"""A shift on Hearth: the worker lands on the shift page, hands over, signs a visitor in and out
and finds an entry by search; the manager acknowledges the handover and works the review queue,
signing one entry in place (htmx) and the routine ones together. axe on every page."""

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.children.models import Child
from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in
from hearth.records.models import LogEntry
from hearth.records.services import log_entry_create
from hearth.shift.models import Handover
from hearth.shift.services import handover_write
from hearth.visitors.models import Visit

pytestmark = pytest.mark.browser


def test_a_worker_starts_the_shift_hands_over_signs_a_visitor_out_and_finds_an_entry(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("On shift")
    assert_accessible(page)

    page.get_by_role("link", name="Write the handover for the next shift").click()
    expect(page.get_by_text("You can enter up to 4000 characters")).to_be_visible()
    page.get_by_role("button", name="Save and sign").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Fill in “What the next shift needs to know”.")
    assert_accessible(page)
    page.get_by_label("What the next shift needs to know").fill("Jordan is tired after football; dentist at 10.")
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("Handover saved and signed")).to_be_visible()
    expect(page.get_by_text("dentist at 10.")).to_be_visible()

    page.get_by_role("link", name="Sign a visitor in").click()
    page.get_by_role("link", name="Sign in a new visitor").click()
    page.get_by_label("Full name").fill("Sam Fixit")
    page.get_by_label("Who are they?").select_option("professional")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Reason for the visit").fill("Boiler service")
    page.get_by_label("No contact with children").check()
    page.get_by_role("button", name="Save and sign").click()
    page.get_by_role("link", name="On shift").first.click()
    building = page.get_by_role("heading", name="Visitors signed in").locator("xpath=..")
    expect(building).to_contain_text("Sam Fixit")
    page.get_by_role("button", name="Sign out Sam Fixit").click()
    expect(page.get_by_text("Sam Fixit signed out.")).to_be_visible()
    expect(building).to_contain_text("No visitors are signed in.")
    assert Visit.objects.get(visitor__name="Sam Fixit").left_at is not None
    assert_accessible(page)

    page.get_by_role("link", name="Daily log").click()
    page.get_by_role("link", name="Write a log entry").click()
    page.get_by_label("Jordan Hale").check()
    page.get_by_label("What happened").fill("Jordan baked a lemon drizzle cake with staff and shared it.")
    page.get_by_role("button", name="Save and sign").click()
    page.get_by_role("link", name="Search", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Words to find").fill("baking lemon")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("table", name="Records found, newest first")
    expect(results).to_contain_text("lemon drizzle cake")
    expect(results).to_contain_text("Priya Nandra")
    assert_accessible(page)


def test_the_manager_acknowledges_the_handover_and_works_the_queue_in_place(page: Page, demo: Any) -> None:
    worker = get_user_model().objects.get(username="a.worker")
    home = worker.memberships.get().home
    jordan = Child.objects.get(first_name="Jordan", placements__home=home)
    for n in range(3):
        log_entry_create(
            actor=worker,
            home=home,
            children=[jordan],
            occurred_at=timezone.now() - datetime.timedelta(minutes=30 + n),
            text=f"Jordan played chess, game {n}.",
        )
    handover_write(actor=worker, home=home, text="Quiet night; Jordan asleep by 22:00.")

    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.get_by_role("link", name="On shift").first.click()
    expect(page.get_by_text("Quiet night; Jordan asleep by 22:00.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I have read this handover from Priya Nandra").click()
    expect(page.get_by_text("You acknowledged the handover from Priya Nandra.")).to_be_visible()
    assert Handover.objects.get(home=home).acknowledged_by.username == "a.manager"

    page.get_by_role("link", name="Review queue").click()
    assert_accessible(page)
    page.get_by_label("Child", exact=True).select_option("Jordan Hale")
    page.get_by_label("Kind of record").select_option("log_sign")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=2, name="Jordan Hale")).to_be_visible()
    chess = LogEntry.objects.filter(text__startswith="Jordan played chess").order_by("occurred_at")
    oldest = chess.first()
    page.locator(f"#row-{oldest.public_id}").get_by_role("button", name="Sign").click()  # htmx: the row only
    expect(page.locator(f"#row-{oldest.public_id}")).to_contain_text("Signed")
    assert "kind=log_sign" in page.url and "child=Jordan" in page.url
    assert_accessible(page)

    page.get_by_role("button", name="Choose all").first.click()
    page.get_by_label("Comment on what you sign (optional)").fill("Read through; nothing further.")
    page.get_by_role("button", name="Sign the entries chosen").click()
    expect(page.get_by_text("log entries signed.")).to_be_visible()
    assert "kind=log_sign" in page.url
    assert chess.filter(reviewed_at__isnull=True).count() == 0
    assert chess.filter(review_comment="Read through; nothing further.").count() >= 2
    assert_accessible(page)
