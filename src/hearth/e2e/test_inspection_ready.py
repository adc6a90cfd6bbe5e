"""Inspection-ready (issue 23): in the control home, the registered manager records a complaint
(its investigator refused while named in it), an allegation with its LADO referral, a consequence
(a prohibited one refused with the regulation named) and a notice of the manager's absence. Each
deadline is shown; recorded late, each rule fires on the findings page. A support worker cannot
open the allegation. axe on every page."""

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.allegations.models import Allegation, AllegationOpening
from hearth.children.models import Child
from hearth.e2e.conftest import assert_accessible
from hearth.e2e.test_care_planning import second_factor
from hearth.e2e.test_journeys import sign_in

pytestmark = pytest.mark.browser


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save").click()


def test_a_complaint_an_allegation_a_sanction_and_a_notice_with_their_deadlines_and_rules(
    page: Page, demo: Any
) -> None:
    today = timezone.localdate()
    callum = Child.objects.get(external_id="child-c3")
    sign_in(page, demo.url, "c.manager")
    second_factor(page, "c.manager")
    home_url = page.url

    # A complaint received 40 days ago: its 28 days have run out.
    page.get_by_role("link", name="Complaints", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a complaint").click()
    received = today - datetime.timedelta(days=40)
    page.get_by_label("Day it was received").fill(received.isoformat())
    page.get_by_label("A parent or relative").check()
    page.get_by_label("Their name").fill("Callum's father")
    page.get_by_label("What the complaint is about").fill("Nobody told him about Callum's hospital appointment.")
    page.get_by_label("Ravi Sood").check()
    page.get_by_label("Who will investigate (optional now)").select_option(label="Ravi Sood")
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Ravi Sood is named in the complaint, so cannot investigate it"
    )
    assert_accessible(page)
    page.get_by_label("Who will investigate (optional now)").select_option(label="Ben Carrow")
    _save(page)
    due = received + datetime.timedelta(days=28)
    expect(page.get_by_text(f"Overdue: due {due:%-d %B %Y}")).to_be_visible()
    assert_accessible(page)

    # An allegation against a member of staff, received three days ago and not yet referred.
    page.goto(home_url)
    page.get_by_role("link", name="Allegations against staff").click()
    expect(page.get_by_text("Restricted: only the registered manager")).to_be_visible()
    page.get_by_role("link", name="Record an allegation").click()
    page.get_by_label("Member of staff concerned").select_option(label="Joe Beck")
    received_at = timezone.localtime() - datetime.timedelta(days=3)
    page.get_by_label("When it was received").fill(received_at.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Who made it, or passed it on").fill("Sophie, to the senior on shift")
    page.get_by_label("What is alleged, in the words it was said").fill(
        "He grabbed my wrist when I wouldn't give him my phone."
    )
    page.get_by_label("Suspended").check()
    assert_accessible(page)
    _save(page)
    expect(page.get_by_text("Not referred: was due by")).to_be_visible()
    assert_accessible(page)
    allegation = Allegation.objects.get(home__external_id="home-control", staff_member__first_name="Joe")
    allegation_url = page.url

    # A consequence: a prohibited one is refused, naming the regulation; an allowed one, 9 days ago.
    page.goto(home_url)
    page.get_by_role("link", name="Consequences, sanctions and restrictions").click()
    page.get_by_role("link", name="Record a consequence or restriction").click()
    page.get_by_label("Which child").select_option(label=callum.display_name)
    page.get_by_label("A consequence or sanction").check()
    page.get_by_label("When it was imposed").fill(
        (timezone.localtime() - datetime.timedelta(days=9)).strftime("%Y-%m-%dT19:00")
    )
    page.get_by_label("What was done, and for how long").fill("No pudding tonight")
    page.get_by_label("What led to it: the behaviour or the risk").fill("Threw his plate at the wall.")
    page.get_by_label("Who decided it").fill("Luke Dunmore")
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Regulation 19(2)(b) prohibits any punishment relating to food or drink"
    )
    assert_accessible(page)
    page.get_by_label("What was done, and for how long").fill(
        "Helped clean the dining room wall before his games time."
    )
    _save(page)
    expect(page.get_by_text("Due by")).to_be_visible()  # the manager's review
    assert_accessible(page)

    # The manager's planned absence starting in 20 days: its notice was due 10 days ago.
    page.goto(home_url)
    page.get_by_role("link", name="Notices to Ofsted about the home").click()
    page.get_by_role("link", name="Record a notice").click()
    page.get_by_label("The manager will be away 28 days or more (planned)").check()
    page.get_by_label("Day it starts or happens").fill((today + datetime.timedelta(days=20)).isoformat())
    page.get_by_label("For an absence: when it is expected to end (optional)").fill(
        (today + datetime.timedelta(days=70)).isoformat()
    )
    page.get_by_label("What the notice says").fill("Grace Iles: surgery and recovery, seven weeks.")
    page.get_by_label("For an absence: who runs the home meanwhile", exact=False).fill(
        "Ben Carrow, deputy manager, Level 5."
    )
    assert_accessible(page)
    _save(page)
    expect(page.locator("main")).to_contain_text("Overdue: was due")
    assert_accessible(page)

    # Each rule fires: the findings page names each one.
    page.goto(home_url)
    page.get_by_role("link", name="Findings", exact=True).click()
    main = page.locator("main")
    for code in (
        "complaint.response_overdue",
        "allegation.lado_not_referred",
        "sanction.not_reviewed",
        "notice.overdue",
    ):
        expect(main).to_contain_text(code)
    expect(main).not_to_contain_text("Joe Beck")  # a finding about an allegation names no one
    assert_accessible(page)

    # The referral, made now: later than one working day, and said so.
    page.goto(allegation_url)
    page.get_by_role("link", name="Record the referral to the LADO").click()
    page.get_by_label("Designated officer (LADO)").fill("Ashcombe LADO team")
    _save(page)
    expect(page.get_by_text("Later than one working day")).to_be_visible()
    expect(page.get_by_role("table").last).to_contain_text("Grace Iles")  # who opened it, kept

    # A support worker cannot open it: for them it does not exist.
    page.context.clear_cookies()
    sign_in(page, demo.url, "c.worker")
    response = page.goto(allegation_url)
    assert response is not None and response.status == 404
    assert AllegationOpening.objects.filter(allegation=allegation).count() >= 3
