"""The home dashboard, the provider's side-by-side page and the mock inspection PDF."""

import datetime
import io
from typing import Any

import pdfplumber
from django.urls import reverse
from django.utils import timezone

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.oversight import services
from hearth.oversight.selectors.dashboard import chart_months, incident_charts
from hearth.oversight.tasks import refresh_homes
from hearth.risk.tests.factories import approved_assessment

TODAY = timezone.localdate()


def _incident(world: World, child: Any, type_: str, days_ago: int) -> None:
    at = timezone.now() - datetime.timedelta(days=days_ago)
    incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type=type_,
        severity="low",
        occurred_at=at,
        recorded_at=at,
        what_happened="Shouting in the lounge.",
        action_taken="Talked it through.",
        children=[(child, "subject")],
    )


def _dashboard(world: World, client_for: Any, role: str = "registered_manager") -> str:
    url = reverse("oversight:dashboard", kwargs={"home_id": world.home_a.public_id})
    response = client_for(role).get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_dashboard_shows_deadlines_findings_risks_beside_strengths_and_charts(
    world: World, client_for: Any
) -> None:
    approved_assessment(world.child_a, world.home_a)
    overdue = services.action_create(
        actor=None,
        home=world.home_a,
        source="ofsted_requirement",
        title="Train every member of staff in county lines",
        due_on=TODAY - datetime.timedelta(days=2),
        owner=world.staff_a,
    )
    _incident(world, world.child_a, "damage", 3)
    text = _dashboard(world, client_for)
    deadlines = text[text.index('id="deadlines"') : text.index('id="findings"')]
    assert overdue.title in deadlines and "Overdue" in deadlines
    assert "The leadership and management standard" in text[text.index('id="findings"') :]
    children = text[text.index('id="children"') : text.index('id="trends"')]
    assert world.child_a.display_name in children and "Strengths" in children
    assert "Incidents by type as a table" in text and "Damage to property" in text
    trends = text[text.index('id="finding-trends"') : text.index('id="trends"')]
    assert "Open now" in trends and "Compared with twelve weeks ago" in trends  # from the stored findings


def test_the_charts_count_by_month_and_type_with_a_table_row_per_month() -> None:
    months = chart_months(datetime.date(2026, 11, 22))
    assert months[0] == datetime.date(2025, 12, 1) and months[-1] == datetime.date(2026, 11, 1)
    counts = {
        datetime.date(2026, 10, 1): {"missing": 2, "away": 1, "bullying": 3},
        datetime.date(2026, 11, 1): {"missing": 1},
    }
    incidents, missing, restraint = incident_charts(counts, months)
    assert [label for label, _ in missing.series] == ["Missing (whereabouts unknown)", "Away without authorisation"]
    october = next(row for row in missing.rows if row[0] == datetime.date(2026, 10, 1))
    assert october[1:] == ([2, 1], 3)
    assert incidents.total == 7 and restraint.total == 0
    assert "the most in October 2026 (6)" in incidents.summary
    assert len(missing.bars) == 3  # October's two series and November's one


def test_the_dashboard_query_count_does_not_grow_with_children_or_records(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    def add(n: int) -> None:
        child = ChildFactory(first_name=f"Child{n}")
        PlacementFactory(child=child, home=world.home_a, admitted_on=TODAY - datetime.timedelta(days=150))
        approved_assessment(child, world.home_a)
        for days in (3, 40, 100):
            _incident(world, child, "missing" if days == 40 else "bullying", days + n)
        services.action_create(
            actor=None,
            home=world.home_a,
            source="ofsted_recommendation",
            title=f"Thing {n}",
            due_on=TODAY,
            owner=world.staff_a,
        )

    add(0)
    refresh_homes([world.home_a])  # the findings as the background worker stores them
    with django_assert_max_num_queries(200) as few:
        _dashboard(world, client_for)
    for n in range(1, 6):
        add(n)
    refresh_homes([world.home_a])  # and again after the saves, as it would
    with django_assert_max_num_queries(len(few)):
        _dashboard(world, client_for)


def test_the_provider_page_shows_every_home_side_by_side(world: World, client_for: Any) -> None:
    services.action_create(
        actor=None,
        home=world.home_a,
        source="ofsted_requirement",
        title="Overdue",
        due_on=TODAY - datetime.timedelta(days=1),
    )
    page = client_for("responsible_individual").get(
        reverse("homes:provider", kwargs={"provider_id": world.home_a.provider.public_id})
    )
    text = page.content.decode()
    assert "1 open" in text and "1 overdue" in text and "Last Reg 44 visit" in text


def test_the_mock_inspection_pdf_reads_as_the_page_does(world: World, client_for: Any) -> None:
    url = reverse("oversight:mock_inspection_pdf", kwargs={"home_id": world.home_a.public_id})
    response = client_for("registered_manager").get(url)
    assert response["Content-Type"] == "application/pdf"
    assert f"mock-inspection-{world.home_a.urn}" in response["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert pdf.metadata.get("Title") == f"Mock inspection: {world.home_a.name}"
    assert "What does the children\u2019s home need to do to improve?" in text  # Typst sets typographic quotes
    assert "Regulation 14(1)" in text and "Statutory requirements" in text
    assert world.child_a.display_name not in text and world.child_a.initials in text
    assert f"Page 1 of {len(pdf.pages)}" in text


def test_each_child_shows_their_words_achievements_and_goals_beside_their_risks(world: World, client_for: Any) -> None:
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from hearth.keywork.services import achievement_record, goal_progress_record, goal_set, keywork_record

    home, child = world.home_a, world.child_a
    keywork_record(
        actor=None,
        home=home,
        child=child,
        held_at=timezone.now(),
        topics="School",
        what_was_done="Talked.",
        child_words="I want to be a vet.",
        worker_name="Sam",
    )
    achievement_record(
        actor=None, home=home, child=child, on=timezone.localdate(), area="education", what="Merit in science"
    )
    goal = goal_set(
        actor=None,
        home=home,
        child=child,
        goal="Swim a length",
        set_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    goal_progress_record(actor=None, goal=goal, on=timezone.localdate(), progress="good", note="Half a length.")
    page = client_for("registered_manager").get(reverse("oversight:dashboard", kwargs={"home_id": home.public_id}))
    row = page.content.decode().split('id="children"')[1]
    assert "“I want to be a vet.”" in row and "Merit in science" in row and "Swim a length (good progress)" in row
