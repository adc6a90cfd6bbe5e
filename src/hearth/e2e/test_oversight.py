"""A registered manager reads what the oversight rules find in home A's records and follows the
evidence to the record; the responsible individual sees every home's count. axe on each page."""

from typing import Any

import pdfplumber
import pytest
from playwright.sync_api import Page, expect

from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in

pytestmark = pytest.mark.browser


def test_manager_reads_the_findings_and_opens_the_evidence(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.get_by_role("link", name="Findings", exact=True).click()
    main = page.locator("main")
    expect(main).to_contain_text("The protection of children standard")
    expect(main).to_contain_text("visitor.unchecked_contact")
    expect(main).to_contain_text("training.mandatory_missing")
    assert_accessible(page)
    page.get_by_role("link", name="The same findings as an inspection report's requirements (mock inspection)").click()
    requirements = page.get_by_role("table", name="Requirements, most serious first")
    expect(requirements).to_contain_text("Regulation 12(2)(a)(i)")
    expect(requirements).not_to_contain_text("Kayla Brennan")  # children by their initials, as Ofsted writes
    expect(requirements).to_contain_text("KB")
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Ryan Whitlow (Son of the registered manager)").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ryan Whitlow")


def test_responsible_individual_sees_each_homes_findings(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "ri")
    second_factor(page, "ri")
    page.get_by_role("link", name="All homes of Lanternfield Care Ltd (demo)").click()
    control = page.locator("tr", has_text="Hollins Lea")
    expect(control).to_contain_text("0 high, 0 medium, 0 low")
    assert_accessible(page)
    page.get_by_role("link", name="findings at Alder Bank").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What an inspector would find")
    assert_accessible(page)


def test_manager_works_from_the_dashboard_to_a_completed_action_and_the_pdf(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    deadlines = page.get_by_role("table", name="Deadlines due today and overdue, overdue first")
    expect(deadlines).to_contain_text("Check every address a child is taken to on an outing")
    expect(
        page.get_by_role("table", name="Each child's current risks, highest first, beside their strengths")
    ).to_contain_text("Kayla Brennan")
    page.get_by_text("Missing episodes as a table").click()
    expect(page.get_by_role("table", name="Missing episodes by month")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Findings", exact=True).click()
    page.get_by_role("link", name="Add an action for this finding").first.click()
    expect(page.get_by_label("What must be done")).not_to_be_empty()  # the finding's message, filled in
    page.get_by_label("Owner").select_option(label="Marcus Pryce (Deputy manager)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action added")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Complete, with evidence").click()
    page.get_by_role("button", name="Complete").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Evidence of completion").fill(
        "Verified the visitor's DBS on the update service; see the visitor file."
    )
    page.get_by_role("button", name="Complete").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action completed.")
    expect(page.locator("main")).to_contain_text("Verified the visitor's DBS")

    page.get_by_role("link", name="Findings", exact=True).click()
    page.get_by_role("link", name="The same findings as an inspection report's requirements (mock inspection)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a PDF (A4)").click()
    with pdfplumber.open(download.value.path()) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Statutory requirements" in text and "Regulation 12(2)(a)(i)" in text
    assert "Kayla Brennan" not in text and "KB" in text


def test_visitor_writes_and_submits_a_regulation_44_report(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "visitor")
    page.get_by_role("link", name="Regulation 44 visits").click()
    months = page.get_by_role("table", name="The last 12 months, this month first, with the submitted reports of each")
    expect(months.locator("tr").nth(1)).to_contain_text("Not yet this month")
    assert_accessible(page)
    page.get_by_role("link", name="Write a visit report").click()
    page.get_by_label("Amelia").check()
    page.get_by_label("Records sampled").fill("The daily log for the last week; the missing and incident records.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft report saved")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit and sign the report").click()
    expect(page.locator(".govuk-error-summary, .govuk-notification-banner").first).to_contain_text(
        "cannot be submitted yet"
    )
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Recommendation").fill("Add the new fire exit to the evacuation plan")
    page.get_by_label("To be considered by").fill("2026-12-31")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Edit the draft").click()
    page.get_by_label("Children are effectively safeguarded", exact=True).check()
    page.get_by_label("Reasons for the safeguarding opinion").fill("Amelia said she feels safe; records were complete.")
    page.get_by_label("The conduct of the home promotes children's well-being", exact=True).check()
    page.get_by_label("Reasons for the well-being opinion").fill("Children are in school and see their families.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Submit and sign the report").click()
    expect(page.get_by_text("Report submitted and signed")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No copy to Ofsted is logged yet")
    assert_accessible(page)
    page.get_by_role("link", name="Log a copy sent").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("table", name="Copies sent")).to_contain_text("Ofsted")
    expect(page.get_by_role("table", name="Recommendations, each an action for the home")).to_contain_text("fire exit")
    assert_accessible(page)


def test_manager_completes_and_sends_a_regulation_45_review(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "c.manager")
    second_factor(page, "c.manager")
    page.get_by_role("link", name="Regulation 45 reviews").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a review").click()
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_text("Draft review started")).to_be_visible()
    expect(page.locator("#figures")).to_contain_text("Missing episodes")
    assert_accessible(page)
    page.get_by_role("link", name="Write the review").click()
    page.get_by_label("Evaluation: The protection of children standard (Regulation 12)").fill("No missing episodes.")
    page.get_by_label("Views of the children").fill("All four said they feel safe.")
    page.get_by_label("Views of parents").fill("Two replied, both positive.")
    page.get_by_label("Views of placing authorities").fill("Social workers satisfied.")
    page.get_by_label("Views of staff").fill("Supervision is regular.")
    page.get_by_label("Summary and what the home will do to improve").fill("Keep going; refresh county lines training.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Complete and sign").click()
    page.get_by_role("button", name="Complete").click()
    expect(page.get_by_text("Review completed and signed")).to_be_visible()
    page.get_by_role("link", name="Record that it was sent to Ofsted").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Sent to Ofsted on")
    assert_accessible(page)
