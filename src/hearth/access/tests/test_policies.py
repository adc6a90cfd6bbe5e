import datetime
from typing import Any

from django.test import override_settings
from django.utils import timezone

from hearth.access import policies
from hearth.access.checks import check_views_declare_policy
from hearth.access.tests.factories import MembershipFactory
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.homes.tests.factories import HomeFactory


def test_homes_visible_through_membership_and_provider(world: World) -> None:
    assert list(policies.homes_visible_to(world.users["support_worker"])) == [world.home_a]
    assert list(policies.homes_visible_to(world.users["responsible_individual"])) == [world.home_a]
    assert list(policies.homes_visible_to(world.users["no_membership"])) == []


def test_ri_sees_every_home_of_their_provider_and_no_other(world: World) -> None:
    sibling = HomeFactory(provider=world.home_a.provider)
    visible = set(policies.homes_visible_to(world.users["responsible_individual"]))
    assert visible == {world.home_a, sibling}


def test_ended_membership_gives_no_access(db: Any) -> None:
    home = HomeFactory()
    member = MembershipFactory(role="senior", home=home, ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert not policies.can_view_home(member.user, home)


def test_child_visible_at_a_former_home_but_not_elsewhere(world: World) -> None:
    moved = ChildFactory()
    PlacementFactory(
        child=moved, home=world.home_b, admitted_on=datetime.date(2024, 1, 1), left_on=datetime.date(2024, 6, 1)
    )
    PlacementFactory(child=moved, home=world.home_a, admitted_on=datetime.date(2024, 6, 1))
    worker = world.users["support_worker"]
    assert moved in policies.children_visible_to(worker, world.home_a)
    assert world.child_b not in policies.children_visible_to(worker, world.home_a)


def test_second_factor_roles(world: World) -> None:
    assert policies.requires_second_factor(world.users["registered_manager"])
    assert policies.requires_second_factor(world.users["deputy_manager"])
    assert policies.requires_second_factor(world.users["responsible_individual"])
    assert not policies.requires_second_factor(world.users["support_worker"])
    assert not policies.requires_second_factor(world.users["reg44_visitor"])


def test_every_view_declares_a_policy() -> None:
    assert check_views_declare_policy(None) == []


def _undeclared_view(request: Any) -> Any:
    return None


_undeclared_view.__module__ = "hearth.fake.views"


@override_settings(ROOT_URLCONF="hearth.access.tests.urls_without_policy")
def test_check_fails_a_view_without_a_policy() -> None:
    errors = check_views_declare_policy(None)
    assert [e.id for e in errors] == ["hearth.E001"]
