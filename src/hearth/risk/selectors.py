"""Reads for risk assessments: the current version, drafts, review flags and the text checks."""

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from hearth.children.models import Child
from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.risk.checks import (
    TextFinding,
    boundary_breaches,
    child_centred_findings,
    generic_strategy_findings,
    historical_mentions,
    length_findings,
)
from hearth.risk.checks.generic_index import OtherStrategies
from hearth.risk.domains import domain_label
from hearth.risk.models import RiskAssessment, RiskItem

# The review flags live in review_flags.py and the provider's strategy index in
# strategy_indexes.py; they are read from here like every other risk read.
from hearth.risk.review_flags import INDICATOR_DOMAINS as INDICATOR_DOMAINS
from hearth.risk.review_flags import ReviewFlag as ReviewFlag
from hearth.risk.review_flags import ReviewRequest as ReviewRequest
from hearth.risk.review_flags import clearing_times as clearing_times
from hearth.risk.review_flags import review_flags as review_flags
from hearth.risk.review_flags import review_flags_for_home as review_flags_for_home
from hearth.risk.strategy_indexes import Strategy as Strategy
from hearth.risk.strategy_indexes import child_names as child_names
from hearth.risk.strategy_indexes import forget_strategy_indexes as forget_strategy_indexes
from hearth.risk.strategy_indexes import other_strategies_indexed as other_strategies_indexed
from hearth.risk.strategy_indexes import provider_strategies as provider_strategies
from hearth.risk.strategy_indexes import provider_strategy_index as provider_strategy_index
from hearth.risk.strategy_indexes import provider_strategy_version as provider_strategy_version


def current_assessment(*, child: Child, home: Home) -> RiskAssessment | None:
    """The newest approved version written at this home: the one its staff follow.

    A child who moves is assessed afresh by the new home, like the rest of the case record kept
    there (another provider's records are not shown; see the access policies).
    """
    return (
        RiskAssessment.objects.filter(child=child, home=home, approved_at__isnull=False)
        .order_by("-number")
        .prefetch_related(Prefetch("items", queryset=RiskItem.objects.prefetch_related("incidents")))
        .first()
    )


def current_assessments(*, home: Home, child_ids: Iterable[int]) -> dict[int, RiskAssessment]:
    """``current_assessment`` for many children at once (two queries): by child's key."""
    current: dict[int, RiskAssessment] = {}
    approved = RiskAssessment.objects.filter(child_id__in=list(child_ids), home=home, approved_at__isnull=False)
    for version in approved.order_by("-number"):
        current.setdefault(version.child_id, version)
    prefetch_related_objects(list(current.values()), "items")
    return current


def draft_assessment(*, child: Child, home: Home) -> RiskAssessment | None:
    return RiskAssessment.objects.filter(child=child, home=home, approved_at__isnull=True).first()


def assessment_versions(*, child: Child, home: Home) -> QuerySet[RiskAssessment]:
    return RiskAssessment.objects.filter(child=child, home=home).select_related("home").order_by("-number")


def items_by_level(assessment: RiskAssessment) -> list[RiskItem]:
    """Highest risk first, then by domain: the order staff need to read them in."""
    return sorted(assessment.items.all(), key=lambda i: (RiskItem.LEVEL_ORDER.get(i.level, 9), i.domain))


