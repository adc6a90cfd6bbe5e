import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.homes.tests.factories import HomeFactory
from hearth.staff import services
from hearth.staff.models import Course, StaffMember, VettingCheck
from hearth.staff.selectors import (
    qualification_statuses,
    staff_current,
    supervision_statuses,
    vetting_items,
    vetting_outstanding_by_member,
)
from hearth.staff.services import staff_member_upsert
from hearth.staff.tests.factories import StaffMemberFactory

D = datetime.date
TODAY = D(2026, 11, 22)


def test_staff_member_with_end_date_before_start_is_refused(db: Any) -> None:
    with pytest.raises(ValidationError, match="before the start date"):
        staff_member_upsert(
            actor=None,
            external_id=None,
            home=HomeFactory(),
            first_name="A",
            last_name="B",
            role="senior",
            start_date=D(2025, 1, 1),
            end_date=D(2024, 1, 1),
        )


def test_current_staff_excludes_leavers_and_future_starters(db: Any) -> None:
    home = HomeFactory()
    common = {"home": home, "last_name": "X", "role": "support_worker"}
    here, _ = staff_member_upsert(actor=None, external_id="s1", first_name="Here", start_date=D(2024, 1, 1), **common)
    staff_member_upsert(
        actor=None, external_id="s2", first_name="Gone", start_date=D(2023, 1, 1), end_date=D(2025, 1, 1), **common
    )
    staff_member_upsert(actor=None, external_id="s3", first_name="Soon", start_date=D(2027, 1, 1), **common)
    assert list(staff_current(home=home, as_of=D(2026, 1, 1))) == [here]


def verify_all(member: StaffMember, *, skip: tuple[str, ...] = (), on: datetime.date = TODAY) -> None:
    """Record every Schedule 2 check except those in ``skip``."""

    def check(kind: str, **extra: Any) -> None:
        services.vetting_check_record(
            actor=None, member=member, kind=kind, verified_on=on, evidence="Seen.", today=on, **extra
        )

    for kind in ("identity", "right_to_work", "employment_history", "reasons_for_leaving", "qualifications"):
        if kind not in skip:
            check(kind)
    if "dbs" not in skip:
        check(
            "dbs",
            dbs_certificate_number="001234567890",
            dbs_issued_on=on - datetime.timedelta(days=10),
            dbs_children_barred_list=True,
        )
    if "reference" not in skip:
        check("reference", referee_name="A Manager", referee_is_latest_employer=True)
        check("reference", referee_name="B Teacher")


def test_a_member_is_cleared_only_when_every_schedule_2_check_is_verified(db: Any) -> None:
    member = StaffMemberFactory()
    assert len(vetting_outstanding_by_member([member])[member.pk]) == 7
    verify_all(member)
    assert vetting_outstanding_by_member([member])[member.pk] == []


def test_references_need_two_and_one_from_the_latest_employer(db: Any) -> None:
    member = StaffMemberFactory()
    verify_all(member, skip=("reference",))
    for name in ("First", "Second"):
        services.vetting_check_record(
            actor=None,
            member=member,
            kind="reference",
            verified_on=TODAY,
            evidence="Letter.",
            today=TODAY,
            referee_name=name,
        )
    assert vetting_outstanding_by_member([member])[member.pk] == [
        "Two written references, one from the latest employer"
    ]


