"""Reads for records law: requests with their answer-by date, and records whose time is up."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from hearth.children.models import Placement
from hearth.core.dates import add_years
from hearth.dataprotection.models import RetentionDecision, SubjectAccessRequest
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


def case_record_years() -> int:
    """A child's case record is kept until their 75th birthday (Reg 36; domain.md)."""
    return int(getattr(settings, "HEARTH_RETENTION_CASE_RECORD_YEARS", 75))


def other_record_years() -> int:
    """Other records, a staff file here, 15 years from the last entry (Reg 37; domain.md says verify)."""
    return int(getattr(settings, "HEARTH_RETENTION_OTHER_YEARS", 15))


def requests_of(home: Home) -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.filter(home=home).select_related("child").order_by("-received_on", "-id")


def request_state(request: SubjectAccessRequest, today: datetime.date) -> str:
    if request.responded_on is not None:
        late = request.responded_on > request.answer_by
        return f"Answered {request.responded_on:%-d %B %Y}{' (late)' if late else ''}"
    if request.answer_by < today:
        return f"Overdue: was due by {request.answer_by:%-d %B %Y}"
    extended = " (extended)" if request.extended_to else ""
    return f"Due by {request.answer_by:%-d %B %Y}{extended}"


@dataclass(frozen=True)
class RecordDue:
    """A record whose keeping time is up and which awaits the responsible individual's decision."""

    home: Home
    kind: str  # "child" or "staff"
    record: Any  # the Child or the StaffMember
    due_on: datetime.date
    label: str


def _decided(as_of: datetime.date, **match: Any) -> Exists:
    live = (
        Q(decision__in=[RetentionDecision.Decision.DESTROYED, RetentionDecision.Decision.ANONYMISED])
        | Q(keep_until__isnull=True)
        | Q(keep_until__gt=as_of)
    )
    return Exists(RetentionDecision.objects.filter(live, decided_on__lte=as_of, **match))


def records_due(*, home_ids: list[int], as_of: datetime.date) -> list[RecordDue]:
    """Children who left these homes and are past their 75th birthday, and staff who left 15 years
    ago or more, with no decision in force (two queries). A child living at the home again is not due."""
    born_before = add_years(as_of, -case_record_years())
    living = Placement.objects.filter(child=OuterRef("child_id"), home=OuterRef("home_id")).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=as_of), admitted_on__lte=as_of
    )
    placements = (
        Placement.objects.filter(
            home_id__in=home_ids, left_on__isnull=False, left_on__lte=as_of, child__date_of_birth__lte=born_before
        )
        .exclude(Exists(living))
        .exclude(_decided(as_of, home=OuterRef("home_id"), child=OuterRef("child_id")))
        .select_related("child", "home")
        .order_by("child_id", "-left_on")
    )
    due: dict[tuple[int, int], RecordDue] = {}
    for p in placements:
        due.setdefault(
            (p.home_id, p.child_id),
            RecordDue(
                p.home,
                "child",
                p.child,
                add_years(p.child.date_of_birth, case_record_years()),
                f"{p.child.display_name}'s case record",
            ),
        )
    left_before = add_years(as_of, -other_record_years())
    staff = (
        StaffMember.objects.filter(home_id__in=home_ids, end_date__isnull=False, end_date__lte=left_before)
        .exclude(_decided(as_of, home=OuterRef("home_id"), staff_member=OuterRef("pk")))
        .select_related("home")
    )
    found = list(due.values())
    for member in staff:
        assert member.end_date is not None
        found.append(
            RecordDue(
                member.home,
                "staff",
                member,
                add_years(member.end_date, other_record_years()),
                f"{member.full_name}'s staff file",
            )
        )
    return sorted(found, key=lambda r: (r.due_on, r.label))