def staff_names_by_home(*, home_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """First and last names of everyone who has worked at each home, so that a plan naming a worker's
    phone or house is recognised (``risk.boundary_breach``). One query."""
    from hearth.staff.models import StaffMember

    names: dict[int, set[str]] = {}
    for home_id, first, last in StaffMember.objects.filter(home_id__in=list(home_ids)).values_list(
        "home_id", "first_name", "last_name"
    ):
        names.setdefault(home_id, set()).update(n for n in (first, last) if n)
    return {home_id: tuple(sorted(found)) for home_id, found in names.items()}


def staff_names(*, home: Home) -> tuple[str, ...]:
    return staff_names_by_home(home_ids=[home.pk]).get(home.pk, ())


# The codes of the text checks (``risk/checks``), as the oversight rules name them.
TEXT_CHECKS = (
    "risk.generic_strategy",
    "risk.boundary_breach",
    "records.assessment_too_long",
    "records.historical_in_current",
    "records.not_child_centred",
)


@dataclass
class ItemText:
    """The words of one item as written (saved or being typed), to check."""

    domain: str
    fields: dict[str, str]


@dataclass
class CheckResult:
    findings: list[TextFinding] = field(default_factory=list)


def check_item_text(
    item: ItemText,
    *,
    child: Child,
    as_of: datetime.date,
    others: list[tuple[str, str, tuple[str, ...]]] | OtherStrategies,
    staff: tuple[str, ...] = (),
    codes: Collection[str] | None = None,
) -> list[TextFinding]:
    """Every text check on one item (or those of ``codes``): generic or copied strategy,
    boundaries, old events in the current-risk text, and words a child should not read about
    themselves."""
    wanted = set(TEXT_CHECKS) if codes is None else set(codes)
    names = child_names(child)
    age = child.age_on(as_of)
    label = domain_label(item.domain)
    verbose = {f: RiskItem.field_label(f).capitalize() for f in RiskItem.TEXT_FIELDS}
    findings: list[TextFinding] = []
    for f in RiskItem.STRATEGY_FIELDS if "risk.generic_strategy" in wanted else ():
        text = item.fields.get(f, "")
        if text.strip():
            findings += generic_strategy_findings(text, where=f"{label}: {verbose[f]}", names=names, others=others)
    for f in RiskItem.TEXT_FIELDS:
        text = item.fields.get(f, "")
        if "risk.boundary_breach" in wanted:
            findings += boundary_breaches(text, where=f"{label}: {verbose[f]}", child_names=names, staff_names=staff)
        if "records.not_child_centred" in wanted:
            findings += child_centred_findings(text, where=f"{label}: {verbose[f]}", age=age)
    if "records.historical_in_current" in wanted:
        findings += historical_mentions(
            item.fields.get("current_risk", ""), as_of=as_of, age=age, where=f"{label}: {verbose['current_risk']}"
        )
    return findings


def check_assessment(
    assessment: RiskAssessment,
    *,
    as_of: datetime.date | None = None,
    others: list[tuple[str, str, tuple[str, ...]]] | OtherStrategies | None = None,
    staff: tuple[str, ...] | None = None,
    items: list[RiskItem] | None = None,
    codes: Collection[str] | None = None,
) -> CheckResult:
    """All the text checks over one version, as a manager sees them before approving.

    The oversight rules pass ``others``, ``staff`` and ``items`` loaded for many assessments at
    once, and the ``codes`` of the checks their audit runs (``TEXT_CHECKS``; all if not given).
    """
    wanted = set(TEXT_CHECKS) if codes is None else set(codes)
    as_of = as_of or (assessment.approved_at.date() if assessment.approved_at else today())
    child = assessment.child
    if others is None:
        others = (
            other_strategies_indexed(home=assessment.home, child=child) if "risk.generic_strategy" in wanted else []
        )
    if staff is None:
        staff = staff_names(home=assessment.home)
    result = CheckResult()
    texts: list[str] = [assessment.strengths, assessment.child_words]
    for item in assessment.items.all() if items is None else items:
        fields = {f: getattr(item, f) for f in RiskItem.TEXT_FIELDS}
        texts += fields.values()
        result.findings += check_item_text(
            ItemText(item.domain, fields), child=child, as_of=as_of, others=others, staff=staff, codes=wanted
        )
    age = child.age_on(as_of)
    for label, text in (("Strengths", assessment.strengths), ("In the child's words", assessment.child_words)):
        if "records.not_child_centred" in wanted:
            result.findings += child_centred_findings(text, where=label, age=age)
        if "risk.boundary_breach" in wanted:
            result.findings += boundary_breaches(text, where=label, child_names=child_names(child), staff_names=staff)
    if "records.assessment_too_long" in wanted:
        result.findings += length_findings(texts)
    return result
