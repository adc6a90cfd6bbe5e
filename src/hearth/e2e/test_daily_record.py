"""A support worker records each kind of event; a manager reviews and signs. axe on every page."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_journeys import code_for, sign_in
from hearth.incidents.models import Incident, MissingEpisode, PhysicalIntervention
from hearth.records.models import LogEntry, Outing
from hearth.visitors.models import Visit

pytestmark = pytest.mark.browser


def save(page: Page, name: str = "Save and sign") -> None:
    page.get_by_role("button", name=name).click()


def test_support_worker_records_every_kind_of_event(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.worker")
    page.get_by_role("link", name="Daily log").click()
    assert_accessible(page)

    page.get_by_role("link", name="Write a log entry").click()
    save(page)
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Jordan Hale").check()
    page.get_by_label("What happened").fill(
        "Jordan was picked up by an unknown car at the end of the road and came back an hour later."
    )
    save(page)
    expect(page.get_by_text("This may show a possible concern")).to_be_visible()  # asked before saving
    assert_accessible(page)
    save(page, "Save without an incident")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Possible exploitation")
    expect(page.locator(".govuk-warning-text")).to_contain_text("unknown car")
    assert_accessible(page)
    page.get_by_role("link", name="Add an addendum").click()
    page.get_by_label("Why is an addendum needed?").fill("Time was wrong")
    page.get_by_label("Addendum", exact=True).fill("He came back at 20:15, not an hour later.")
    page.get_by_role("button", name="Add and sign").click()
    expect(page.get_by_text("He came back at 20:15")).to_be_visible()
    entry = LogEntry.objects.get(text__startswith="Jordan was picked up")
    assert entry.addenda.count() == 1 and entry.indicator_categories == ["exploitation"]

    page.get_by_role("link", name="Incidents").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Record an incident").click()
    assert_accessible(page)
    page.get_by_label("What kind of incident?").select_option("exploitation")
    page.get_by_label("Jordan Hale: involved as").select_option("subject")
    page.get_by_label("What happened").fill("Jordan got into an unknown car at the end of the road.")
    page.get_by_label("What staff did").fill("Noted the registration; told the manager and the police.")
    page.get_by_label("Child criminal exploitation and county lines").check()
    save(page)
    expect(page.get_by_text("Still to notify")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add an addendum").click()
    assert_accessible(page)
    page.get_by_label("Why is an addendum needed?").fill("Registration number added")
    page.get_by_label("Addendum", exact=True).fill("The car was a grey hatchback; registration given to the police.")
    page.get_by_role("button", name="Add and sign").click()
    expect(page.get_by_text("grey hatchback")).to_be_visible()

    page.goto(f"{demo.url}/homes/{entry.home.public_id}/missing/new/")
    assert_accessible(page)
    page.get_by_label("Child", exact=True).select_option(label="Jordan Hale")
    page.get_by_label("Missing: whereabouts not known").check()
    page.get_by_label("Last seen where, and with whom").fill("Park, alone")
    page.get_by_label("Circumstances").fill("Did not come back from the park.")
    page.get_by_label("High", exact=True).check()
    page.get_by_label("What staff have done so far").fill("Called his phone.")
    save(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Missing from home")
    page.get_by_label("What was done").select_option("taxi_firms")
    page.get_by_label("Details and what was found").fill("Asked the local taxi firms not to carry him.")
    page.get_by_role("button", name="Add this action").click()
    expect(page.get_by_text("Asked the local taxi firms")).to_be_visible()
    assert_accessible(page)
    assert MissingEpisode.objects.filter(child__external_id="child-a2").count() == 1

    page.goto(f"{demo.url}/homes/{entry.home.public_id}/restraint/new/")
    assert_accessible(page)
    page.get_by_label("Child", exact=True).select_option(label="Jordan Hale")
    page.get_by_label("Where?").fill("Kitchen")
    page.get_by_label("The behaviour that led to it").fill("Throwing cups at staff.")
    page.get_by_label("What was tried first to calm things down").fill("Talked calmly; offered the garden.")
    page.get_by_label("Hold or technique used").fill("Two-person escort")
    page.get_by_label("How long, in minutes").fill("3")
    page.get_by_label("Tom Askew").check()
    page.get_by_label("How effective it was, and what followed").fill("Calmed in his room.")
    save(page)
    expect(page.get_by_text("The three Regulation 35 clocks")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Outings and contact").click()
    page.get_by_role("link", name="Record an outing or contact").click()
    assert_accessible(page)
    page.get_by_label("Child", exact=True).select_option(label="Jordan Hale")
    page.get_by_label("Kind of outing").select_option("outing")
    page.get_by_label("Where to").fill("Leisure centre")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("How was it checked, and by whom?").fill("Public leisure centre; staff went with him.")
    save(page)
    expect(page.get_by_text("Address checked").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Visitors").click()
    assert_accessible(page)
    page.get_by_role("link", name="Sign in a new visitor").click()
    page.get_by_label("Full name").fill("Priya's cousin")
    page.get_by_label("Who are they?").select_option("staff_relative")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("must be supervised by staff throughout")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reason for the visit").fill("Dropped off a parcel")
    page.get_by_label("No contact with children").check()
    save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya's cousin")
    assert_accessible(page)

    child = entry.children.get()
    page.goto(f"{demo.url}/homes/{entry.home.public_id}/children/{child.public_id}/chronology/")
    expect(page.get_by_text("Throwing cups at staff.").first).to_be_visible()
    assert_accessible(page)
    assert (
        Outing.objects.filter(destination="Leisure centre").exists() and Visit.objects.filter(contact="none").exists()
    )
    assert PhysicalIntervention.objects.filter(child=child, behaviour_before="Throwing cups at staff.").count() == 1


def test_manager_reviews_and_signs(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.manager")
    page.get_by_label("Code from your authenticator app").fill(code_for("a.manager"))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_text("overdue").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Comment on what you sign (optional)").fill("Read and discussed at handover.")
    page.locator("table.hearth-queue button[hx-post]").first.click()  # signed in place (htmx)
    expect(page.get_by_role("status").first).to_contain_text("Signed")
    assert LogEntry.objects.filter(review_comment="Read and discussed at handover.").count() == 1

    bridge = Incident.objects.get(external_id="inc-a-bridge")
    page.goto(f"{demo.url}/homes/{bridge.home.public_id}/incidents/{bridge.public_id}/")
    page.get_by_label("What you checked, and what follows").fill(
        "Strategy meeting called; risk assessment to be rewritten today."
    )
    page.get_by_role("button", name="Sign as reviewed").click()
    expect(page.get_by_text("Reviewed", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Record a notification").click()
    assert_accessible(page)
    page.get_by_label("Ofsted", exact=True).check()
    page.get_by_label("Reference", exact=True).fill("NOTIF-001")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("NOTIF-001")).to_be_visible()
    bridge.refresh_from_db()
    assert bridge.reviewed_at is not None and bridge.notifications.filter(reference="NOTIF-001").exists()

    pi = PhysicalIntervention.objects.get(external_id="pi-a-1")
    page.goto(f"{demo.url}/homes/{bridge.home.public_id}/incidents/{pi.incident.public_id}/")
    page.get_by_label("What the staff told you").fill("Tom and Gareth: escort was needed; Jordan was not hurt.")
    page.get_by_role("button", name="I spoke to the staff: sign as accurate").click()
    page.get_by_label("What the child said").fill("Jordan said he was angry about his dad, not the staff.")
    page.get_by_role("button", name="I spoke to the child").click()
    expect(page.get_by_text("Done late").first).to_be_visible()
    assert_accessible(page)
    pi.refresh_from_db()
    assert pi.staff_spoken_signed_at and pi.child_spoken_at
