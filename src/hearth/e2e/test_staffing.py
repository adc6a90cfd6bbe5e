"""A registered manager vets a new starter, is refused and then allowed to put them on shift,
records their training and reads the matrix; the responsible individual reads completion across
homes. axe on every page."""

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in
from hearth.staff.models import Shift, StaffMember

pytestmark = pytest.mark.browser


def verify(page: Page, check: str, fields: dict[str, str], ticks: tuple[str, ...] = ()) -> None:
    page.get_by_role("link", name=f"Verify {check}").click()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    for label in ticks:
        page.get_by_label(label).check()
    page.get_by_label("Evidence").fill("Seen and copied to the personnel file.")
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()


def put_kit_on_shift(page: Page, start: datetime.datetime) -> None:
    page.get_by_role("link", name="Rota").click()
    page.get_by_text("Put someone on shift", exact=True).click()
    page.get_by_label("Staff member").select_option(label="Kit Marlowe-Ince (Residential support worker)")
    page.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ends").fill((start + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save").click()


def test_manager_vets_a_new_starter_puts_them_on_shift_and_records_training(page: Page, demo: Any) -> None:
    today = timezone.localdate()
    sign_in(page, demo.url, "a.manager")
    second_factor(page, "a.manager")
    page.get_by_role("link", name="Staff", exact=True).click()
    expect(page.locator("tbody")).to_contain_text("Not cleared")
    assert_accessible(page)
    page.get_by_role("link", name="Kit Marlowe-Ince").click()
    assert_accessible(page)

    # A DBS certificate without the children's barred list is refused, keeping what was typed.
    page.get_by_role("link", name="Verify enhanced dbs certificate with the children's barred list").click()
    page.get_by_label("Certificate number").fill("001234567890")
    page.get_by_label("Date of issue").fill((today - datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Evidence").fill("Original certificate seen.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("children's barred list")
    assert_accessible(page)
    page.get_by_label("The certificate includes a check of the children's barred list").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("verified for Kit Marlowe-Ince")

    verify(
        page,
        "two written references, one from the latest employer",
        {"Who wrote the reference": "Jo Park"},
        ("From the latest employer",),
    )

    # Not yet cleared: the rota refuses and names what is outstanding.
    start = datetime.datetime.combine(StaffMember.objects.get(first_name="Kit").start_date, datetime.time(7))
    put_kit_on_shift(page, start)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Two written references")
    assert_accessible(page)
    assert not Shift.objects.filter(staff_member__first_name="Kit").exists()

    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Staff", exact=True).click()
    page.get_by_role("link", name="Kit Marlowe-Ince").click()
    verify(page, "two written references, one from the latest employer", {"Who wrote the reference": "Sam Lee"})
    verify(page, "full employment history, with gaps explained in writing", {})
    verify(
        page,
        "reasons for leaving work with children or vulnerable adults",
        {},
        ("Not applicable: no earlier work with children or vulnerable adults",),
    )
    verify(page, "evidence of relevant qualifications", {})
    expect(page.get_by_role("table", name="Schedule 2 checks")).not_to_contain_text("Outstanding")

    put_kit_on_shift(page, start)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Kit Marlowe-Ince is on shift")
    expect(page.locator("main")).to_contain_text("07:00 to 15:00: Kit Marlowe-Ince")
    assert_accessible(page)

    page.get_by_role("link", name="Training", exact=True).click()
    expect(page.locator("main")).to_contain_text("4 of 9")
    assert_accessible(page)
    page.get_by_role("link", name="Record Child criminal exploitation and county lines for Kit Marlowe-Ince").click()
    page.get_by_label("Completed on").fill(today.isoformat())
    page.get_by_label("Certificate (optional)").set_input_files(
        files=[{"name": "county-lines.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 certificate"}]
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("recorded for Kit Marlowe-Ince")
    kit_row = page.locator("tr", has_text="Kit Marlowe-Ince")
    expect(kit_row).to_contain_text("In date")  # the only course Kit holds
    expect(page.locator("main")).to_contain_text("4 of 9")  # Kit starts next week: not counted yet
    assert StaffMember.objects.get(first_name="Kit").training.get().certificate


def test_responsible_individual_reads_training_across_homes(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "ri")
    second_factor(page, "ri")
    page.get_by_role("link", name="All homes of Lanternfield Care Ltd (demo)").click()
    page.get_by_role("link", name="Training across the homes, and the training catalogue").click()
    row = page.get_by_role("table", name="Staff trained and in date").locator("tr", has_text="county lines")
    expect(row).to_contain_text("4 of 9")
    expect(row).to_contain_text("44%")
    assert_accessible(page)
    page.get_by_role("link", name="Physical intervention").click()
    page.get_by_label("Renew every (months)").fill("6")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("6 months")
