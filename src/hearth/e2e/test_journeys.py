"""Sign in, open a child's record, and check every page built with axe-core."""

import re
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from hearth.audit.models import AccessEvent
from hearth.e2e.conftest import assert_accessible, open_page
from hearth.interchange.demo import demo_accounts

pytestmark = pytest.mark.browser
PASSWORD = demo_accounts()["password"]


def code_for(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_support_worker_opens_a_childs_record(page: Page, demo: Any) -> None:
    page.goto(f"{demo.url}/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)  # the error summary too

    sign_in(page, demo.url, "a.worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("On shift")  # where a shift starts
    assert_accessible(page)
    page.get_by_role("navigation", name="Alder Bank records").get_by_role("link", name="Alder Bank").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alder Bank")
    assert_accessible(page)

    page.get_by_role("link", name="Kayla Brennan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kayla Brennan")
    expect(page.get_by_text("Risk of child sexual exploitation")).to_be_visible()
    assert_accessible(page)
    assert AccessEvent.objects.filter(user__username="a.worker", child__external_id="child-a1").count() == 1

    page.get_by_role("link", name="Sign out").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")


def test_manager_signs_in_with_second_factor_and_reads_history(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "c.manager")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enter the code")
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(code_for("c.manager"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hollins Lea")  # a manager lands on the home

    page.get_by_role("link", name="Lived here before").click()  # htmx swaps the table in place
    expect(page.locator("#children")).to_contain_text("No children have left this home.")
    page.get_by_role("link", name="Living here now").click()
    page.get_by_role("link", name="Riley Stone").click()
    expect(page.get_by_role("cell", name="A home you do not work at")).to_be_visible()  # his earlier home, kept whole
    page.get_by_role("link", name="History of this record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of Riley Stone")
    assert_accessible(page)

    page.get_by_role("link", name="Hollins Lea").first.click()
    page.get_by_role("link", name="History of this home's record").click()
    expect(page.get_by_text("Statement of purpose v2 (Hollins Lea)").first).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Grace Iles", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Iles")
    assert_accessible(page)
    page.get_by_role("link", name="History of this record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("staff record")
    expect(page.locator("main")).to_contain_text("Enhanced DBS certificate")  # the checks' versions too
    assert_accessible(page)


def test_manager_records_consent_and_visitor_then_reads_the_record(page: Page, demo: Any, browser: Any) -> None:
    sign_in(page, demo.url, "c.manager")
    page.get_by_label("Code from your authenticator app").fill(code_for("c.manager"))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Sophie Lane").click()
    page.get_by_role("link", name="Record consent").click()
    assert_accessible(page)
    page.get_by_role("button", name="Record consent").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Date the child consented").fill("2026-11-01")
    page.get_by_label("Date the placing authority consented").fill("2026-11-02")
    page.get_by_label("Who at the placing authority consented").fill("Anna Keel, social worker")
    page.get_by_role("button", name="Record consent").click()
    expect(page.get_by_text("Consent recorded")).to_be_visible()
    assert_accessible(page)

    visitor = open_page(browser)
    sign_in(visitor, demo.url, "visitor")
    visitor.get_by_role("link", name="Cal Price").click()  # no consent recorded for Cal
    expect(visitor.get_by_role("heading", level=1)).to_have_text("You cannot open this page")
    assert_accessible(visitor)
    visitor.go_back()
    visitor.get_by_role("link", name="Sophie Lane").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Sophie Lane")
    visitor.context.close()


def test_responsible_individual_sees_every_home(page: Page, demo: Any) -> None:
    sign_in(page, demo.url, "ri")
    page.get_by_label("Code from your authenticator app").fill(code_for("ri"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your homes")
    assert_accessible(page)
    page.get_by_role("link", name="All homes of Lanternfield Care Ltd (demo)").click()
    expect(page.get_by_role("row")).to_have_count(4)
    assert_accessible(page)


def test_a_manager_enrols_a_second_factor_with_a_code_from_the_responsible_individual(
    page: Page, browser: Browser, demo: Any
) -> None:
    """A lost phone: the old app removed, the responsible individual gives a set-up code in Hearth,
    and the manager enrols a new app with it (a password alone shows no key)."""
    TOTPDevice.objects.filter(user__username="b.manager").delete()
    sign_in(page, demo.url, "b.manager")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.get_by_label("Set-up code")).to_be_visible()
    assert page.locator("svg").count() == 0
    assert_accessible(page)

    ri = open_page(browser)
    sign_in(ri, demo.url, "ri")
    ri.get_by_label("Code from your authenticator app").fill(code_for("ri"))
    ri.get_by_role("button", name="Continue").click()
    ri.get_by_role("link", name="Brookside View").first.click()
    ri.get_by_role("link", name="People and access").click()
    ri.get_by_role("link", name="Managers' authenticator set-up codes").click()
    expect(ri.get_by_role("row", name=re.compile("Needs a set-up code"))).to_have_count(1)
    assert_accessible(ri)
    ri.get_by_role("button", name=re.compile("Give a set-up code")).click()
    code = ri.locator(".hearth-set-up-code").inner_text()
    assert_accessible(ri)
    ri.context.close()

    page.get_by_label("Set-up code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("svg")).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user__username="b.manager", confirmed=False)
    page.get_by_label("Code from your authenticator app").fill(
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Save your recovery codes")).to_be_visible()
    page.get_by_role("link", name="I have saved them: carry on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brookside View")
    page.goto(f"{demo.url}/homes/00000000-0000-0000-0000-000000000000/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