def test_a_dbs_check_without_the_childrens_barred_list_does_not_count(db: Any) -> None:
    member = StaffMemberFactory()
    verify_all(member, skip=("dbs",))
    services.vetting_check_record(
        actor=None,
        member=member,
        kind="dbs",
        verified_on=TODAY,
        evidence="Seen.",
        today=TODAY,
        dbs_certificate_number="001234567890",
        dbs_issued_on=TODAY,
        dbs_children_barred_list=False,
    )
    item = next(i for i in vetting_items(member.vetting_checks.all()) if i.key == "dbs")
    assert not item.done and len(item.checks) == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"dbs_certificate_number": "12345", "dbs_issued_on": TODAY}, "dbs_certificate_number", "12-digit"),
        ({"dbs_certificate_number": "001234567890"}, "dbs_issued_on", "date the certificate was issued"),
        (
            {"dbs_certificate_number": "001234567890", "dbs_issued_on": TODAY + datetime.timedelta(days=1)},
            "dbs_issued_on",
            "after the date it was checked",
        ),
    ],
)
def test_a_dbs_check_must_name_a_real_certificate(db: Any, fields: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.vetting_check_record(
            actor=None,
            member=StaffMemberFactory(),
            kind="dbs",
            verified_on=TODAY,
            evidence="Seen.",
            today=TODAY,
            **fields,
        )
    assert message in " ".join(exc.value.message_dict[field])


def test_a_check_cannot_be_verified_in_the_future_or_carry_other_kinds_fields(db: Any) -> None:
    member = StaffMemberFactory()
    with pytest.raises(ValidationError, match="future"):
        services.vetting_check_record(
            actor=None,
            member=member,
            kind="identity",
            verified_on=TODAY + datetime.timedelta(days=1),
            evidence="x",
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="Not part of"):
        services.vetting_check_record(
            actor=None, member=member, kind="identity", verified_on=TODAY, evidence="x", today=TODAY, referee_name="A"
        )


def test_a_withdrawn_check_stays_on_file_but_no_longer_counts(db: Any) -> None:
    member = StaffMemberFactory()
    verify_all(member)
    check = member.vetting_checks.get(kind="identity")
    services.vetting_check_withdraw(actor=None, check=check, reason="Recorded against the wrong person.")
    assert VettingCheck.objects.filter(pk=check.pk).exists()
    assert vetting_outstanding_by_member([member])[member.pk] == ["Proof of identity with a recent photograph"]
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.vetting_check_withdraw(actor=None, check=check, reason="Again.")
    assert AuditEvent.objects.filter(action="vetting_check.withdrawn").count() == 1


def shift_times(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7)))
    return start, start + datetime.timedelta(hours=8)


def test_nobody_goes_on_shift_until_cleared(db: Any, world: Any) -> None:
    member = StaffMemberFactory(home=world.home_a, start_date=TODAY)
    manager = world.users["registered_manager"]
    starts, ends = shift_times(TODAY + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        services.shift_assign(actor=manager, home=world.home_a, member=member, starts_at=starts, ends_at=ends)
    message = " ".join(exc.value.message_dict["staff_member"])
    assert "cannot be put on shift" in message and "Enhanced DBS certificate" in message
    verify_all(member)
    shift = services.shift_assign(actor=manager, home=world.home_a, member=member, starts_at=starts, ends_at=ends)
    assert shift.vetting_exception is None


def test_the_registered_managers_exception_lets_someone_work_within_its_dates(db: Any, world: Any) -> None:
    member = StaffMemberFactory(home=world.home_a, start_date=TODAY)
    verify_all(member, skip=("reference",))
    manager = world.users["registered_manager"]
    exception = services.vetting_exception_record(
        actor=manager,
        member=member,
        reason="References delayed; the home needs cover.",
        safeguards="Always on shift with a vetted colleague; never alone with a child.",
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=14),
    )
    assert exception.outstanding == ["Two written references, one from the latest employer"]
    inside = shift_times(TODAY + datetime.timedelta(days=14))
    shift = services.shift_assign(
        actor=manager, home=world.home_a, member=member, starts_at=inside[0], ends_at=inside[1]
    )
    assert shift.vetting_exception == exception
    outside = shift_times(TODAY + datetime.timedelta(days=15))
    with pytest.raises(ValidationError, match="risk-assessed exception"):
        services.shift_assign(actor=manager, home=world.home_a, member=member, starts_at=outside[0], ends_at=outside[1])


def test_an_exception_is_refused_when_not_needed_too_long_or_without_safeguards(db: Any, world: Any) -> None:
    member = StaffMemberFactory(home=world.home_a)
    manager = world.users["registered_manager"]
    common = {"actor": manager, "member": member, "reason": "Cover."}
    with pytest.raises(ValidationError, match="at most 90 days"):
        services.vetting_exception_record(
            **common, safeguards="Buddy.", starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=91)
        )
    with pytest.raises(ValidationError, match="how the risk is managed"):
        services.vetting_exception_record(**common, safeguards=" ", starts_on=TODAY, ends_on=TODAY)
    verify_all(member)
    with pytest.raises(ValidationError, match="cleared to start"):
        services.vetting_exception_record(**common, safeguards="Buddy.", starts_on=TODAY, ends_on=TODAY)


