"""Admissions weighed before they happen, within the statement of purpose, and planned after."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.admissions.services import impact_assessment_approve, referral_admit
from hearth.admissions.tests.factories import referral_with_assessment
from hearth.admissions.tests.test_services import complete
from hearth.children.services import placement_plan_record
from hearth.conftest import World
from hearth.oversight.engine import run_audit

TODAY = timezone.localdate()


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def test_a_placement_without_an_approved_impact_assessment(world: World) -> None:
    # world.child_a was placed 100 days ago with no referral at all.
    [finding] = audit(world, "admission.no_impact_assessment")
    assert finding.subject.id == str(world.child_a.public_id) and "no impact risk assessment" in finding.message


def test_a_well_weighed_admission_passes_every_care_planning_rule(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    complete(referral)
    manager = world.users["registered_manager"]
    impact_assessment_approve(actor=manager, assessment=referral.impact_assessment, on=TODAY)
    placement = referral_admit(actor=manager, referral=referral, admitted_on=TODAY)
    codes = ["admission.no_impact_assessment", "admission.residents_not_considered", "admission.outside_purpose"]
    subjects = {f.subject.id for f in run_audit(homes=[world.home_a], as_of=TODAY, codes=codes)}
    assert str(referral.child.public_id) not in subjects
    # The plan falls due five working days later; recorded on time, nothing to find then either.
    later = TODAY + datetime.timedelta(days=10)
    assert str(referral.child.public_id) in {f.subject.id for f in audit(world, "plan.placement_plan_missing", later)}
    placement_plan_record(
        actor=None,
        placement=placement,
        agreed_on=TODAY,
        agreed_with="Sam Patel, social worker",
        summary="A settled home near school.",
        child_views="She wants her own room.",
        today=TODAY,
    )
    assert str(referral.child.public_id) not in {
        f.subject.id for f in audit(world, "plan.placement_plan_missing", later)
    }


def test_an_assessment_that_skips_a_resident_or_gives_no_reasons(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    referral.impact_assessment.decision = "accept"
    referral.impact_assessment.approved_at = referral.impact_assessment.created_at
    referral.impact_assessment.save()
    referral_admit(
        actor=world.users["responsible_individual"],
        referral=referral,
        admitted_on=TODAY,
        override_allowed=True,
        override_reason="Emergency out of hours.",
    )
    found = [
        f for f in audit(world, "admission.residents_not_considered") if f.subject.id == str(referral.child.public_id)
    ]
    [finding] = found
    assert f"does not weigh the effect on {world.child_a.display_name}" in finding.message
    assert "gives no reasons" in finding.message
