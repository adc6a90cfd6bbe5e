"""Ofsted's Annex A information for one home and a date range, read from Hearth's records.

Annex A is the list of information an inspector asks for when an inspection starts (domain.md,
section 10; docs/annex-a.md says which version of the form this follows). Each list is a
``Sheet``: one sheet of the spreadsheet (``spreadsheet.py``), one table of the PDF summary
(``documents.py``). ``annex_a`` reads each kind of record once: a fixed number of queries however
many children, staff or events the home has (tested).

A period is whole days in London time, from ``since`` to ``until`` inclusive; "resident at the time"
means on ``until``. Records voided as duplicates are left out, as every count in Hearth leaves them.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from hearth.allegations.models import Allegation
from hearth.annexa.sheets import Sheet, sheets_of
from hearth.children.models import Placement
from hearth.complaints.models import Complaint
from hearth.control.models import ControlMeasure
from hearth.core.dates import day_start
from hearth.homes.models import Home
from hearth.incidents.models import Incident, MissingEpisode, Notification, PhysicalIntervention
from hearth.notices.models import HomeNotice
from hearth.oversight.models import Reg44Visit
from hearth.risk.models import RiskAssessment, RiskItem
from hearth.staff.models import StaffMember, VettingCheck
from hearth.staff.selectors import vetting_outstanding_by_member

EXPLOITATION = ("cse", "cce")


@dataclass(frozen=True)
class AnnexA:
    home: Home
    since: datetime.date
    until: datetime.date
    produced_at: datetime.datetime
    produced_by: str
    answers: list[tuple[str, str, Any]]  # (Annex A item number or "", the question, the answer)
    sheets: list[Sheet]
    not_held: list[str] = field(default_factory=list)
    allegations: list[Allegation] = field(default_factory=list)  # for the access log

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


def _placements(home: Home, since: datetime.date, until: datetime.date) -> list[Placement]:
    return list(
        Placement.objects.filter(home=home, admitted_on__lte=until)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=since))
        .select_related("child")
        .order_by("admitted_on", "child__first_name")
    )


def _exploitation_risks(home: Home, child_ids: list[int], end: datetime.datetime) -> dict[int, list[RiskItem]]:
    """Each child's CSE and CCE risks in the risk assessment in force at ``end`` (two queries)."""
    latest: dict[int, RiskAssessment] = {}
    approved = RiskAssessment.objects.filter(home=home, child_id__in=child_ids, approved_at__lt=end)
    for version in approved.order_by("-number"):
        latest.setdefault(version.child_id, version)
    child_of_version = {version.pk: child for child, version in latest.items()}
    risks: dict[int, list[RiskItem]] = {}
    for item in RiskItem.objects.filter(assessment__in=latest.values(), domain__in=EXPLOITATION).order_by("domain"):
        risks.setdefault(child_of_version[item.assessment_id], []).append(item)
    return risks