def test_a_shift_must_be_at_the_members_home_within_employment_and_sensible_times(db: Any, world: Any) -> None:
    member = StaffMemberFactory(home=world.home_a, start_date=TODAY)
    verify_all(member)
    manager = world.users["registered_manager"]
    starts, ends = shift_times(TODAY)
    with pytest.raises(ValidationError, match="does not work at"):
        services.shift_assign(actor=manager, home=world.home_b, member=member, starts_at=starts, ends_at=ends)
    with pytest.raises(ValidationError, match="end after it starts"):
        services.shift_assign(actor=manager, home=world.home_a, member=member, starts_at=ends, ends_at=starts)
    with pytest.raises(ValidationError, match="at most 24 hours"):
        services.shift_assign(
            actor=manager,
            home=world.home_a,
            member=member,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=25),
        )
    before = shift_times(TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="not employed here"):
        services.shift_assign(actor=manager, home=world.home_a, member=member, starts_at=before[0], ends_at=before[1])


def test_a_cancelled_shift_is_kept_with_its_reason(db: Any, world: Any) -> None:
    member = StaffMemberFactory(home=world.home_a, start_date=TODAY)
    verify_all(member)
    starts, ends = shift_times(TODAY)
    shift = services.shift_assign(actor=None, home=world.home_a, member=member, starts_at=starts, ends_at=ends)
    services.shift_cancel(actor=world.users["deputy_manager"], shift=shift, reason="Off sick.")
    shift.refresh_from_db()
    assert shift.cancelled_reason == "Off sick." and shift.cancelled_by_name
    with pytest.raises(ValidationError, match="already cancelled"):
        services.shift_cancel(actor=None, shift=shift, reason="Again.")


# --- qualifications --------------------------------------------------------------------------------


def test_care_staff_need_level_3_within_two_years_and_a_manager_level_5_within_three(db: Any) -> None:
    worker = StaffMemberFactory(role="support_worker", start_date=D(2024, 11, 1))
    manager = StaffMemberFactory(role="registered_manager", start_date=D(2023, 11, 1))
    cook = StaffMemberFactory(role="ancillary", start_date=D(2020, 1, 1))
    statuses = qualification_statuses([worker, manager, cook], TODAY)
    assert (statuses[worker.pk].required, statuses[worker.pk].due, statuses[worker.pk].overdue) == (
        "level_3",
        D(2026, 11, 1),
        True,
    )
    assert (statuses[manager.pk].required, statuses[manager.pk].due, statuses[manager.pk].overdue) == (
        "level_5",
        D(2026, 11, 1),
        True,
    )
    assert statuses[cook.pk].required is None and not statuses[cook.pk].overdue


def test_a_deferral_moves_the_deadline_and_achieving_it_clears_it(db: Any) -> None:
    worker = StaffMemberFactory(role="support_worker", start_date=D(2024, 11, 1))
    services.qualification_deferral_record(
        actor=None, member=worker, kind="level_3", deferred_until=D(2027, 5, 1), reason="Part-time hours."
    )
    status = qualification_statuses([worker], TODAY)[worker.pk]
    assert status.due == D(2027, 5, 1) and not status.overdue and status.deferral is not None
    q = services.qualification_record(
        actor=None, member=worker, kind="level_3", title="Level 3 Diploma", enrolled_on=D(2025, 1, 1), today=TODAY
    )
    assert qualification_statuses([worker], TODAY)[worker.pk].working_towards == q
    with pytest.raises(ValidationError, match="before enrolling"):
        services.qualification_achieved(
            actor=None, qualification=q, achieved_on=D(2024, 12, 1), certificate_reference="", today=TODAY
        )
    services.qualification_achieved(
        actor=None, qualification=q, achieved_on=D(2026, 10, 1), certificate_reference="C1", today=TODAY
    )
    assert qualification_statuses([worker], TODAY)[worker.pk].state == "Achieved"


# --- training ---------------------------------------------------------------------------------------


def test_every_new_provider_can_start_from_the_default_catalogue_once(db: Any) -> None:
    home = HomeFactory()
    assert services.course_catalogue_start(actor=None, provider=home.provider) == 15
    assert services.course_catalogue_start(actor=None, provider=home.provider) == 0
    county = Course.objects.get(provider=home.provider, code="cce_county_lines")
    assert county.safeguarding and "support_worker" in county.mandatory_for and county.renew_every_months == 24


