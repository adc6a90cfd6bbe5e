"""A registered manager reads what the oversight rules find in home A's records and follows the
evidence to the record; the responsible individual sees every home's count. axe on each page."""

from typing import Any

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
