"""Live oversight in the browser: a restraint record saved by a worker reaches the manager's
dashboard, their list of things to do and their mail, with nobody opening the audit; the
background worker (``hearth worker``) does the work in between."""

import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in
from hearth.homes.models import Home
from hearth.oversight.models import QueuedRun, StoredFinding

pytestmark = pytest.mark.browser


def test_a_late_restraint_record_reaches_the_managers_dashboard_things_to_do_and_mail(page: Page, demo: Any) -> None:
    call_command("worker", "--batch", stdout=io.StringIO())  # what a running worker has done already
    mail.outbox.clear()
    home = Home.objects.get(external_id="home-a")
    not_signed = StoredFinding.objects.filter(home=home, code="restraint.not_signed_off", resolved_at__isnull=True)
    before = not_signed.count()

    sign_in(page, demo.url, "a.worker")
    page.goto(f"{demo.url}/homes/{home.public_id}/restraint/new/")
    started = timezone.localtime() - datetime.timedelta(hours=60)
    page.get_by_label("Child", exact=True).select_option(label="Jordan Hale")
    page.get_by_label("When did it start?").fill(started.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Where?").fill("Hallway")
    page.get_by_label("The behaviour that led to it").fill("Kicking the front door.")
    page.get_by_label("What was tried first to calm things down").fill("Offered the garden; talked calmly.")
    page.get_by_label("Hold or technique used").fill("Two-person escort")
    page.get_by_label("How long, in minutes").fill("2")
    page.get_by_label("Tom Askew").check()
    page.get_by_label("How effective it was, and what followed").fill("Calmed in the lounge.")
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("The three Regulation 35 clocks")).to_be_visible()

    # Saved: the home's re-audit is queued, and nothing has been worked out by a page.
    assert QueuedRun.objects.get(name=f"home:{home.pk}").queued
    assert not_signed.count() == before
    call_command("worker", "--batch", stdout=io.StringIO())  # the background worker's turn
    assert not_signed.count() == before + 1

    to_manager = [m for m in mail.outbox if m.to == ["a.manager@demo.example"]]
    assert any("signed" in m.subject for m in to_manager), [m.subject for m in mail.outbox]
    for message in to_manager:
        assert "Jordan" not in message.subject + message.body and "Hale" not in message.body
        assert "/findings/" in message.body

    page.get_by_role("link", name="Sign out").click()
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    things = page.get_by_role("link", name="Things to do")
    expect(things).to_contain_text("new")
    things.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Things to do")
    expect(page.locator("[data-notification]").first).to_contain_text("signed")
    assert_accessible(page)
    page.locator("[data-notification] a").first.click()  # the link goes to the home's findings
    expect(page.locator("main")).to_contain_text("Nobody has spoken to the staff and signed")
