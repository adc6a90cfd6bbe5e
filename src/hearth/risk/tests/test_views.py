import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.risk.models import RiskAssessment
from hearth.risk.services import risk_assessment_start, risk_assessment_update
from hearth.risk.tests.factories import SPECIFIC, approved_assessment


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id, **kw})


def item_post(**overrides: Any) -> dict[str, Any]:
    review = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    return {"domain": "missing", "level": "high", **SPECIFIC, "review_by": review, **overrides}


def test_writer_adds_an_item_and_a_manager_approves_it(world: World, client_for: Any) -> None:
    senior = client_for("senior")
    started = senior.post(url(world, "risk:start"))
    assert started.status_code == 302 and started["Location"] == url(world, "risk:version", number=1)
    saved = senior.post(url(world, "risk:item_new", number=1), item_post(), follow=True)
    assert b"Going missing saved" in saved.content
    assert b"Approve version 1" not in saved.content  # a senior cannot approve
    manager = client_for("registered_manager")
    page = manager.get(url(world, "risk:version", number=1))
    assert b"Approve version 1" in page.content
    manager.post(url(world, "risk:approve", number=1), {"comment": "Read with Alice."})
    assert not RiskAssessment.objects.get(child=world.child_a, number=1).is_draft
    overview = manager.get(url(world, "risk:overview"))
    assert b"Current: version 1" in overview.content and b"Review: start version 2" in overview.content


def test_a_bad_item_is_refused_with_the_field_named_and_nothing_lost(world: World, client_for: Any) -> None:
    client = client_for("senior")
    client.post(url(world, "risk:start"))
    response = client.post(
        url(world, "risk:item_new", number=1), item_post(during="", triggers="Late calls from Leeds.")
    )
    assert response.status_code == 200
    assert b"Say what staff do when it is happening" in response.content
    assert b"Late calls from Leeds." in response.content  # what was typed is kept
    assert not RiskAssessment.objects.get(child=world.child_a).items.exists()


def test_live_check_reports_what_it_found_and_where(world: World, client_for: Any) -> None:
    client = client_for("senior")
    client.post(url(world, "risk:start"))
    response = client.post(
        url(world, "risk:check", number=1),
        item_post(during="Staff to monitor and follow policy.", after="Alice should ring Dana's personal mobile."),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Going missing: What staff do during" in body and "risk.generic_strategy" in body
    assert "risk.boundary_breach" in body and "personal mobile" in body


def test_approved_versions_cannot_be_edited_in_the_browser(world: World, client_for: Any) -> None:
    approved_assessment(world.child_a, world.home_a)
    client = client_for("registered_manager")
    assert client.get(url(world, "risk:item_new", number=1)).status_code == 404
    assert client.post(url(world, "risk:approve", number=1)).status_code == 404


def test_print_shows_current_risks_without_history(world: World, client_for: Any) -> None:
    approved_assessment(world.child_a, world.home_a)
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_assessment_update(
        actor=None, assessment=draft, strengths="Kind.", child_words="", history_text="In 2019 she lived in Leeds."
    )
    response = client_for("support_worker").get(url(world, "risk:print"))
    assert response.status_code == 200
    assert b"Going missing" in response.content and b"Leeds in 2019" not in response.content
    assert b"history section is kept separately" in response.content


def test_child_page_leads_with_current_risks_highest_first(world: World, client_for: Any) -> None:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a, strengths="Loves swimming.")
    from hearth.risk.services import risk_assessment_approve, risk_item_save
    from hearth.risk.tests.factories import item_fields

    risk_item_save(actor=None, assessment=draft, **item_fields(domain="online", level="low"))
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cse", level="high"))
    risk_assessment_approve(actor=None, assessment=draft)
    body = client_for("support_worker").get(url(world, "children:detail")).content.decode()
    summary = body.index("Current risks")
    assert summary < body.index("Personal details")
    assert body.index("Child sexual exploitation", summary) < body.index("Online safety", summary)
    assert "Loves swimming." in body


def test_versions_appear_in_the_childs_history(world: World, client_for: Any) -> None:
    approved_assessment(world.child_a, world.home_a)
    body = client_for("registered_manager").get(url(world, "children:history")).content.decode()
    assert "Risk assessment v1 for Alice Example" in body


