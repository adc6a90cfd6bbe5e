import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.admissions.models import Referral
from hearth.admissions.selectors import admission_overrides, purpose_check
from hearth.admissions.services import (
    admission_problems,
    impact_assessment_approve,
    impact_assessment_update,
    impact_section_update,
    referral_admit,
)
from hearth.admissions.tests.factories import referral_with_assessment
from hearth.audit.models import AuditEvent
from hearth.children.models import Placement
from hearth.children.tests.factories import ChildFactory
from hearth.conftest import World

TODAY = timezone.localdate()


def complete(referral: Referral, actor: Any = None) -> None:
    ia = referral.impact_assessment
    impact_assessment_update(
        actor=actor,
        assessment=ia,
        needs_and_risks="Needs a calm home; risk of going missing after contact.",
        benefits="Near her school and her nan.",
        decision="accept",
        decision_reasons="Her needs are within our purpose and Alice is settled and of a similar age.",
    )
    for section in ia.residents.all():
        impact_section_update(
            actor=actor,
            section=section,
            risks_to="May copy going out late.",
            risks_from="Alice may tease her about her accent.",
            management="Separate bedtimes; key workers talk with both.",
        )


def test_purpose_check_names_each_mismatch(world: World) -> None:
    child = ChildFactory(
        needs=["harmful_sexual_behaviour", "autism"], sex="male", date_of_birth=datetime.date(2005, 1, 1)
    )
    found = [(m.field, m.message) for m in purpose_check(home=world.home_a, child=child, on=TODAY, emergency=True)]
    messages = " ".join(m for _, m in found)
    assert "excludes: harmful sexual behaviour" in messages
    assert "Not in the range of needs the home meets: autism" in messages
    assert {f for f, _ in found} >= {"needs", "age", "emergency"}


def test_within_purpose_has_no_mismatch(world: World) -> None:
    assert purpose_check(home=world.home_a, child=ChildFactory(), on=TODAY) == []


def test_impact_assessment_has_a_section_for_every_resident(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    assert [s.child for s in referral.impact_assessment.residents.all()] == [world.child_a]


def test_approval_refused_until_every_part_and_every_resident_is_done(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    manager = world.users["registered_manager"]
    with pytest.raises(ValidationError) as exc:
        impact_assessment_approve(actor=manager, assessment=referral.impact_assessment, on=TODAY)
    assert {"needs_and_risks", "benefits", "decision", "decision_reasons", "residents"} <= set(exc.value.message_dict)
    assert "Alice" in exc.value.message_dict["residents"][0]
    complete(referral)
    impact_assessment_approve(actor=manager, assessment=referral.impact_assessment, on=TODAY)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_admission_without_an_approved_assessment_is_refused_and_nothing_saved(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    with pytest.raises(ValidationError) as exc:
        referral_admit(actor=world.users["registered_manager"], referral=referral, admitted_on=TODAY)
    assert "no approved impact risk assessment" in " ".join(exc.value.messages)
    assert not Placement.objects.filter(child=referral.child).exists()


def test_admission_with_an_approved_assessment_creates_the_placement(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    complete(referral)
    impact_assessment_approve(actor=world.users["registered_manager"], assessment=referral.impact_assessment, on=TODAY)
    placement = referral_admit(actor=world.users["registered_manager"], referral=referral, admitted_on=TODAY)
    referral.refresh_from_db()
    assert referral.placement == placement and referral.status == Referral.Status.ADMITTED
    assert referral.override_at is None and admission_overrides(homes=[world.home_a]).count() == 0


def test_a_child_arriving_after_approval_must_be_considered(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    complete(referral)
    impact_assessment_approve(actor=world.users["registered_manager"], assessment=referral.impact_assessment, on=TODAY)
    newcomer = ChildFactory(first_name="Nia")
    Placement.objects.create(child=newcomer, home=world.home_a, admitted_on=TODAY)
    problems = admission_problems(referral=referral, admitted_on=TODAY + datetime.timedelta(days=1))
    assert any("does not consider Nia" in p for p in problems)


def test_outside_purpose_only_the_responsible_individual_can_override_with_a_reason(world: World) -> None:
    referral = referral_with_assessment(world.home_a, needs=["harmful_sexual_behaviour"])
    complete(referral)
    impact_assessment_approve(actor=world.users["registered_manager"], assessment=referral.impact_assessment, on=TODAY)
    with pytest.raises(ValidationError, match="Only the responsible individual"):
        referral_admit(actor=world.users["registered_manager"], referral=referral, admitted_on=TODAY)
    ri = world.users["responsible_individual"]
    with pytest.raises(ValidationError, match="Give the reason"):
        referral_admit(actor=ri, referral=referral, admitted_on=TODAY, override_allowed=True)
    referral_admit(
        actor=ri,
        referral=referral,
        admitted_on=TODAY,
        override_allowed=True,
        override_reason="Emergency: no other bed in the county tonight.",
    )
    referral.refresh_from_db()
    assert referral.override_by == ri and "excludes" in referral.admission_problems[0]
    assert list(admission_overrides(provider=world.home_a.provider)) == [referral]
    assert AuditEvent.objects.filter(action="admission.overridden", reason__startswith="Emergency").exists()


def test_approved_impact_assessment_cannot_change(world: World) -> None:
    referral = referral_with_assessment(world.home_a)
    complete(referral)
    impact_assessment_approve(actor=world.users["registered_manager"], assessment=referral.impact_assessment, on=TODAY)
    with pytest.raises(ValidationError, match="approved and cannot change"):
        impact_assessment_update(actor=None, assessment=referral.impact_assessment, benefits="Changed.")
    assert timezone.now() >= referral.impact_assessment.approved_at


def test_withdrawn_referral_is_kept_with_its_reason_and_cannot_be_admitted(world: World) -> None:
    from hearth.admissions.services import referral_withdraw

    referral = referral_with_assessment(world.home_a)
    with pytest.raises(ValidationError, match="Say why"):
        referral_withdraw(actor=None, referral=referral, reason=" ")
    referral_withdraw(
        actor=world.users["registered_manager"], referral=referral, reason="The council found a foster home."
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN
    assert AuditEvent.objects.filter(action="referral.withdrawn", reason__startswith="The council").exists()
    with pytest.raises(ValidationError, match="withdrawn"):
        referral_admit(
            actor=world.users["responsible_individual"],
            referral=referral,
            admitted_on=TODAY,
            override_allowed=True,
            override_reason="x",
        )
