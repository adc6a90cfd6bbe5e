"""A home's first day on Hearth, from an empty database, in the browser: the administrator sets up
a provider and its home; the manager, invited, enrols the second factor, writes the statement of
purpose, invites a support worker and admits a child; the worker hands over, writes an entry,
finds it by search and signs a visitor in and out; the manager signs the queue; the responsible
individual adds a second home and moves the child there, and the child later leaves. axe on every
page on the way."""

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from hearth.children.models import Placement
from hearth.e2e.conftest import assert_accessible, open_page
from hearth.records.models import LogEntry

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


def totp(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def links_on(page: Page) -> list[str]:
    """The invitation links a page shows (once), in the order shown."""
    found = re.findall(r"https?://[^\s<\"]+(/accounts/invitation/[^\s<\"/]+/)", page.content())
    return list(dict.fromkeys(found))


def accept(browser: Browser, base: str, path: str, username: str) -> Page:
    """Open an invitation link in a browser of one's own and make the account (and, for a manager,
    enrol the authenticator app with the key shown)."""
    page = open_page(browser)
    page.goto(base + path)
    assert_accessible(page)
    page.get_by_label("Choose a username").fill(username)
    page.get_by_label("Choose a password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    if "set-up" in page.url:
        expect(page.locator("svg")).to_be_visible()
        assert_accessible(page)
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        page.get_by_label("Code from your authenticator app").fill(totp(device))
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
        assert_accessible(page)
        page.get_by_role("link", name="I have saved them: carry on").click()
    return page


def fill_home(page: Page, name: str, urn: str) -> None:
    page.get_by_label("Name of the home").fill(name)
    page.get_by_label("Ofsted URN").fill(urn)
    page.get_by_label("Address line 1").fill("1 Cedar Way")
    page.get_by_label("Town or city").fill("Leeds")
    page.get_by_label("Postcode").fill("LS1 1AA")
    page.get_by_label("Places (registered capacity)").fill("4")
    page.get_by_label("Youngest age").fill("11")
    page.get_by_label("Oldest age").fill("17")
    page.get_by_label("Girls and boys").check()


def test_a_home_runs_on_hearth_from_its_first_day(
    page: Page, browser: Browser, live_server: Any, transactional_db: Any
) -> None:
    base = live_server.url
    today = timezone.localdate().isoformat()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    admin_device = TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)

    # The administrator sets up the provider, its first home, and its people's invitations.
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(totp(admin_device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Set up a provider and its first home").click()
    page.get_by_role("button", name="Set up and send the invitations").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Fill in “Provider's name”.")
    assert_accessible(page)
    page.get_by_label("Provider's name").fill("Oakfield Care Ltd")
    fill_home(page, "Cedar Lodge", "SC999001")
    page.get_by_label("Registered manager's first name").fill("Mo")
    page.get_by_label("Registered manager's last name").fill("Manager")
    page.get_by_label("Registered manager's email address").fill("mo@example.org")
    page.get_by_label("Responsible individual's first name").fill("Rae")
    page.get_by_label("Responsible individual's last name").fill("Responsible")
    page.get_by_label("Responsible individual's email address").fill("rae@example.org")
    page.get_by_role("button", name="Set up and send the invitations").click()
    expect(page.get_by_text("Cedar Lodge is set up for Oakfield Care Ltd.")).to_be_visible()
    assert_accessible(page)
    manager_link, ri_link = links_on(page)

    # The manager sets their password and authenticator app, then writes the statement of purpose.
    manager = accept(browser, base, manager_link, "mo.manager")
    expect(manager.get_by_role("heading", level=1)).to_have_text("Cedar Lodge")
    assert_accessible(manager)
    manager.get_by_role("link", name="Write a new version").click()
    manager.get_by_label("Summary of the home's purpose").fill("A home for four young people aged 11 to 17.")
    manager.get_by_role("group", name="Needs the home accepts").get_by_label("Going missing").check()
    manager.get_by_role("group", name="Does it accept emergency admissions?").get_by_label("No").check()
    assert_accessible(manager)
    manager.get_by_role("button", name="Save").click()
    expect(manager.get_by_text("Statement of purpose version 1 saved")).to_be_visible()

    # It invites a support worker.
    manager.get_by_role("link", name="People and access").click()
    assert_accessible(manager)
    manager.get_by_role("link", name="Invite someone").click()
    manager.get_by_label("First name").fill("Sam")
    manager.get_by_label("Last name").fill("Worker")
    manager.get_by_label("Email address").fill("sam@example.org")
    manager.get_by_label("Residential support worker").check()
    assert_accessible(manager)
    manager.get_by_role("button", name="Send the invitation").click()
    expect(manager.get_by_text("Invitation sent to sam@example.org.")).to_be_visible()  # the page has come back
    (worker_link,) = links_on(manager)

    # It admits a child: a referral, its impact risk assessment (no other child yet), the admission.
    manager.get_by_role("link", name="Referrals").first.click()
    manager.get_by_text("Record a referral", exact=True).click()
    manager.get_by_label("First name").fill("Nia")
    manager.get_by_label("Last name").fill("Lowe")
    manager.get_by_label("Date of birth").fill("2012-03-04")
    manager.get_by_label("Female").check()
    manager.get_by_label("Legal status").select_option("s31")
    manager.get_by_label("Placing authority").fill("Northshire Council")
    manager.get_by_role("group", name="The child's needs").get_by_label("Going missing").check()
    manager.get_by_label("Referred by").fill("Sam Patel, social worker")
    manager.get_by_label("Needs and risks from the referral").fill("Goes missing after contact with her dad.")
    manager.get_by_label("Proposed admission date").fill(today)
    manager.get_by_role("button", name="Save").click()
    manager.get_by_role("button", name="Start the impact risk assessment").click()
    manager.get_by_label("The child's needs and risks").fill("Needs calm evenings and help to stay in school.")
    manager.get_by_label("Benefits for the child").fill("Close to her school and her nan.")
    manager.get_by_label("Accept the referral").check()
    manager.get_by_label("Reasons for the decision").fill("Her needs fit our purpose; no other child lives here yet.")
    manager.get_by_role("button", name="Save").click()
    manager.get_by_role("button", name="Approve the impact risk assessment").click()
    manager.get_by_text("Admit Nia Lowe", exact=True).click()
    manager.get_by_label("Date of admission").fill(today)
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("Nia Lowe admitted")

    # The support worker starts their first shift: hands over, writes, searches, signs a visitor in and out.
    worker = accept(browser, base, worker_link, "sam.worker")
    expect(worker.get_by_role("heading", level=1)).to_have_text("On shift")
    assert_accessible(worker)
    worker.get_by_role("link", name="Daily log").click()
    worker.get_by_role("link", name="Write a log entry").click()
    worker.get_by_label("Nia Lowe").check()
    worker.get_by_label("What happened").fill("Nia unpacked and chose posters for her room; tea with staff.")
    worker.get_by_role("button", name="Save and sign").click()
    worker.get_by_role("link", name="Search", exact=True).click()
    worker.get_by_label("Words to find").fill("posters")
    worker.get_by_role("button", name="Search").click()
    expect(worker.get_by_role("table", name="Records found, newest first")).to_contain_text("chose posters")
    assert_accessible(worker)
    worker.get_by_role("link", name="Visitors").first.click()
    worker.get_by_role("link", name="Sign in a new visitor").click()
    worker.get_by_label("Full name").fill("Pat Social")
    worker.get_by_label("Who are they?").select_option("professional")
    worker.get_by_role("button", name="Continue").click()
    worker.get_by_label("Reason for the visit").fill("Placement visit")
    worker.get_by_label("No contact with children").check()
    worker.get_by_role("button", name="Save and sign").click()
    worker.get_by_role("link", name="On shift").first.click()
    worker.get_by_role("button", name="Sign out Pat Social").click()
    expect(worker.get_by_text("No visitors are signed in.")).to_be_visible()
    worker.get_by_role("link", name="Write the handover for the next shift").click()
    worker.get_by_label("What the next shift needs to know").fill("Nia settled; call her social worker at 10.")
    worker.get_by_role("button", name="Save and sign").click()
    expect(worker.get_by_text("Handover saved and signed")).to_be_visible()
    assert_accessible(worker)

    # The manager signs the day's entries together.
    manager.get_by_role("link", name="Review queue").click()
    assert_accessible(manager)
    manager.locator("input[name=entries]").first.check()
    manager.get_by_role("button", name="Sign the entries chosen").click()
    expect(manager.get_by_text("1 log entry signed.")).to_be_visible()
    assert LogEntry.objects.get(text__startswith="Nia unpacked").reviewed_at is not None

    # The responsible individual adds a second home and moves Nia there; later she leaves.
    ri = accept(browser, base, ri_link, "rae.ri")
    ri.get_by_role("link", name="All homes of Oakfield Care Ltd").click()
    assert_accessible(ri)
    ri.get_by_role("link", name="Add a home").click()
    fill_home(ri, "Birch House", "SC999002")
    ri.get_by_role("button", name="Save").click()
    expect(ri.get_by_text("Birch House added")).to_be_visible()
    nia = Placement.objects.get(child__first_name="Nia").child
    cedar = Placement.objects.get(child=nia).home
    ri.goto(f"{base}/homes/{cedar.public_id}/children/{nia.public_id}/")
    ri.get_by_role("link", name="Move to another home").click()
    ri.get_by_label("Move to").select_option(label="Birch House")
    ri.get_by_label("Why are they moving?").fill("Nearer her school and her nan.")
    assert_accessible(ri)
    ri.get_by_role("button", name="Move them").click()
    expect(ri.get_by_text("Nia Lowe now lives at Birch House")).to_be_visible()
    ri.get_by_role("link", name="Record Nia Lowe leaving").click()
    ri.get_by_label("No, it was not planned").check()
    ri.get_by_label("Why did the placement end?").select_option("returned_home")
    ri.get_by_label("Where did they go?").fill("Her mother's home, Leeds")
    ri.get_by_label("What did the child say about leaving?").fill("I want to be with my mum.")
    ri.get_by_label("How the placement went and ended").fill("Settled well; went home when her mum was ready.")
    assert_accessible(ri)
    ri.get_by_role("button", name="Record the ending").click()
    expect(ri.get_by_text("leaving is recorded")).to_be_visible()
    placements = list(Placement.objects.filter(child=nia).order_by("admitted_on", "pk"))
    assert [p.home.name for p in placements] == ["Cedar Lodge", "Birch House"]
    assert all(p.left_on is not None for p in placements) and placements[-1].destination == "Her mother's home, Leeds"
