"""The home's findings page: by quality standard, highest severity first, evidence linked."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.oversight.tasks import refresh_homes
from hearth.staff.tests.factories import StaffMemberFactory


def test_findings_are_grouped_by_standard_with_links(world: World, client_for: Any) -> None:
    StaffMemberFactory(home=world.home_a, first_name="Unvetted", start_date=datetime.date(2025, 1, 1))
    incident = incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type="bullying",
        severity="medium",
        occurred_at=timezone.now() - datetime.timedelta(days=10),
        what_happened="Names called.",
        action_taken="Separated them.",
        children=[(world.child_a, "harmed")],
    )
    page = client_for("registered_manager").get(
        reverse("oversight:findings", kwargs={"home_id": world.home_a.public_id})
    )
    text = page.content.decode()
    assert text.index("The protection of children standard") < text.index("The leadership and management standard")
    assert "staff.dbs_missing" in text and "Unvetted" in text
    incident_url = reverse(
        "incidents:detail", kwargs={"home_id": world.home_a.public_id, "incident_id": incident.public_id}
    )
    assert f'href="{incident_url}"' in text  # evidence links to the record


def test_the_findings_page_query_count_does_not_grow(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("responsible_individual")
    url = reverse("oversight:findings", kwargs={"home_id": world.home_a.public_id})

    def add(n: int) -> None:
        StaffMemberFactory(home=world.home_a, first_name=f"New{n}")
        incident_services.incident_create(
            actor=None,
            home=world.home_a,
            type="injury",
            severity="high",
            occurred_at=timezone.now() - datetime.timedelta(days=5 + n),
            what_happened="Grazed knee.",
            action_taken="Plaster.",
            children=[(world.child_a, "subject")],
        )

    add(0)
    client.get(url)  # the first look works the findings out and stores them
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(1, 9):
        add(n)
    refresh_homes([world.home_a])  # as the background worker does after the saves
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_the_mock_inspection_groups_by_regulation_and_names_children_by_initials(world: World, client_for: Any) -> None:
    # world.child_a has lived at home A for 100 days with no risk assessment or impact assessment.
    page = client_for("registered_manager").get(
        reverse("oversight:mock_inspection", kwargs={"home_id": world.home_a.public_id})
    )
    text = page.content.decode()
    assert "home need to do to improve?" in text
    assert "Regulation 12(2)(a)(i)" in text and "Regulation 14(1)" in text
    assert world.child_a.display_name not in text and world.child_a.initials in text
