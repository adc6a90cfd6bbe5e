"""The staffing rules find what rules.md says, and nothing on a well-run record."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.homes.tests.factories import HomeFactory
from hearth.oversight.engine import run_audit
from hearth.staff import services
from hearth.staff.tests.factories import StaffMemberFactory
from hearth.staff.tests.test_services import verify_all

D = datetime.date
AS_OF = D(2026, 11, 22)


def codes_for(member: Any, code: str, as_of: datetime.date = AS_OF) -> list[str]:
    return [f.subject.id for f in run_audit(homes=[member.home], as_of=as_of, codes=[code])]


def well_vetted(**kw: Any) -> Any:
    member = StaffMemberFactory(start_date=D(2026, 1, 10), **kw)
    verify_all(member, on=D(2026, 1, 5))
    return member


def test_dbs_missing_fires_without_a_barred_list_check_before_the_start_date(db: Any) -> None:
    late = StaffMemberFactory(start_date=D(2026, 1, 1))
    verify_all(late, on=D(2026, 1, 5))  # verified after starting
    good = well_vetted()
    found = run_audit(homes=[late.home, good.home], as_of=AS_OF, codes=["staff.dbs_missing"])
    assert [f.subject.id for f in found] == [str(late.public_id)]
    assert found[0].severity == "high" and found[0].regulation.startswith("32(3)(d)")
    assert found[0].due == AS_OF + datetime.timedelta(days=7)


def test_dbs_stale_needs_an_update_check_within_a_year_for_old_certificates(db: Any) -> None:
    member = StaffMemberFactory(start_date=D(2022, 1, 10))
    verify_all(member, on=D(2022, 1, 5))  # certificate issued 26 December 2021
    assert codes_for(member, "staff.dbs_stale") == [str(member.public_id)]
    services.vetting_check_record(
        actor=None,
        member=member,
        kind="dbs",
        verified_on=D(2022, 1, 5),
        evidence="Subscribed.",
        today=AS_OF,
        dbs_certificate_number="000000000001",
        dbs_issued_on=D(2021, 12, 1),
        dbs_children_barred_list=True,
        dbs_update_service=True,
    )
    services.dbs_update_check_record(
        actor=None, member=member, checked_on=D(2026, 6, 1), outcome="no_change", today=AS_OF
    )
    assert codes_for(member, "staff.dbs_stale") == []
    assert codes_for(member, "staff.dbs_stale", as_of=D(2027, 7, 1)) == [str(member.public_id)]


def test_recruitment_checks_incomplete_names_what_is_missing(db: Any) -> None:
    member = StaffMemberFactory(start_date=D(2026, 1, 10))
    verify_all(member, skip=("reference",), on=D(2026, 1, 5))
    services.vetting_check_record(
        actor=None,
        member=member,
        kind="reference",
        verified_on=D(2026, 1, 5),
        evidence="x",
        today=AS_OF,
        referee_name="A",
    )
    [finding] = run_audit(homes=[member.home], as_of=AS_OF, codes=["staff.recruitment_checks_incomplete"])
    assert "1 of 2 references verified" in finding.message and "right-to-work" not in finding.message
    assert codes_for(well_vetted(), "staff.recruitment_checks_incomplete") == []


def test_a_withdrawn_check_counts_until_it_was_withdrawn(db: Any) -> None:
    member = well_vetted()
    check = member.vetting_checks.get(kind="right_to_work")
    services.vetting_check_withdraw(actor=None, check=check, reason="Visa expired.")
    today = timezone.localdate()
    assert codes_for(member, "staff.recruitment_checks_incomplete", as_of=today) == [str(member.public_id)]
    assert codes_for(member, "staff.recruitment_checks_incomplete", as_of=today - datetime.timedelta(days=1)) == []


def test_qualification_overdue_respects_role_achievement_and_deferral(db: Any) -> None:
    home = HomeFactory()
    worker = StaffMemberFactory(home=home, role="support_worker", start_date=D(2024, 11, 1))
    manager = StaffMemberFactory(home=home, role="registered_manager", start_date=D(2024, 1, 1))
    cook = StaffMemberFactory(home=home, role="ancillary", start_date=D(2010, 1, 1))
    found = run_audit(homes=[home], as_of=AS_OF, codes=["staff.qualification_overdue"])
    assert [f.subject.id for f in found] == [str(worker.public_id)]  # the manager has until January 2027
    deferral = services.qualification_deferral_record(
        actor=None, member=worker, kind="level_3", deferred_until=D(2027, 3, 1), reason="Part-time."
    )
    assert len(run_audit(homes=[home], as_of=AS_OF, codes=["staff.qualification_overdue"])) == 1  # recorded later
    type(deferral).objects.filter(pk=deferral.pk).update(created_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))
    assert run_audit(homes=[home], as_of=AS_OF, codes=["staff.qualification_overdue"]) == []
    later = run_audit(homes=[home], as_of=D(2027, 3, 2), codes=["staff.qualification_overdue"])
    assert {f.subject.id for f in later} == {str(worker.public_id), str(manager.public_id)}
    assert str(cook.public_id) not in {f.subject.id for f in later}


def test_supervision_overdue_after_six_weeks(db: Any) -> None:
    member = StaffMemberFactory(start_date=D(2025, 1, 1))
    newcomer = StaffMemberFactory(home=member.home, start_date=D(2026, 11, 1))
    services.supervision_record(
        actor=None, member=member, kind="supervision", held_on=D(2026, 10, 1), supervisor_name="A", today=AS_OF
    )
    [finding] = run_audit(homes=[member.home], as_of=AS_OF, codes=["staff.supervision_overdue"])
    assert finding.subject.id == str(member.public_id) and "1 October 2026" in finding.message
    assert str(newcomer.public_id) != finding.subject.id
    services.supervision_record(
        actor=None, member=member, kind="supervision", held_on=D(2026, 11, 1), supervisor_name="A", today=AS_OF
    )
    assert run_audit(homes=[member.home], as_of=AS_OF, codes=["staff.supervision_overdue"]) == []


def test_mandatory_training_missing_is_high_for_safeguarding_courses(db: Any) -> None:
    member = StaffMemberFactory(start_date=D(2025, 1, 1))
    services.course_catalogue_start(actor=None, provider=member.home.provider)
    courses = {c.code: c for c in member.home.provider.courses.all()}
    for code, course in courses.items():
        if code not in ("bullying", "hsb"):
            services.training_completion_record(
                actor=None, member=member, course=course, completed_on=D(2026, 10, 1), today=AS_OF
            )
    [finding] = run_audit(homes=[member.home], as_of=AS_OF, codes=["training.mandatory_missing"])
    assert finding.severity == "high" and "Harmful sexual behaviour (missing)" in finding.message
    assert {e.label for e in finding.evidence} == {"Bullying", "Harmful sexual behaviour"}
    services.training_completion_record(
        actor=None, member=member, course=courses["hsb"], completed_on=D(2026, 10, 1), today=AS_OF
    )
    [finding] = run_audit(homes=[member.home], as_of=AS_OF, codes=["training.mandatory_missing"])
    assert finding.severity == "medium"


def test_the_staffing_rules_make_a_fixed_number_of_queries(db: Any, django_assert_max_num_queries: Any) -> None:
    home = HomeFactory()
    services.course_catalogue_start(actor=None, provider=home.provider)
    for _ in range(3):
        StaffMemberFactory(home=home)
    codes = [
        "staff.dbs_missing",
        "staff.dbs_stale",
        "staff.recruitment_checks_incomplete",
        "staff.qualification_overdue",
        "staff.supervision_overdue",
        "training.mandatory_missing",
    ]
    with django_assert_max_num_queries(9) as few:
        run_audit(homes=[home], as_of=AS_OF, codes=codes)
    for _ in range(10):
        StaffMemberFactory(home=home)
    with django_assert_max_num_queries(len(few)):
        run_audit(homes=[home], as_of=AS_OF, codes=codes)
