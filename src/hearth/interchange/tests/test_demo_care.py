"""The demo homes hold the assessments their scenarios need (scenarios.md), and the control home's
assessments pass every check: a check that fires on good practice is as much a defect as a miss."""

from typing import Any

import pytest
from django.utils import timezone

from hearth.admissions.models import Referral
from hearth.admissions.services import admission_problems
from hearth.children.models import Child
from hearth.children.selectors import placement_plans_missing
from hearth.homes.models import Home
from hearth.oversight.selectors import review_queue
from hearth.risk.selectors import check_assessment, current_assessment, review_flags


@pytest.fixture
def demo(demo_read_only: None) -> None:
    """The demo, copied in once for this module: its tests only read it."""


def child(external_id: str) -> Child:
    return Child.objects.get(external_id=external_id)


def current(external_id: str) -> Any:
    c = child(external_id)
    return current_assessment(child=c, home=c.placements.get(left_on__isnull=True).home)


def flags(external_id: str) -> Any:
    c = child(external_id)
    return review_flags(child=c, home=c.placements.get(left_on__isnull=True).home, as_of=timezone.localdate())


def codes(external_id: str) -> set[str]:
    assessment = current(external_id)
    assert assessment is not None
    return {f.code for f in check_assessment(assessment).findings}


def test_control_home_assessments_pass_every_check(demo: None) -> None:
    today = timezone.localdate()
    for c in Child.objects.filter(external_id__startswith="child-c"):
        assert codes(c.external_id) == set(), c
        assert flags(c.external_id) == [], c
    for r in Referral.objects.filter(home__external_id="home-control").select_related("placement"):
        assert admission_problems(referral=r, admitted_on=r.placement.admitted_on) == [], r
    assert placement_plans_missing(home=Home.objects.get(external_id="home-control"), as_of=today) == []


def test_home_a_generic_self_harm_plan_and_personal_mobile(demo: None) -> None:
    """A6 and A7: Jordan's self-harm plan is boilerplate; his crisis plan names the manager's personal mobile."""
    found = check_assessment(current("child-a2")).findings
    assert any(f.code == "risk.generic_strategy" and f.where.startswith("Self-harm") for f in found)
    breach = [f for f in found if f.code == "risk.boundary_breach"]
    assert breach and "personal mobile" in breach[0].excerpt


def test_home_a_admissions_without_weighing_residents(demo: None) -> None:
    """A3 and A10: no impact assessment for Kayla; Jordan's did not consider Kayla or give reasons."""
    assert not Referral.objects.filter(child=child("child-a1")).exists()
    jordan = Referral.objects.select_related("placement").get(child=child("child-a2"))
    problems = " ".join(admission_problems(referral=jordan, admitted_on=jordan.placement.admitted_on))
    assert "does not consider Kayla" in problems and "no reasons" in problems
    assert "self-harm" in problems  # outside the home's range of needs


def test_home_a_bullying_and_incidents_flag_reviews(demo: None) -> None:
    """A4: no bullying item for either child after the bullying incidents."""
    domains = {f.domain for f in flags("child-a2")}
    assert {"bullying_victim", "bullying_others", "violence"} <= domains
    queue = review_queue(home=Home.objects.get(external_id="home-a"), now=timezone.now())
    assert any(i.kind == "risk_review" for i in queue)
    assert any(i.kind == "placement_plan" and i.children == ["Jordan Hale"] for i in queue)


def test_home_b_long_historical_and_stigmatising_assessments(demo: None) -> None:
    """B2 and B4: 47-page style assessments full of old history, repetition and labels."""
    assert {"records.assessment_too_long", "records.historical_in_current", "records.not_child_centred"} <= codes(
        "child-b1"
    )
    assert "records.historical_in_current" in codes("child-b2")


def test_home_b_criminal_exploitation_missing_from_assessments(demo: None) -> None:
    """B3: incidents show CCE for all three children; no assessment has a CCE item."""
    for external_id in ("child-b1", "child-b2", "child-b3"):
        by_domain = {f.domain: f for f in flags(external_id)}
        assert "cce" in by_domain and by_domain["cce"].item is None


def test_home_b_impact_assessments_give_no_reasons(demo: None) -> None:
    """B1: no reasons for accepting each child, residents not weighed."""
    for r in Referral.objects.filter(home__external_id="home-b").select_related("placement"):
        problems = " ".join(admission_problems(referral=r, admitted_on=r.placement.admitted_on))
        assert "no reasons" in problems, r
