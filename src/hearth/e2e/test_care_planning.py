"""A manager writes, checks, approves and prints a risk assessment; a referral runs through to an
admission decision, refused and then overridden by the responsible individual. axe on every page."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hearth.admissions.models import Referral
from hearth.e2e.conftest import assert_accessible, open_page
from hearth.e2e.test_journeys import code_for, sign_in
from hearth.risk.models import RiskAssessment

pytestmark = pytest.mark.browser


def second_factor(page: Page, username: str) -> None:
    page.get_by_label("Code from your authenticator app").fill(code_for(username))
    page.get_by_role("button", name="Continue").click()


def test_manager_writes_checks_approves_and_prints_a_risk_assessment(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.get_by_role("link", name="Jordan Hale").click()
    summary = page.locator(".hearth-risk-summary")
    expect(summary).to_contain_text("Needs review")
    expect(page.locator("#current-risks tbody tr").first).to_contain_text("Self-harm")  # high before medium
    assert_accessible(page)

    page.get_by_role("link", name="Risk assessment: what staff do").click()
    expect(page.locator("#review-flags")).to_contain_text("Bullying others")
    assert_accessible(page)
    page.get_by_role("button", name="Review: start version 2").click()
    checks = page.locator("#risk-checks")
    expect(checks).to_contain_text("risk.boundary_breach")
    expect(checks).to_contain_text("risk.generic_strategy")
    assert_accessible(page)

    page.locator("#item-violence").get_by_role("link", name="Change").click()
    page.wait_for_load_state()  # htmx binds the as-you-type check once the page has loaded
    during = page.get_by_label("What staff do during")
    during.fill("If Jordan is in crisis he should ring Dana's personal mobile.")
    expect(page.locator("#risk-checks")).to_contain_text("personal mobile")  # htmx, as the writer types
    page.get_by_label("The risk now").fill("Jordan shouted and threw a chair when told no twice last month.")
    during.fill(
        "Give Jordan space in the garden; one adult stays in sight. If he is still angry after 20 minutes, ring the on-call manager on the home's phone."
    )
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator("#risk-checks")).to_contain_text("No problems found")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    expect(page.locator("#risk-checks")).not_to_contain_text("risk.boundary_breach")

    page.get_by_text("Add a risk", exact=True).click()
    page.get_by_label("Risk", exact=True).select_option("bullying_others")
    page.get_by_label("High").check()
    page.get_by_label("The risk now").fill("Jordan called Kayla names and took her phone twice last month.")
    page.get_by_label("Triggers and early warning signs").fill("Arguments over the TV remote; Kayla getting attention.")
    page.get_by_label("What staff do before").fill(
        "Plan separate evening activities; Jordan chooses the film on Tuesdays, Kayla on Thursdays."
    )
    page.get_by_label("What staff do during").fill(
        "Step between them calmly, take Jordan to the kitchen and listen to him first."
    )
    page.get_by_label("What staff do after").fill(
        "Talk with Jordan about how Kayla felt; write it in the bullying log."
    )
    page.get_by_role("group", name="Incidents this rests on").get_by_role("checkbox").first.check()
    page.get_by_label("Review by").fill("2027-01-15")
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    expect(page.locator("#item-bullying_others")).to_be_visible()

    # Each open flag is shown at approval; the risks this version changed clear, the others need a reason.
    reviews = page.locator(".hearth-flag-review")
    expect(reviews.filter(has_text="Bullying others")).to_contain_text("Changed in this version")
    unreviewed = reviews.filter(has=page.locator("textarea"))
    expect(unreviewed.first).to_be_visible()  # the demo's Jordan has a flagged risk this version leaves as it was
    left_open = unreviewed.first.locator("strong").inner_text()
    assert_accessible(page)
    page.get_by_label("Manager's comment").fill("Read with Jordan; the bullying plan is new.")
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_role("heading", name="Current: version 2")).to_be_visible()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Still to review, neither changed nor confirmed")
    expect(page.locator("#review-flags")).to_contain_text(left_open)  # approving did not clear an unreviewed risk
    expect(page.locator("#review-flags")).not_to_contain_text("Bullying others")
    assert RiskAssessment.objects.get(child__external_id="child-a2", number=2).approved_at is not None
    assert_accessible(page)

    page.get_by_text("Print the current version", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risk assessment: Jordan Hale")
    assert_accessible(page)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the printed assessment runs to {pages} pages"


def test_referral_runs_to_a_decision_and_the_override_is_reported(page: Page, demo: Any, browser: Any) -> None:
    sign_in(page, demo.url, "b.manager")
    second_factor(page, "b.manager")
    page.get_by_role("link", name="Referrals").first.click()
    assert_accessible(page)
    page.get_by_text("Record a referral", exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Lowe")
    page.get_by_label("Date of birth").fill("2012-03-04")
    page.get_by_label("Female").check()
    page.get_by_label("Legal status").select_option("s31")
    page.get_by_label("Placing authority").fill("Northshire Council (demo)")
    page.get_by_role("group", name="The child's needs").get_by_label("Going missing").check()
    page.get_by_role("group", name="Risks the referral describes").get_by_label("Going missing").check()
    page.get_by_label("Referred by").fill("Sam Patel, social worker")
    page.get_by_label("Needs and risks from the referral").fill("Goes missing after contact with her dad.")
    page.get_by_label("Proposed admission date").fill("2026-12-01")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#purpose-mismatches")).to_be_visible()
    expect(page.get_by_text("3 children already live here")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the impact risk assessment").click()
    page.get_by_label("The child's needs and risks").fill("Needs calm evenings and help to stay in school.")
    page.get_by_label("Benefits for the child").fill("Close to her school and her nan.")
    page.get_by_label("Accept the referral").check()
    page.get_by_label("Reasons for the decision").fill(
        "Ty is moving on next week, which frees a bed; Nia's needs fit our purpose."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#resident-sections li")).to_have_count(3)
    for name in ("Demi Rowe", "Mo Aziz", "Ty Marsh"):
        expect(page.locator("#resident-sections")).to_contain_text(name)
    page.get_by_role("button", name="Approve the impact risk assessment").click()
    expect(page.locator("#impact-gaps")).to_contain_text("Complete the risks to, risks from")
    for index in range(3):
        page.locator("#resident-sections a").nth(index).click()
        assert_accessible(page) if index == 0 else None
        page.get_by_label("Risks to this child from the referred child").fill("Low: Nia is younger and quiet.")
        page.get_by_label("Risks from this child to the referred child").fill("May invite Nia out with older friends.")
        page.get_by_label("How the risks will be managed").fill(
            "Plans agreed with each child separately; staff know their friends."
        )
        page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Approve the impact risk assessment").click()
    expect(page.get_by_text("the referral is accepted")).to_be_visible()

    page.get_by_text("Admit Nia Lowe", exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Admission refused")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("the home is for 3")
    assert_accessible(page)
    referral = Referral.objects.get(child__first_name="Nia")
    assert referral.placement is None

    ri = open_page(browser)
    sign_in(ri, demo.url, "ri")
    second_factor(ri, "ri")
    ri.goto(f"{demo.url}/homes/{referral.home.public_id}/referrals/{referral.public_id}/admit/")
    expect(ri.locator("#admission-problems")).to_be_visible()
    ri.get_by_label("Reason for admitting despite the problems listed").fill(
        "Ty moves to foster care on 2 December; police asked for a bed tonight."
    )
    ri.get_by_role("button", name="Save").click()
    expect(ri.locator(".govuk-notification-banner")).to_contain_text("Nia Lowe admitted")
    ri.goto(f"{demo.url}/providers/{referral.home.provider.public_id}/")
    expect(ri.locator("#overrides")).to_contain_text("police asked for a bed tonight")
    assert_accessible(ri)
    ri.context.close()