def annex_a(
    *, home: Home, since: datetime.date, until: datetime.date, produced_by: str, producer_id: int | None = None
) -> AnnexA:
    """The pack. An allegation about the person producing it (``producer_id``, a user) is left out
    and said to be: they may not read it (``access.policies.can_view_allegation``)."""
    if until < since:
        raise ValueError("The period ends before it starts.")
    start, end = day_start(since), day_start(until + datetime.timedelta(days=1))
    placements = _placements(home, since, until)
    admitted = [p for p in placements if p.admitted_on >= since]
    left = [p for p in placements if p.left_on is not None and p.left_on <= until]
    resident = [p for p in placements if p.left_on is None or p.left_on > until]
    names = {p.child_id: p.child.display_name for p in placements}

    interventions = list(
        PhysicalIntervention.objects.filter(
            incident__home=home, incident__occurred_at__gte=start, incident__occurred_at__lt=end
        )
        .select_related("incident", "child")
        .prefetch_related("staff_used")
        .order_by("incident__occurred_at")
    )
    episodes = list(
        MissingEpisode.objects.filter(
            incident__home=home, incident__occurred_at__gte=start, incident__occurred_at__lt=end
        )
        .select_related("incident", "child")
        .order_by("incident__occurred_at")
    )
    risks = _exploitation_risks(home, [p.child_id for p in resident], end)
    measures = list(
        ControlMeasure.objects.filter(home=home, at__gte=start, at__lt=end).select_related("child").order_by("at")
    )
    complaints = list(
        Complaint.objects.filter(home=home, received_on__gte=since, received_on__lte=until)
        .select_related("child")
        .order_by("received_on")
    )
    allegations = list(
        Allegation.objects.filter(home=home, received_at__gte=start, received_at__lt=end)
        .select_related("staff_member", "child")
        .order_by("received_at")
    )
    withheld = [a for a in allegations if producer_id is not None and a.staff_member.user_id == producer_id]
    allegations = [a for a in allegations if a not in withheld]
    notifications = list(
        Notification.objects.filter(
            incident__home=home, incident__voided_at__isnull=True, sent_at__gte=start, sent_at__lt=end
        )
        .select_related("incident")
        .order_by("sent_at")
    )
    notices = list(
        HomeNotice.objects.filter(home=home)
        .filter(Q(event_on__gte=since, event_on__lte=until) | Q(sent_on__gte=since, sent_on__lte=until))
        .order_by("event_on")
    )
    staff = list(
        StaffMember.objects.filter(home=home, start_date__lte=until)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
        .order_by("last_name", "first_name")
    )
    outstanding = vetting_outstanding_by_member(staff)
    dbs: dict[int, datetime.date] = {}
    for check in VettingCheck.objects.filter(staff_member__in=staff, kind=VettingCheck.Kind.DBS).order_by(
        "verified_on"
    ):
        dbs[check.staff_member_id] = check.dbs_issued_on or check.verified_on
    visits = list(
        Reg44Visit.objects.filter(home=home, visited_on__gte=since, visited_on__lte=until)
        .prefetch_related("distribution")
        .order_by("visited_on")
    )

    away = [e for e in episodes if e.incident.type in (Incident.Type.MISSING, Incident.Type.AWAY)]
    at_risk_cse = [c for c, items in risks.items() if any(i.domain == "cse" and i.level != "low" for i in items)]
    answers: list[tuple[str, str, Any]] = [
        ("1", "Name of children's home", home.name),
        ("2", "URN of children's home", home.urn),
        ("3", "Name of person completing this form", produced_by),
        ("4", "Date completed", timezone.localdate()),
        ("", "Period covered", f"{since:%-d %B %Y} to {until:%-d %B %Y}"),
        ("5", "Number of children and young people admitted to the home", len(admitted)),
        ("6", "Number of children and young people who have left the home", len(left)),
        ("7", "Number of children and young people resident at the time of inspection", len(resident)),
        ("8a", "Number of incidents of restraint", len(interventions)),
        ("8b", "Number of children involved in these incidents", len({p.child_id for p in interventions})),
        ("9a", "Number of times children were away from placement without authorisation", len(away)),
        (
            "9b",
            "Number of children who were away from placement without authorisation",
            len({e.child_id for e in away}),
        ),
        (
            "10",
            "Number of children currently resident that you consider to be at risk of child sexual exploitation (CSE)",
            len(at_risk_cse),
        ),
        ("", "Number of consequences, sanctions and restrictions used", len(measures)),
        ("", "Number of complaints received", len(complaints)),
        ("", "Number of allegations against staff", len(allegations)),
        ("", "Number of notifications of serious events sent (Regulation 40)", len(notifications)),
        ("", "Number of notices about the home (Regulations 48 and 49)", len(notices)),
        ("", "Number of staff employed in the period", len(staff)),
        ("", "Number of Regulation 44 visits", len(visits)),
    ]
    sheets = sheets_of(
        until=until,
        resident=resident,
        admitted=admitted,
        left=left,
        interventions=interventions,
        episodes=episodes,
        risks=risks,
        names=names,
        measures=measures,
        complaints=complaints,
        allegations=allegations,
        notifications=notifications,
        notices=notices,
        staff=staff,
        outstanding=outstanding,
        dbs=dbs,
        visits=visits,
    )
    return AnnexA(
        home=home,
        since=since,
        until=until,
        produced_at=timezone.now(),
        produced_by=produced_by,
        answers=answers,
        sheets=sheets,
        not_held=NOT_HELD
        + (
            [
                f"{len(withheld)} allegation(s) in the period about the person producing this pack, left out: "
                "the responsible individual holds them."
            ]
            if withheld
            else []
        ),
        allegations=allegations,
    )


NOT_HELD = [
    "Staff vacancies, agency staff and their hours, sickness and turnover: Hearth holds who works at the home and "
    "their shifts, not contracts or payroll.",
    "Children's education and health in figures (attendance rates, exclusions, health assessments) are on each "
    "child's pages; they are not part of this pack.",
    "Anything recorded before the home began to use Hearth, or kept only on paper.",
    "Children's records held by another home of the provider before a child moved here.",
]
