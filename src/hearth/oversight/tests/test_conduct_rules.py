"""Complaints, allegations, control and notices (rules.md "Complaints, allegations and control" and
"Notices"). Clock: 25 November 2026, a Wednesday."""

import datetime
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.allegations.services import lado_referral_record
from hearth.allegations.tests.factories import allegation_received
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.complaints.services import complaint_investigator_assign, complaint_record, complaint_response_record
from hearth.complaints.tests.factories import complaint_received
from hearth.conftest import World
from hearth.control.services import control_child_view_record, control_review_record
from hearth.control.tests.factories import measure_recorded
from hearth.notices.services import home_notice_sent_record
from hearth.notices.tests.factories import absence_notice
from hearth.oversight.engine import run_audit
from hearth.staff.tests.factories import StaffMemberFactory

TODAY = datetime.date(2026, 11, 25)
CODES = [
    "complaint.response_overdue",
    "complaint.investigated_by_subject",
    "allegation.lado_not_referred",
    "sanction.prohibited",
    "sanction.not_reviewed",
    "notice.overdue",
]


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def test_a_complaint_unanswered_by_its_deadline_or_answered_late_is_found_high_for_a_child(world: World) -> None:
    child = complaint_received(world.home_a, world.child_a, days_ago=29)  # due yesterday
    complaint_received(world.home_a, days_ago=28)  # due today: not yet late
    [finding] = audit(world, "complaint.response_overdue")
    assert (
        finding.severity == "high" and "has not been answered: the response was due by 24 November" in finding.message
    )
    assert audit(world, "complaint.response_overdue", as_of=TODAY - datetime.timedelta(days=2)) == []
    complaint_response_record(
        actor=None, complaint=child, actions="a", outcome="upheld", response="r", responded_on=TODAY, satisfaction="yes"
    )
    [late] = audit(world, "complaint.response_overdue")
    assert "was answered on 25 November 2026, after its deadline of 24 November 2026" in late.message
    # On its due day it was not yet late.
    assert audit(world, "complaint.response_overdue", as_of=TODAY - datetime.timedelta(days=1)) == []


def test_a_complaint_investigated_by_its_subject_is_found(world: World) -> None:
    complaint = complaint_record(
        actor=None,
        home=world.home_a,
        received_on=TODAY,
        complainant_kind="parent",
        complainant_name="Mrs Example",
        summary="Rude on the phone.",
        about_staff=[world.staff_a],
        investigator=world.staff_a,
        enforce_checks=False,  # as a bundle loads it
    )
    [finding] = audit(world, "complaint.investigated_by_subject")
    assert world.staff_a.full_name in finding.message and finding.severity == "high"
    complaint_investigator_assign(actor=None, complaint=complaint, investigator=StaffMemberFactory(home=world.home_a))
    assert audit(world, "complaint.investigated_by_subject") == []


def test_an_allegation_not_referred_within_one_working_day_is_found_without_naming_anyone(world: World) -> None:
    friday = timezone.make_aware(datetime.datetime(2026, 11, 20, 16, 0))
    allegation = allegation_received(world.home_a, world.staff_a, hours_ago=1)
    allegation.received_at = friday
    allegation.save()
    # Due by the end of Monday 23 November: found on the Tuesday, not on the Monday.
    assert audit(world, "allegation.lado_not_referred", as_of=datetime.date(2026, 11, 23)) == []
    [finding] = audit(world, "allegation.lado_not_referred", as_of=datetime.date(2026, 11, 24))
    assert (
        "has not been referred to the LADO" in finding.message and "by the end of 23 November 2026" in finding.message
    )
    assert world.staff_a.last_name not in finding.message and world.child_a.first_name not in finding.message
    lado_referral_record(actor=None, allegation=allegation, referred_at=timezone.now(), lado_name="LADO")
    [late] = audit(world, "allegation.lado_not_referred")
    assert "was referred on 25 November 2026" in late.message
    allegation.lado_referred_at = friday + datetime.timedelta(days=3)  # Monday: in time
    allegation.save()
    assert audit(world, "allegation.lado_not_referred") == []


def test_a_prohibited_measure_loaded_from_elsewhere_is_found(world: World) -> None:
    measure_recorded(world.home_a, world.child_a, measure="No pudding tonight", enforce_checks=False)
    measure_recorded(world.home_a, world.child_a, measure="No games console until Sunday")
    [finding] = audit(world, "sanction.prohibited")
    assert "which Regulation 19(2)(b) prohibits" in finding.message and "“No pudding”" in finding.message


def test_a_measure_without_review_or_the_childs_view_in_7_days_is_found(world: World) -> None:
    measure = measure_recorded(world.home_a, world.child_a, days_ago=8)
    measure_recorded(world.home_a, world.child_a, days_ago=6)  # within the 7 days
    [finding] = audit(world, "sanction.not_reviewed")
    assert finding.message.startswith("A consequence or sanction for Alice Example on 17 November 2026 had no ")
    assert "no manager's review and no record of Alice Example's view within 7 days" in finding.message
    control_child_view_record(actor=None, measure=measure, child_view="OK")
    control_review_record(actor=world.users["registered_manager"], measure=measure, comment="Fine.")
    # Given now, 8 days on: still late, as the record shows.
    [late] = audit(world, "sanction.not_reviewed")
    assert late.subject.id == str(measure.public_id)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400), tick=False):
        assert audit(world, "sanction.not_reviewed", as_of=TODAY + datetime.timedelta(days=400)) == []


def test_a_notice_past_its_deadline_and_not_sent_is_found(world: World) -> None:
    notice = absence_notice(world.home_a, starts_in_days=20)  # due 10 days ago: a month before
    absence_notice(world.home_a, starts_in_days=40)  # due in 10 days
    [finding] = audit(world, "notice.overdue")
    assert "Regulation 48(2)" in finding.message and "was due by 15 November 2026" in finding.message
    home_notice_sent_record(actor=None, notice=notice, sent_on=TODAY)
    assert audit(world, "notice.overdue") == []
    assert len(audit(world, "notice.overdue", as_of=TODAY - datetime.timedelta(days=1))) == 1


def test_the_rules_make_the_same_queries_for_one_child_or_many(world: World) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            run_audit(homes=[world.home_a], as_of=TODAY, codes=CODES)
        return len(queries)

    for n in range(5):
        if n == 1:
            few = count()
        child = ChildFactory()
        PlacementFactory(child=child, home=world.home_a, admitted_on=TODAY - datetime.timedelta(days=100))
        complaint_received(world.home_a, child, days_ago=40)
        allegation_received(world.home_a, world.staff_a, hours_ago=24 * 10)
        measure_recorded(world.home_a, child, days_ago=9, measure="No pudding", enforce_checks=False)
        absence_notice(world.home_a, starts_in_days=5)
    assert count() == few
    assert len(run_audit(homes=[world.home_a], as_of=TODAY, codes=CODES)) == 5 * 5
