"""A registered manager imports the home's Ofsted report (a PDF), checks what was read, confirms,
and finds each requirement tracked as an action, overdue where its due date has passed. axe on
each page."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in
from hearth.inspections.tests.factories import report_text
from hearth.inspections.tests.pdfs import report_pdf

pytestmark = pytest.mark.browser


def test_manager_imports_a_report_and_tracks_its_requirements(page: Page, demo: Any, tmp_path: Path) -> None:
    report = tmp_path / "alder-bank-inspection.pdf"
    report.write_bytes(report_pdf(report_text("SC660021-full-2021-11", urn="SC990001"), urn="SC990001"))
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.get_by_role("link", name="Ofsted inspections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ofsted inspections")
    assert_accessible(page)
    page.get_by_role("link", name="Import an inspection report").click()
    assert_accessible(page)
    page.get_by_role("button", name="Read the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose")  # no file chosen
    page.get_by_label("Inspection report").set_input_files(str(report))
    page.get_by_role("button", name="Read the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what was read from the report")
    requirements = page.get_by_role("table", name="Statutory requirements (3)")
    expect(requirements).to_contain_text("Compliance notice")
    expect(requirements).to_contain_text("2022-01-31")
    assert_accessible(page)
    page.get_by_role("button", name="Import this report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Full inspection, 30 November 2021 to 1 December 2021")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 requirement(s) and 1 recommendation(s)")
    tracked = page.get_by_role("table", name="Statutory requirements")
    expect(tracked.locator("tbody tr")).to_have_count(3)
    expect(tracked).to_contain_text("Overdue")
    assert_accessible(page)
    tracked.get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("Compliance notice")
    expect(page.locator("main")).to_contain_text("Full inspection, 30 November 2021")
    assert_accessible(page)
    page.get_by_role("link", name="Ofsted inspections").click()
    expect(page.get_by_role("table", name="Inspections, newest first, from the imported reports")).to_contain_text(
        "Inadequate"
    )
    assert_accessible(page)
