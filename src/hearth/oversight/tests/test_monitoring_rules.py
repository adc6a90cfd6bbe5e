"""Regulation 44 visits every month, the Regulation 45 review every six months and sent within 28
days, and actions done by their due date (rules.md, Leadership and management)."""

import datetime
from typing import Any

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from hearth.conftest import World
from hearth.homes.models import StatementOfPurpose
from hearth.oversight import services
from hearth.oversight.engine import run_audit
from hearth.oversight.models import Action
from hearth.oversight.tests.factories import OPINIONS, submitted_visit

AS_OF = datetime.date(2026, 11, 22)


def audit(world: World, code: str, as_of: datetime.date = AS_OF) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def months_missing(world: World, as_of: datetime.date = AS_OF) -> list[str]:
    return sorted((f.subject.id for f in audit(world, "oversight.reg44_missing", as_of)), reverse=True)


def test_every_month_over_without_a_submitted_report_is_a_high_finding(world: World) -> None:
    for month in range(1, 11):  # January to October 2026 visited; November 2025 and December 2025 not
        submitted_visit(world.home_a, datetime.date(2026, month, 15))
    services.reg44_visit_record(actor=None, home=world.home_a, visited_on=datetime.date(2025, 12, 3), **OPINIONS)
    found = audit(world, "oversight.reg44_missing")
    assert months_missing(world) == ["2025-12", "2025-11"]  # the draft of December does not count
    assert {f.severity for f in found} == {"high"}
    assert "No Regulation 44 visit report for December 2025" in {f.message.split(":")[0] for f in found}
    # November 2026 is not over yet: no finding for it, visited or not.
    assert "2026-11" not in months_missing(world)


def test_a_report_submitted_after_the_day_audited_does_not_count_for_it(world: World) -> None:
    visit = services.reg44_visit_record(
        actor=None, home=world.home_a, visited_on=datetime.date(2026, 10, 28), **OPINIONS
    )
    services.reg44_visit_submit(
        actor=None, visit=visit, submitted_at=timezone.make_aware(datetime.datetime(2026, 11, 10, 9))
    )
    assert "2026-10" in months_missing(world, as_of=datetime.date(2026, 11, 5))
    assert "2026-10" not in months_missing(world, as_of=datetime.date(2026, 11, 12))


def test_months_before_the_home_opened_and_the_first_part_month_are_not_judged(world: World) -> None:
    StatementOfPurpose.objects.filter(home=world.home_a).update(effective_from=datetime.date(2026, 8, 20))
    assert months_missing(world) == ["2026-10", "2026-09"]


@override_settings(HEARTH_RULE_THRESHOLDS={"oversight.reg44_missing": {"months": 3}})
def test_the_look_back_is_configurable(world: World) -> None:
    assert months_missing(world) == ["2026-10", "2026-09", "2026-08"]


def _review(world: World, start: datetime.date, end: datetime.date, completed: datetime.date, sent: Any = None) -> Any:
    review = services.reg45_review_start(
        actor=None,
        home=world.home_a,
        period_start=start,
        period_end=end,
        views_of_children="Survey",
        views_of_parents="Letters",
        views_of_placing_authorities="Calls",
        views_of_staff="Meeting",
        summary="Good care.",
    )
    services.reg45_review_complete(actor=None, review=review, completed_on=completed, completed_by_name="Dana Whitlow")
    if sent:
        services.reg45_review_mark_sent(actor=None, review=review, sent_on=sent, sent_by_name="Dana Whitlow")
    return review


def test_no_review_since_the_home_opened_is_overdue_after_six_months(world: World) -> None:
    found = audit(world, "oversight.reg45_overdue")
    assert len(found) == 1 and found[0].severity == "medium"
    assert "none since the home opened on 1 January 2024" in found[0].message


def test_the_last_review_over_six_months_ago_is_overdue(world: World) -> None:
    _review(
        world,
        datetime.date(2025, 11, 1),
        datetime.date(2026, 4, 30),
        datetime.date(2026, 5, 10),
        datetime.date(2026, 5, 20),
    )
    assert "10 May 2026" in audit(world, "oversight.reg45_overdue")[0].message
    assert audit(world, "oversight.reg45_overdue", as_of=datetime.date(2026, 11, 10)) == []


def test_a_completed_review_not_sent_within_28_days_is_a_finding(world: World) -> None:
    review = _review(world, datetime.date(2026, 3, 1), datetime.date(2026, 8, 31), datetime.date(2026, 9, 30))
    found = audit(world, "oversight.reg45_overdue")
    assert [f.subject.id for f in found] == [str(review.public_id)]
    assert "not recorded as sent to Ofsted" in found[0].message
    assert audit(world, "oversight.reg45_overdue", as_of=datetime.date(2026, 10, 28)) == []
    services.reg45_review_mark_sent(actor=None, review=review, sent_on=datetime.date(2026, 11, 20))
    assert audit(world, "oversight.reg45_overdue") == []


# Actions are judged as they stood at the end of the day audited, so these are audited as of today.
TODAY = timezone.localdate()


def _action(world: World, source: str, due: datetime.date, **kw: Any) -> Action:
    return services.action_create(
        actor=None,
        home=world.home_a,
        source=source,
        title=f"Do the {source} thing",
        due_on=due,
        owner=world.staff_a,
        **kw,
    )


@pytest.mark.parametrize(("source", "severity"), [("ofsted_requirement", "high"), ("ofsted_recommendation", "medium")])
def test_an_action_past_its_due_date_is_a_finding_high_for_a_requirement(
    world: World, source: str, severity: str
) -> None:
    due = TODAY - datetime.timedelta(days=3)
    action = _action(world, source, due)
    _action(world, source, TODAY)  # due today: not yet overdue
    found = audit(world, "oversight.action_overdue", TODAY)
    assert [(f.subject.id, f.severity) for f in found] == [(str(action.public_id), severity)]
    assert f"{due:%-d %B %Y}" in found[0].message and world.staff_a.full_name in found[0].message


def test_a_completed_action_is_not_overdue(world: World) -> None:
    action = _action(world, "ofsted_requirement", TODAY - datetime.timedelta(days=3))
    services.action_complete(
        actor=None, action=action, completed_on=TODAY, evidence="Police protocol signed; see file 3."
    )
    assert audit(world, "oversight.action_overdue", TODAY) == []


def test_an_action_recorded_after_the_day_audited_is_not_judged_on_it(world: World) -> None:
    _action(world, "ofsted_requirement", TODAY - datetime.timedelta(days=30))
    assert audit(world, "oversight.action_overdue", TODAY - datetime.timedelta(days=1)) == []
