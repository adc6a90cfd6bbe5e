import datetime
from dataclasses import dataclass
from typing import Any

import factory
from django.utils import timezone

from hearth.homes.tests.factories import HomeFactory
from hearth.staff.models import StaffMember


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    home = factory.SubFactory(HomeFactory)
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    role = StaffMember.Role.SUPPORT_WORKER
    start_date = datetime.date(2024, 1, 1)


@dataclass
class StaffRecords:
    """One of each staffing record for a member, as the access matrix and view tests need."""

    check: Any
    qualification: Any
    completion: Any
    shift: Any


def staffing_records(member: StaffMember) -> StaffRecords:
    """A safeguarding course in the member's provider's catalogue, a verified identity check, a Level 3 in
    progress, a completion with a certificate, and a shift tomorrow (under an exception, since the
    member is not yet cleared)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hearth.staff import services

    today = timezone.localdate()
    course, _ = services.course_upsert(
        actor=None,
        provider=member.home.provider,
        code="safeguarding",
        title="Safeguarding children",
        mandatory_for=["support_worker"],
        renew_every_months=12,
        safeguarding=True,
    )
    check = services.vetting_check_record(
        actor=None, member=member, kind="identity", verified_on=today, evidence="Passport seen.", today=today
    )
    qualification = services.qualification_record(
        actor=None, member=member, kind="level_3", title="Level 3 Diploma", today=today
    )
    completion, _ = services.training_completion_record(
        actor=None,
        member=member,
        course=course,
        completed_on=today,
        today=today,
        certificate=SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    exception = services.vetting_exception_record(
        actor=None,
        member=member,
        reason="Starting while references arrive.",
        safeguards="Always with a vetted colleague.",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
    )
    tomorrow = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    shift = services.shift_assign(
        actor=None,
        home=member.home,
        member=member,
        starts_at=tomorrow,
        ends_at=tomorrow + datetime.timedelta(hours=8),
        vetting_exception=exception,
    )
    return StaffRecords(check, qualification, completion, shift)
