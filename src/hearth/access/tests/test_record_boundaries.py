"""The edges of what a viewer may read, for every role: a child who moved homes, an entry about two
children read under Regulation 44 consent, a consent withdrawn, and a membership ending today.
(The access matrix in test_access_matrix.py covers every URL; these are the records between.)"""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.access.models import Role
from hearth.access.tests.factories import MembershipFactory
from hearth.audit.services import access_event_record
from hearth.children.models import CaseRecordConsent
from hearth.children.services import placement_plan_record
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import HOME_ROLES, World, signed_in_client
from hearth.homes.tests.factories import HomeFactory
from hearth.records.services import log_entry_create
from hearth.risk.services import risk_assessment_approve, risk_assessment_start, risk_item_save
from hearth.risk.tests.factories import item_fields

NEW_HOME_SECRET = "Keep her away from the bus station on Friday nights"


@pytest.fixture
def moved(world: World) -> dict[str, Any]:
    """Riley lived at Brookside (home A) until nine months ago and lives at Hollins Lea now, a home
    of the same provider that home A's staff do not work at."""
    today = timezone.localdate()
    hollins = HomeFactory(name="Hollins Lea", provider=world.home_a.provider)
    riley = ChildFactory(first_name="Riley")
    left = today - datetime.timedelta(days=270)
    PlacementFactory(child=riley, home=world.home_a, admitted_on=left - datetime.timedelta(days=400), left_on=left)
    placement = PlacementFactory(child=riley, home=hollins, admitted_on=left)
    draft = risk_assessment_start(actor=None, child=riley, home=hollins, copy_current=False)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cse", level="high", before=NEW_HOME_SECRET))
    risk_assessment_approve(actor=None, assessment=draft, at=timezone.now(), approver_name="Hollins Manager")
    placement_plan_record(
        actor=None,
        placement=placement,
        agreed_on=left,
        agreed_with="Social worker",
        summary="Settling at Hollins Lea.",
        child_views="Likes her room.",
        today=today,
    )
    opener = MembershipFactory(role=Role.SUPPORT_WORKER, home=hollins).user
    opener.first_name, opener.last_name = "Opal", "Opener"
    opener.save()
    access_event_record(user=opener, child=riley, home=hollins, path="/somewhere/")
    return {"child": riley, "new_home": hollins}


@pytest.mark.parametrize("role", [*HOME_ROLES, "responsible_individual"])
def test_the_former_home_reads_only_what_was_written_there(world: World, moved: dict[str, Any], role: str) -> None:
    riley = moved["child"]
    kwargs = {"home_id": world.home_a.public_id, "child_id": riley.public_id}
    client = signed_in_client(world.users[role])
    for name in ("children:history", "children:detail", "risk:overview", "records:chronology"):
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200:
            continue  # the visitor, without consent
        page = response.content.decode()
        assert NEW_HOME_SECRET not in page and "Opener" not in page, (role, name)
        assert "Settling at Hollins Lea" not in page, (role, name)
        if role != "responsible_individual":  # the RI oversees both homes and may know where she lives
            assert "Hollins Lea" not in page, (role, name)


def test_the_former_home_writes_nothing_new_about_the_child(world: World, moved: dict[str, Any]) -> None:
    riley = moved["child"]
    kwargs = {"home_id": world.home_a.public_id, "child_id": riley.public_id}
    client = signed_in_client(world.users["registered_manager"])
    refused = client.post(reverse("risk:start", kwargs=kwargs))
    assert refused.status_code == 403 and b"no longer lives at" in refused.content
    assert not riley.risk_assessments.filter(home=world.home_a).exists()


def joint_entry(world: World) -> tuple[Any, Any]:
    sam = ChildFactory(first_name="Sam")
    PlacementFactory(child=sam, home=world.home_a, admitted_on=timezone.localdate() - datetime.timedelta(days=50))
    entry = log_entry_create(
        actor=world.users["support_worker"],
        home=world.home_a,
        children=[world.child_a, sam],
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        text="Alice and Sam argued. Sam told me her uncle hits her.",
    )
    return sam, entry


def consent(world: World, child: Any) -> CaseRecordConsent:
    return CaseRecordConsent.objects.create(
        child=child,
        home=world.home_a,
        child_consented_on=timezone.localdate() - datetime.timedelta(days=10),
        placing_authority_consented_on=timezone.localdate() - datetime.timedelta(days=9),
        placing_authority_contact="Social worker",
    )


@pytest.mark.parametrize("role", [*HOME_ROLES, "responsible_individual"])
def test_a_joint_entry_shows_only_to_those_who_may_read_every_child_in_it(world: World, role: str) -> None:
    sam, _ = joint_entry(world)
    consent(world, world.child_a)
    url = reverse("records:chronology", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id})
    client = signed_in_client(world.users[role])
    page = client.get(url).content.decode()
    if role == "reg44_visitor":
        assert "uncle hits her" not in page and "Withheld: this entry is also about another child" in page
        consent(world, sam)  # with Sam's consent too, the visitor reads the entry
        assert "uncle hits her" in client.get(url).content.decode()
    else:
        assert "uncle hits her" in page and "Withheld" not in page


def test_a_withdrawn_consent_ends_the_visitors_access(world: World) -> None:
    consent(world, world.child_a)
    kwargs = {"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    detail = reverse("children:detail", kwargs=kwargs)
    visitor = signed_in_client(world.users["reg44_visitor"])
    assert visitor.get(detail).status_code == 200
    manager = signed_in_client(world.users["registered_manager"])
    assert b"Record consent withdrawn" in manager.get(detail).content
    withdraw = reverse("children:consent_withdraw", kwargs=kwargs)
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    refused = manager.post(withdraw, {"withdrawn_by": "child", "withdrawn_on": future})
    assert b"cannot be in the future" in refused.content and visitor.get(detail).status_code == 200
    pressed = {
        "withdrawn_by": "child",
        "withdrawn_on": timezone.localdate().isoformat(),
        "submission_key": "5f0c7a52-2d5e-4c1e-9a53-6f3b2b7d9e01",
    }
    assert manager.post(withdraw, pressed).status_code == 302
    assert visitor.get(detail).status_code == 403
    again = manager.post(withdraw, pressed, follow=True)  # a double click: back to the record, said so
    assert again.status_code == 200 and b"already saved" in again.content
    assert manager.get(withdraw).status_code == 404  # nothing left to withdraw
    assert CaseRecordConsent.objects.get(child=world.child_a).history.first().history_change_reason == (
        "Consent withdrawn by the child"
    )


@pytest.mark.parametrize("role", [*HOME_ROLES, "responsible_individual"])
def test_a_membership_ending_today_has_ended(world: World, role: str) -> None:
    user = world.users[role]
    home_page = reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})
    client = signed_in_client(user)
    assert client.get(home_page).status_code == 200
    user.memberships.update(ends_on=timezone.localdate())
    assert client.get(home_page).status_code == 404
