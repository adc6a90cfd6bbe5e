"""Reads for a child's education page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from hearth.children.models import Child
from hearth.education.codes import CODES, attendance_rate
from hearth.education.models import AbsenceAction, AttendanceMark, Exclusion, PepReview, Provision
from hearth.education.terms import Term, school_days_back, term_of
from hearth.homes.models import Home

WINDOW_SCHOOL_DAYS = 20  # four school weeks (rules.md education.attendance_low)


@dataclass
class EducationOverview:
    current: list[Provision]
    reviews: list[PepReview]
    term: Term
    reviewed_this_term: bool
    marks: list[tuple[datetime.date, str, str]] = field(default_factory=list)  # (day, morning, afternoon) in words
    rate: float | None = None
    exclusions: list[Exclusion] = field(default_factory=list)
    actions: list[AbsenceAction] = field(default_factory=list)

    @property
    def rate_percent(self) -> str:
        return "" if self.rate is None else f"{self.rate * 100:.0f}%"


def education_overview(*, child: Child, home: Home, today: datetime.date) -> EducationOverview:
    """Five queries: provision, PEP reviews, four weeks' marks, exclusions, absence actions."""
    current = list(
        Provision.objects.filter(child=child, home=home, starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
    )
    reviews = list(PepReview.objects.filter(child=child, home=home)[:6])
    term = term_of(today)
    since = school_days_back(today, WINDOW_SCHOOL_DAYS)
    marks = list(AttendanceMark.objects.filter(child=child, home=home, on__gt=since, on__lte=today))
    days: dict[datetime.date, dict[str, str]] = {}
    for m in marks:
        days.setdefault(m.on, {})[m.session] = m.code
    return EducationOverview(
        current=current,
        reviews=reviews,
        term=term,
        reviewed_this_term=any(r.held_on >= term.starts_on for r in reviews),
        marks=[
            (d, code_meaning(v.get("am", "")), code_meaning(v.get("pm", "")))
            for d, v in sorted(days.items(), reverse=True)
        ],
        rate=attendance_rate([m.code for m in marks]),
        exclusions=list(Exclusion.objects.filter(child=child, home=home)[:5]),
        actions=list(AbsenceAction.objects.filter(child=child, home=home)[:5]),
    )


def code_meaning(code: str) -> str:
    return CODES[code].meaning if code in CODES else ""
