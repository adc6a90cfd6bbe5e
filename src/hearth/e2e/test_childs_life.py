"""The child's whole life (issue 22): a worker gives, records refused and is refused an as-needed
dose too soon on a tablet-sized screen; records a medication error the manager then reviews; and
writes a key-work session whose words appear on the child's page. axe on every page."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.children.models import Child
from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in
from hearth.incidents.models import Incident
from hearth.medicines.models import DoseRecord, Prescription
from hearth.medicines.services import prescription_record

pytestmark = pytest.mark.browser


def _kayla() -> Child:
    return Child.objects.get(external_id="child-a1")


def _url(name: str, child: Child) -> str:
    home = child.placements.get().home
    return reverse(name, kwargs={"home_id": home.public_id, "child_id": child.public_id})


def test_a_worker_records_doses_on_the_mar_and_an_as_needed_dose_too_soon_is_refused(page: Page, demo: Any) -> None:
    kayla = _kayla()
    home = kayla.placements.get().home
    prescription_record(  # a second regular medicine, due at 09:00 (the clock says 10:30)
        actor=None,
        home=home,
        child=kayla,
        medicine="Iron 200 mg tablets",
        dose="One tablet",
        kind="regular",
        times=["09:00"],
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
        recorded_by_name="Leah Corrin",
    )
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet
    sign_in(page, demo.url, "a.worker")
    page.goto(demo.url + _url("medicines:mar", kayla))
    expect(page.get_by_role("heading", level=1)).to_have_text("Medicines today")
    assert_accessible(page)

    started = datetime.datetime.now()
    page.get_by_role("button", name="Given Sertraline 50 mg tablets at 08:00").click()
    expect(page.get_by_text("Sertraline 50 mg tablets given: the 08:00 dose is signed by you.")).to_be_visible()
    assert (datetime.datetime.now() - started).total_seconds() < 20  # one tap, and the page is back
    row = page.locator("tr", has_text="Sertraline 50 mg tablets")
    expect(row).to_contain_text("Given")

    page.get_by_role("link", name="Refused Iron 200 mg tablets at 09:00").click()
    expect(page.get_by_label("Refused")).to_be_checked()
    page.get_by_label("Why (needed if not given; for as-needed medicine, what it was given for)").fill(
        "Said it makes her feel sick; offered again at 09:30, refused."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("Iron 200 mg tablets: refused, signed by you.")).to_be_visible()
    expect(page.locator("tr", has_text="Iron 200 mg tablets")).to_contain_text("Refused")

    for attempt in range(2):
        page.get_by_role("link", name="Record a dose of Paracetamol 500 mg tablets").click()
        why = page.get_by_label("Why (needed if not given; for as-needed medicine, what it was given for)")
        why.fill("Headache" if attempt == 0 else "Headache still there")  # the same again would be a double press
        page.get_by_role("button", name="Save and sign").click()
        if attempt == 0:
            expect(page.get_by_text("Paracetamol 500 mg tablets: given, signed by you.")).to_be_visible()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Not given: Paracetamol 500 mg tablets needs at least 4 hours between doses.")
    assert_accessible(page)
    paracetamol = Prescription.objects.get(child=kayla, medicine="Paracetamol 500 mg tablets")
    assert DoseRecord.objects.filter(prescription=paracetamol, recorded_at__date=timezone.localdate()).count() == 1


def test_a_medication_error_is_recorded_from_the_mar_and_reviewed_by_the_manager(page: Page, demo: Any) -> None:
    kayla = _kayla()
    sign_in(page, demo.url, "a.worker")
    page.goto(demo.url + _url("medicines:mar", kayla))
    page.get_by_role("link", name="record it as an incident").click()
    expect(page.get_by_label("What kind of incident?")).to_have_value("medication_error")
    expect(page.get_by_label("Kayla Brennan: involved as")).to_have_value("subject")
    page.get_by_label("What happened").fill("Kayla's 08:00 sertraline was given twice, by two staff.")
    page.get_by_label("What staff did").fill("Rang NHS 111 and followed their advice; told the manager.")
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("Incident recorded and signed")).to_be_visible()
    incident = Incident.objects.get(type="medication_error")

    page.context.clear_cookies()
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.goto(f"{demo.url}/homes/{incident.home.public_id}/incidents/{incident.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Medication error")
    page.get_by_label("What you checked, and what follows").fill("Spoke to both staff; MAR checks at handover.")
    page.get_by_role("button", name="Sign as reviewed").click()
    expect(page.get_by_text("Spoke to both staff; MAR checks at handover.")).to_be_visible()
    assert_accessible(page)
    incident.refresh_from_db()
    assert incident.reviewed_at is not None


def test_a_key_work_session_with_the_childs_words_appears_on_the_childs_page(page: Page, demo: Any) -> None:
    jordan = Child.objects.get(external_id="child-a2")
    sign_in(page, demo.url, "a.worker")
    page.goto(demo.url + _url("children:detail", jordan))
    expect(page.locator("#childs-words").locator("xpath=..")).to_contain_text("Not written yet.")
    page.get_by_role("link", name="Record a key-work session").first.click()
    page.get_by_label("What it covered").fill("Football and school")
    page.get_by_label("What you did together, and anything agreed").fill("Kicked a ball about and talked.")
    page.get_by_label("In the child's own words").fill("I want to get into the school team.")
    assert_accessible(page)
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("Key-work session recorded and signed.")).to_be_visible()
    page.goto(demo.url + _url("children:detail", jordan))
    words = page.locator("#childs-words").locator("xpath=..")
    expect(words).to_contain_text("“I want to get into the school team.”")
    expect(words).to_contain_text("key work: Football and school")
    assert_accessible(page)
    page.get_by_role("link", name="Education").click()
    expect(page.get_by_text("Not yet reviewed this autumn term")).to_be_visible()
    assert_accessible(page)
