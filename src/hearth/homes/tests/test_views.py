import datetime
from typing import Any

from django.urls import reverse

from hearth.children.tests.factories import PlacementFactory
from hearth.conftest import World
from hearth.homes.tests.factories import HomeFactory
from hearth.staff.tests.factories import StaffMemberFactory


def test_home_page_lists_children_and_staff(world: World, client_for: Any) -> None:
    page = client_for("support_worker").get(reverse("homes:detail", kwargs={"home_id": world.home_a.public_id}))
    assert b"Alice" in page.content and world.staff_a.first_name.encode() in page.content
    assert b"Bob" not in page.content


def test_former_children_fragment_for_htmx(world: World, client_for: Any) -> None:
    left = PlacementFactory(home=world.home_a, admitted_on=datetime.date(2023, 1, 1), left_on=datetime.date(2024, 1, 1))
    page = client_for("support_worker").get(
        reverse("homes:detail", kwargs={"home_id": world.home_a.public_id}) + "?show=former", HTTP_HX_REQUEST="true"
    )
    assert left.child.first_name.encode() in page.content
    assert b"<html" not in page.content  # only the partial


def test_home_page_queries_do_not_grow_with_children_or_staff(world: World, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("support_worker")
    url = reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(5):
        PlacementFactory(home=world.home_a, admitted_on=datetime.date(2025, 2, 1))
        StaffMemberFactory(home=world.home_a)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_provider_page_queries_do_not_grow_with_homes(world: World, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("responsible_individual")
    url = reverse("homes:provider", kwargs={"provider_id": world.home_a.provider.public_id})
    with CaptureQueriesContext(connection) as before:
        page = client.get(url)
    assert b"Alpha House" in page.content
    for _ in range(4):
        home = HomeFactory(provider=world.home_a.provider)
        PlacementFactory(home=home, admitted_on=datetime.date(2025, 2, 1))
        StaffMemberFactory(home=home)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert len(after) <= len(before)  # the first look also told the managers of new findings
    assert page.content.count(b'scope="row"') == 5


def test_managers_see_their_queue_on_the_home_page(world: World, client_for: Any) -> None:
    from hearth.records.tests.factories import home_records

    home_records(world.home_a, world.child_a, world.staff_a)
    page = client_for("registered_manager").get(reverse("homes:detail", kwargs={"home_id": world.home_a.public_id}))
    assert b"await your review" in page.content
    worker_page = client_for("support_worker").get(reverse("homes:detail", kwargs={"home_id": world.home_a.public_id}))
    assert b"await your review" not in worker_page.content


def test_the_provider_page_pages_its_homes_and_counts_every_home_in_the_trends(world: World, client_for: Any) -> None:
    from unittest import mock

    from hearth.homes import views

    for name in ("Birch House", "Cedar House"):
        PlacementFactory(
            home=HomeFactory(provider=world.home_a.provider, name=name), admitted_on=datetime.date(2025, 2, 1)
        )
    client = client_for("responsible_individual")
    url = reverse("homes:provider", kwargs={"provider_id": world.home_a.provider.public_id})
    with mock.patch.object(views, "HOMES_PER_PAGE", 2):
        first = client.get(url).content.decode()
        second = client.get(url + "?page=2").content.decode()
        bad = client.get(url + "?page=lots").content.decode()
    rows = first[first.index('id="homes"') : first.index("</table>")]
    assert "Alpha House" in rows and "Birch House" in rows and "Cedar House" not in rows
    assert "3 homes" in first and "Homes 1 to 2, by name" in first
    assert 'rel="next"' in first and 'aria-current="page"' in first and 'rel="prev"' not in first
    rows = second[second.index('id="homes"') : second.index("</table>")]
    assert "Cedar House" in rows and "Alpha House" not in rows and 'rel="prev"' in second
    assert "Homes 1 to 2, by name" in bad  # a page that is not a number: the first