def test_a_course_refuses_unknown_roles_odd_codes_and_silly_renewal(db: Any) -> None:
    provider = HomeFactory().provider
    with pytest.raises(ValidationError, match="Unknown role"):
        services.course_upsert(actor=None, provider=provider, code="x", title="X", mandatory_for=["cook"])
    with pytest.raises(ValidationError, match="lower-case"):
        services.course_upsert(actor=None, provider=provider, code="Bad Code", title="X", mandatory_for=[])
    with pytest.raises(ValidationError, match="between 1 and 120"):
        services.course_upsert(
            actor=None, provider=provider, code="x", title="X", mandatory_for=[], renew_every_months=0
        )


def test_recording_the_same_completion_twice_changes_nothing(db: Any) -> None:
    member = StaffMemberFactory()
    services.course_catalogue_start(actor=None, provider=member.home.provider)
    course = member.home.provider.courses.get(code="first_aid")
    first, created = services.training_completion_record(
        actor=None, member=member, course=course, completed_on=TODAY, today=TODAY
    )
    again, created_again = services.training_completion_record(
        actor=None, member=member, course=course, completed_on=TODAY, today=TODAY
    )
    assert created and not created_again and first == again


def test_a_completion_refuses_other_providers_courses_bad_dates_and_files(db: Any) -> None:
    member = StaffMemberFactory()
    other = HomeFactory()
    services.course_catalogue_start(actor=None, provider=member.home.provider)
    services.course_catalogue_start(actor=None, provider=other.provider)
    course = member.home.provider.courses.get(code="first_aid")
    common: dict[str, Any] = {"actor": None, "member": member, "today": TODAY}
    with pytest.raises(ValidationError, match="catalogue"):
        services.training_completion_record(
            **common, course=other.provider.courses.get(code="first_aid"), completed_on=TODAY
        )
    with pytest.raises(ValidationError, match="future"):
        services.training_completion_record(**common, course=course, completed_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="after the completion"):
        services.training_completion_record(**common, course=course, completed_on=TODAY, expires_on=TODAY)
    with pytest.raises(ValidationError, match="PDF, JPEG or PNG"):
        services.training_completion_record(
            **common, course=course, completed_on=TODAY, certificate=SimpleUploadedFile("c.exe", b"MZ")
        )
    with pytest.raises(ValidationError, match=r"is named \.pdf but is not a PDF inside"):
        services.training_completion_record(
            **common,
            course=course,
            completed_on=TODAY,
            certificate=SimpleUploadedFile("c.pdf", b"MZ\x90\x00 a program"),
        )


# --- supervision ------------------------------------------------------------------------------------


def test_supervision_sets_the_next_due_date_by_default_and_flags_overdue(db: Any) -> None:
    member = StaffMemberFactory(start_date=D(2025, 1, 1))
    assert supervision_statuses([member], TODAY)[member.pk].supervision_overdue  # never supervised
    record = services.supervision_record(
        actor=None, member=member, kind="supervision", held_on=D(2026, 11, 1), supervisor_name="Dana", today=TODAY
    )
    assert record.next_due == D(2026, 11, 29)
    status = supervision_statuses([member], TODAY)[member.pk]
    assert status.last_supervision == record and not status.supervision_overdue
    assert status.appraisal_overdue  # a year from the start date, and none held
    with pytest.raises(ValidationError, match="after this one"):
        services.supervision_record(
            actor=None,
            member=member,
            kind="appraisal",
            held_on=D(2026, 11, 1),
            supervisor_name="Dana",
            next_due=D(2026, 11, 1),
            today=TODAY,
        )


def test_the_import_command_reports_rows_and_saves_all_or_nothing(db: Any, tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    home = HomeFactory()
    bad = tmp_path / "bad.csv"
    bad.write_text("first_name,last_name,role,start_date\nAna,Bell,senior,2026-01-01\nCal,Dee,chef,2026-01-01\n")
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("staffimport", "--home", home.urn, "staff", str(bad), stderr=err)
    assert "row 3, column role: 'chef' is not a role" in err.getvalue()
    assert not StaffMember.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("first_name,last_name,role,start_date\nAna,Bell,senior,2026-01-01\n")
    out = StringIO()
    call_command("staffimport", "--home", home.urn, "staff", str(good), stdout=out)
    assert "1 added" in out.getvalue() and StaffMember.objects.get().role == "senior"