def test_a_stale_edit_is_refused_and_loses_nothing(world: World, client_for: Any) -> None:
    client = client_for("senior")
    client.post(url(world, "risk:start"))
    draft = RiskAssessment.objects.get(child=world.child_a)
    summary = url(world, "risk:summary", number=1)
    opened = draft.version
    client.post(summary, {"expected_version": opened, "strengths": "Kind to younger children."})
    stale = client.post(summary, {"expected_version": opened, "strengths": "Loves swimming."})
    assert stale.status_code == 200
    assert b"changed by someone else" in stale.content and b"Loves swimming." in stale.content
    draft.refresh_from_db()
    assert draft.strengths == "Kind to younger children."


def test_an_assessment_written_at_another_providers_home_is_not_shown(world: World, client_for: Any) -> None:
    from hearth.children.tests.factories import PlacementFactory

    today = timezone.localdate()
    PlacementFactory(
        child=world.child_a,
        home=world.home_b,
        admitted_on=today - datetime.timedelta(days=400),
        left_on=today - datetime.timedelta(days=150),
    )
    approved_assessment(world.child_a, world.home_b, current_risk="Written at Beta House about Alice.")
    client = client_for("registered_manager")
    overview = client.get(url(world, "risk:overview")).content.decode()
    assert "has no approved risk assessment" in overview and "Beta House about Alice" not in overview
    assert client.get(url(world, "risk:version", number=1)).status_code == 404
    started = client.post(url(world, "risk:start"))
    assert started["Location"] == url(world, "risk:version", number=2)  # numbers run on across the child's homes


def test_the_live_check_never_names_a_child_at_another_home(world: World, client_for: Any) -> None:
    """A near-copy of a plan at another of the provider's homes is reported without that child's
    initials: the worker here has no business knowing who lives there."""
    from hearth.children.tests.factories import ChildFactory, PlacementFactory
    from hearth.homes.tests.factories import HomeFactory

    elsewhere = HomeFactory(name="Other House", provider=world.home_a.provider)
    zed = ChildFactory(first_name="Zed", last_name="Quinn")
    PlacementFactory(child=zed, home=elsewhere, admitted_on=timezone.localdate() - datetime.timedelta(days=30))
    plan = "Staff walk with Zed to the youth club on Thursdays and wait outside until the session ends."
    approved_assessment(zed, elsewhere, before=plan)
    client = client_for("senior")
    client.post(url(world, "risk:start"))
    body = client.post(
        url(world, "risk:check", number=1), item_post(before=plan.replace("Zed", "Alice")), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "at another of the provider&#x27;s homes" in body or "at another of the provider's homes" in body
    assert "Z.Q." not in body and "ZQ" not in body and "Zed" not in body


def test_approval_shows_each_open_flag_and_clears_only_what_was_changed_or_confirmed(
    world: World, client_for: Any
) -> None:
    from hearth.incidents.services import incident_create
    from hearth.risk.selectors import review_flags
    from hearth.risk.services import risk_item_save

    approved_assessment(world.child_a, world.home_a)  # a going-missing item
    incident_create(
        actor=None,
        home=world.home_a,
        type="exploitation",
        severity="high",
        occurred_at=timezone.now(),  # after the approval
        what_happened="Picked up by an unknown car.",
        action_taken="Police told.",
        children=[(world.child_a, "subject")],
        risk_domains=["missing", "cse", "self_harm"],
    )
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **{**item_post(domain="cse"), "review_by": timezone.localdate()})
    manager = client_for("registered_manager")
    page = manager.get(url(world, "risk:version", number=draft.number)).content.decode()
    assert "Risks flagged for review" in page
    assert 'data-domain="cse"' in page and "Changed in this version" in page
    assert 'name="reason_missing"' in page and 'name="reason_self_harm"' in page and 'name="reason_cse"' not in page
    done = manager.post(
        url(world, "risk:approve", number=draft.number),
        {
            "comment": "",
            "reason_missing": "Her plan still holds; spoke with her social worker.",
            "reason_self_harm": "",
        },
        follow=True,
    ).content.decode()
    assert "Still to review, neither changed nor confirmed: Self-harm." in done and "Success" not in done
    assert [f.domain for f in review_flags(child=world.child_a, home=world.home_a, as_of=timezone.localdate())] == [
        "self_harm"
    ]
