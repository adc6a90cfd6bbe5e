"""Actions, Regulation 44 reports and Regulation 45 reviews: what the services accept, refuse and keep."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.oversight import services
from hearth.oversight.engine import PROTECTION
from hearth.oversight.models import Action, Reg44Distribution
from hearth.oversight.tests.factories import OPINIONS, submitted_visit

TODAY = timezone.localdate()
WEEK = datetime.timedelta(days=7)


def _action(world: World, **kw: Any) -> Action:
    fields = {
        "source": "ofsted_requirement",
        "title": "Report every missing episode to the police",
        "due_on": TODAY + WEEK,
    }
    return services.action_create(actor=world.users["registered_manager"], home=world.home_a, **{**fields, **kw})


# --- actions ----------------------------------------------------------------------------------


def test_an_action_is_created_audited_and_owned_by_someone_at_the_home(world: World) -> None:
    action = _action(world, owner=world.staff_a)
    assert action.status == "open" and action.owner == world.staff_a
    assert AuditEvent.objects.filter(action="action.created", object_id=action.public_id).exists()
    with pytest.raises(ValidationError, match="not on the staff"):
        _action(world, owner=world.staff_b)
    with pytest.raises(ValidationError, match="Say what must be done"):
        _action(world, title="  ")


def test_a_finding_is_tracked_by_one_open_action_at_a_time(world: World) -> None:
    first = _action(
        world, source="finding", finding_code="missing.police_not_informed", finding_subject="missing_episode:1"
    )
    with pytest.raises(ValidationError, match="already tracked"):
        _action(
            world, source="finding", finding_code="missing.police_not_informed", finding_subject="missing_episode:1"
        )
    with pytest.raises(ValidationError, match="rule code"):
        _action(world, source="finding")
    services.action_complete(actor=None, action=first, completed_on=TODAY, evidence="Police told; reference 44.")
    _action(world, source="finding", finding_code="missing.police_not_informed", finding_subject="missing_episode:1")


def test_a_due_date_moves_later_only_with_a_reason(world: World) -> None:
    action = _action(world)
    manager = world.users["registered_manager"]
    with pytest.raises(ValidationError, match="Say why the due date moves later"):
        services.action_update(actor=manager, action=action, owner=None, due_on=TODAY + 2 * WEEK, status="open")
    services.action_update(
        actor=manager,
        action=action,
        owner=world.staff_a,
        due_on=TODAY + 2 * WEEK,
        status="in_progress",
        reason="Police liaison on leave.",
    )
    action.refresh_from_db()
    assert action.due_on == TODAY + 2 * WEEK and action.status == "in_progress"
    assert action.history.first().history_change_reason == "Police liaison on leave."
    # Earlier needs no reason.
    services.action_update(actor=manager, action=action, owner=world.staff_a, due_on=TODAY + WEEK, status="in_progress")


def test_completion_needs_evidence_and_fixes_the_action_until_reopened(world: World) -> None:
    action = _action(world)
    manager = world.users["registered_manager"]
    with pytest.raises(ValidationError) as exc:
        services.action_complete(actor=manager, action=action, completed_on=TODAY + WEEK, evidence=" ")
    assert set(exc.value.message_dict) == {"completed_on"}  # the date is checked first; nothing saved
    with pytest.raises(ValidationError, match="what shows it was done"):
        services.action_complete(actor=manager, action=action, completed_on=TODAY, evidence=" ")
    services.action_complete(actor=manager, action=action, completed_on=TODAY, evidence="Protocol signed, file 3.")
    action.refresh_from_db()
    assert action.completed and action.completed_by_name
    with pytest.raises(ValidationError, match="reopen it"):
        services.action_update(actor=manager, action=action, owner=None, due_on=action.due_on, status="open")
    with pytest.raises(ValidationError, match="Say why"):
        services.action_reopen(actor=manager, action=action, reason="")
    services.action_reopen(actor=manager, action=action, reason="The protocol was never sent to the police.")
    action.refresh_from_db()
    assert action.status == "in_progress" and action.completed_on is None and not action.completion_evidence
    # The completion stays in history.
    assert any(v.completion_evidence == "Protocol signed, file 3." for v in action.history.all())


# --- Regulation 44 ----------------------------------------------------------------------------


def test_a_report_is_submitted_only_with_both_opinions_and_their_reasons(world: World) -> None:
    visitor = world.users["reg44_visitor"]
    visit = services.reg44_visit_record(actor=visitor, home=world.home_a, visited_on=TODAY, children=[world.child_a])
    assert visit.visitor_name  # signed with the visitor's name
    with pytest.raises(ValidationError) as exc:
        services.reg44_visit_submit(actor=visitor, visit=visit)
    assert set(exc.value.message_dict) == set(services.reg44.REQUIRED_TO_SUBMIT)
    services.reg44_visit_update(actor=visitor, visit=visit, children=[world.child_a], staff=[world.staff_a], **OPINIONS)
    services.reg44_visit_submit(actor=visitor, visit=visit)
    assert visit.submitted and visit.submitted_by == visitor
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.reg44_visit_update(actor=visitor, visit=visit, children=[], staff=[], records_sampled="Changed")
    with pytest.raises(ValidationError, match="no longer be added"):
        services.reg44_recommendation_add(actor=visitor, visit=visit, title="Late idea", due_on=TODAY)


def test_only_this_homes_children_and_staff_can_be_named(world: World) -> None:
    with pytest.raises(ValidationError, match="Only children placed at this home"):
        services.reg44_visit_record(actor=None, home=world.home_a, visited_on=TODAY, children=[world.child_b])
    with pytest.raises(ValidationError, match="Only staff of this home"):
        services.reg44_visit_record(actor=None, home=world.home_a, visited_on=TODAY, staff=[world.staff_b])
    with pytest.raises(ValidationError, match="future"):
        services.reg44_visit_record(actor=None, home=world.home_a, visited_on=TODAY + WEEK)


def test_recommendations_become_actions_to_consider_by_a_date(world: World) -> None:
    visit = services.reg44_visit_record(actor=None, home=world.home_a, visited_on=TODAY - WEEK)
    action = services.reg44_recommendation_add(
        actor=None, visit=visit, title="Check outing addresses", due_on=TODAY + WEEK
    )
    assert action.source == "reg44" and action.reg44_visit == visit and action.regulation == "44(5)"
    with pytest.raises(ValidationError, match="before the visit"):
        services.reg44_recommendation_add(actor=None, visit=visit, title="x", due_on=TODAY - 2 * WEEK)


def test_copies_are_logged_only_for_a_submitted_report(world: World) -> None:
    draft = services.reg44_visit_record(actor=None, home=world.home_a, visited_on=TODAY)
    with pytest.raises(ValidationError, match="Only a submitted report"):
        services.reg44_distribution_record(actor=None, visit=draft, recipient="ofsted", sent_on=TODAY)
    visit = submitted_visit(world.home_a, TODAY - WEEK)
    with pytest.raises(ValidationError, match="Name the placing authority"):
        services.reg44_distribution_record(actor=None, visit=visit, recipient="placing_authority", sent_on=TODAY)
    with pytest.raises(ValidationError, match="before the visit"):
        services.reg44_distribution_record(actor=None, visit=visit, recipient="ofsted", sent_on=TODAY - 2 * WEEK)
    services.reg44_distribution_record(
        actor=world.users["registered_manager"], visit=visit, recipient="ofsted", sent_on=TODAY
    )
    assert Reg44Distribution.objects.get(visit=visit).recorded_by_name


# --- Regulation 45 ----------------------------------------------------------------------------


def test_a_review_gathers_the_periods_figures_and_findings(world: World) -> None:
    at = timezone.make_aware(datetime.datetime.combine(TODAY - WEEK, datetime.time(10)))
    incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type="complaint",
        severity="low",
        occurred_at=at,
        recorded_at=at,
        what_happened="Alice complained about the food.",
        action_taken="Menu discussed.",
        children=[(world.child_a, "subject")],
    )
    review = services.reg45_review_start(
        actor=None, home=world.home_a, period_start=TODAY - 180 * datetime.timedelta(days=1), period_end=TODAY
    )
    assert review.figures["complaints"] == 1 and review.figures["incidents_total"] == 1
    assert {"standard", "code", "regulation", "severity", "message"} <= set(review.findings[0])
    with pytest.raises(ValidationError, match="overlaps"):
        services.reg45_review_start(actor=None, home=world.home_a, period_start=TODAY - WEEK, period_end=TODAY)
    with pytest.raises(ValidationError, match="future"):
        services.reg45_review_start(actor=None, home=world.home_b, period_start=TODAY, period_end=TODAY + WEEK)


def test_a_review_is_completed_only_when_evaluated_with_the_views_gathered(world: World) -> None:
    manager = world.users["registered_manager"]
    review = services.reg45_review_start(
        actor=manager,
        home=world.home_a,
        period_start=TODAY - 180 * datetime.timedelta(days=1),
        period_end=TODAY - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as exc:
        services.reg45_review_complete(actor=manager, review=review, completed_on=TODAY)
    gaps = exc.value.message_dict
    assert PROTECTION in gaps["evaluation"][0]
    assert {
        "views_of_children",
        "views_of_parents",
        "views_of_placing_authorities",
        "views_of_staff",
        "summary",
    } <= set(gaps)
    standards = services.reg45.standards_to_evaluate(review)
    services.reg45_review_update(
        actor=manager,
        review=review,
        evaluation={s: "Evaluated." for s in standards},
        views_of_children="Survey",
        views_of_parents="Letters",
        views_of_placing_authorities="Calls",
        views_of_staff="Meeting",
        summary="What we will improve.",
    )
    with pytest.raises(ValidationError, match="Complete the review before sending it"):
        services.reg45_review_mark_sent(actor=manager, review=review, sent_on=TODAY)  # not completed yet: refused
    services.reg45_review_complete(actor=manager, review=review, completed_on=TODAY)
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.reg45_review_update(actor=manager, review=review, summary="Rewritten")
    services.reg45_review_mark_sent(actor=manager, review=review, sent_on=TODAY)
    assert review.sent_to_ofsted_on == TODAY and review.sent_by_name
    with pytest.raises(ValidationError, match="already sent"):
        services.reg45_review_mark_sent(actor=manager, review=review, sent_on=TODAY)
