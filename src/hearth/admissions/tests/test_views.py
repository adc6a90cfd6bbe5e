import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.admissions.models import Referral
from hearth.children.models import Placement
from hearth.conftest import World

TODAY = timezone.localdate()


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, **kw})


def referral_post(**overrides: Any) -> dict[str, Any]:
    return {
        "first_name": "Nia",
        "last_name": "Lowe",
        "date_of_birth": "2012-03-04",
        "sex": "female",
        "legal_status": "s31",
        "placing_authority": "Northshire",
        "needs": ["emotional_behavioural_difficulties"],
        "risk_domains": ["missing"],
        "received_on": TODAY.isoformat(),
        "referrer": "Sam Patel, social worker",
        "needs_summary": "Goes missing after contact with her dad.",
        "proposed_admission_on": (TODAY + datetime.timedelta(days=3)).isoformat(),
        **overrides,
    }


def test_manager_runs_a_referral_through_to_admission(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    created = manager.post(url(world, "admissions:new"), referral_post())
    referral = Referral.objects.get()
    detail = url(world, "admissions:detail", referral_id=referral.public_id)
    assert created["Location"] == detail
    page = manager.get(detail).content.decode()
    assert "within the statement of purpose" in page
    manager.post(url(world, "admissions:impact_start", referral_id=referral.public_id))
    section = referral.impact_assessment.residents.get()
    assert section.child == world.child_a
    refused = manager.post(url(world, "admissions:impact_approve", referral_id=referral.public_id), follow=True)
    assert b"Give the reasons for the decision." in refused.content
    manager.post(
        url(world, "admissions:impact_edit", referral_id=referral.public_id),
        {
            "expected_version": referral.impact_assessment.version,
            "needs_and_risks": "Needs calm evenings.",
            "benefits": "Near her school.",
            "decision": "accept",
            "decision_reasons": "Within purpose; Alice is settled.",
        },
    )
    manager.post(
        url(world, "admissions:section_edit", referral_id=referral.public_id, section_id=section.public_id),
        {
            "expected_version": section.version,
            "risks_to": "Low.",
            "risks_from": "Low.",
            "management": "Separate floors.",
        },
    )
    approved = manager.post(url(world, "admissions:impact_approve", referral_id=referral.public_id), follow=True)
    assert b"the referral is accepted" in approved.content
    admitted = manager.post(
        url(world, "admissions:admit", referral_id=referral.public_id), {"admitted_on": TODAY.isoformat()}
    )
    assert admitted.status_code == 302
    assert Placement.objects.filter(child=referral.child, home=world.home_a, admitted_on=TODAY).exists()


def test_admission_refused_in_the_browser_lists_every_reason(world: World, client_for: Any) -> None:
    client_for("registered_manager").post(
        url(world, "admissions:new"), referral_post(needs=["harmful_sexual_behaviour"])
    )
    referral = Referral.objects.get()
    response = client_for("registered_manager").post(
        url(world, "admissions:admit", referral_id=referral.public_id), {"admitted_on": TODAY.isoformat()}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Admission refused" in body
    assert "no approved impact risk assessment" in body and "excludes: harmful sexual behaviour" in body
    assert "Reason for admitting despite" not in body  # only the RI sees the override
    assert not Placement.objects.filter(child=referral.child).exists()


def test_responsible_individual_overrides_with_a_reason_and_it_is_reported(world: World, client_for: Any) -> None:
    client_for("registered_manager").post(url(world, "admissions:new"), referral_post())
    referral = Referral.objects.get()
    ri = client_for("responsible_individual")
    form = ri.get(url(world, "admissions:admit", referral_id=referral.public_id)).content.decode()
    assert "Reason for admitting despite" in form
    ri.post(
        url(world, "admissions:admit", referral_id=referral.public_id),
        {"admitted_on": TODAY.isoformat(), "override_reason": "Police protection; no other bed tonight."},
    )
    referral.refresh_from_db()
    assert referral.override_reason.startswith("Police protection")
    listing = client_for("registered_manager").get(url(world, "admissions:list")).content.decode()
    assert "Admitted by the responsible individual" in listing and "Police protection" in listing
    provider = client_for("responsible_individual").get(
        reverse("homes:provider", kwargs={"provider_id": world.home_a.provider.public_id})
    )
    assert b"Police protection" in provider.content


def test_placement_plan_recorded_from_the_child_page(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    child_url = reverse(
        "children:detail", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    )
    assert b"No placement plan recorded" in manager.get(child_url).content
    plan_url = reverse(
        "children:placement_plan", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    )
    manager.post(
        plan_url,
        {
            "agreed_on": TODAY.isoformat(),
            "agreed_with": "Sam Patel",
            "summary": "Settle in.",
            "child_views": "Happy to stay.",
        },
    )
    assert b"Happy to stay." in manager.get(child_url).content


def test_a_child_arriving_during_the_assessment_gets_a_section_on_the_next_approval(
    world: World, client_for: Any
) -> None:
    from hearth.admissions.tests.factories import referral_with_assessment
    from hearth.admissions.tests.test_services import complete
    from hearth.children.tests.factories import ChildFactory

    referral = referral_with_assessment(world.home_a)
    complete(referral)
    Placement.objects.create(child=ChildFactory(first_name="Zac"), home=world.home_a, admitted_on=TODAY)
    response = client_for("registered_manager").post(
        url(world, "admissions:impact_approve", referral_id=referral.public_id), follow=True
    )
    assert "Zac" in response.content.decode()
    assert referral.impact_assessment.residents.filter(child__first_name="Zac").exists()  # kept for the manager to fill
    assert referral.impact_assessment.approved_at is None


def test_a_former_child_is_referred_from_their_record_and_new_children_need_details(
    world: World, client_for: Any
) -> None:
    from hearth.children.tests.factories import ChildFactory, PlacementFactory

    former = ChildFactory(first_name="Jade")
    PlacementFactory(
        child=former,
        home=world.home_a,
        admitted_on=TODAY - datetime.timedelta(days=300),
        left_on=TODAY - datetime.timedelta(days=30),
    )
    manager = client_for("registered_manager")
    form = manager.get(url(world, "admissions:new")).content.decode()
    assert (
        "Jade Example" in form and "Bob" not in form and ">Alice Example," not in form
    )  # not another home's, not living here
    missing = manager.post(url(world, "admissions:new"), referral_post(first_name="", date_of_birth=""))
    assert (
        b"Enter the child&#x27;s first name." in missing.content
        and b"Enter the child&#x27;s date of birth." in missing.content
    )
    manager.post(url(world, "admissions:new"), referral_post(existing_child=former.pk, first_name="", last_name=""))
    assert Referral.objects.get().child == former
