"""Reads for risk assessments: the current version, drafts, review flags and the text checks."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery, prefetch_related_objects

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
from hearth.risk.checks.generic_index import OtherStrategies, StrategyIndex
from hearth.risk.domains import domain_label
from hearth.risk.models import RiskAssessment, RiskItem

# The review flags live in review_flags.py; they are read from here like every other risk read.
from hearth.risk.review_flags import INDICATOR_DOMAINS as INDICATOR_DOMAINS
from hearth.risk.review_flags import ReviewFlag as ReviewFlag
from hearth.risk.review_flags import ReviewRequest as ReviewRequest
from hearth.risk.review_flags import clearing_times as clearing_times
from hearth.risk.review_flags import review_flags as review_flags
from hearth.risk.review_flags import review_flags_for_home as review_flags_for_home


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


def child_names(child: Child) -> tuple[str, ...]:
    return tuple(n for n in (child.first_name, child.known_as, child.last_name) if n)


@dataclass(frozen=True)
class Strategy:
    """One strategy of a child's newest assessment version, labelled without the child's words."""

    provider_id: int
    child_id: int
    label: str
    text: str
    names: tuple[str, ...]
    home_id: int = 0
    plan: str = ""  # the label without the child's initials: "self-harm plan (before)"


def provider_strategies(*, provider_ids: Iterable[int]) -> list[Strategy]:
    """Every child's strategies in the newest version (current or draft) of their assessment that
    has items, in these providers, labelled by the child's initials and the domain, so that a warning names where
    a near-copy is without showing another child's words.

    Two queries, reading only the newest version's items (older versions stay in the database:
    a large provider holds tens of thousands of them) and only the columns needed."""
    ids = list(provider_ids)
    newest = (
        RiskAssessment.objects.filter(
            child_id=OuterRef("assessment__child_id"),
            home__provider_id=OuterRef("assessment__home__provider_id"),
            items__isnull=False,  # a draft started empty does not hide the version before it
        )
        .order_by("-number")
        .values("number")[:1]
    )
    rows = (
        RiskItem.objects.filter(assessment__home__provider_id__in=ids, assessment__number=Subquery(newest))
        .order_by("assessment__child_id", "domain")
        .values(
            "assessment__child_id",
            "assessment__home_id",
            "assessment__home__provider_id",
            "domain",
            *RiskItem.STRATEGY_FIELDS,
        )
    )
    rows = list(rows)
    children = {c.pk: c for c in Child.objects.filter(pk__in={r["assessment__child_id"] for r in rows})}
    domains = dict(RiskItem._meta.get_field("domain").flatchoices)
    out = []
    for row in rows:
        child = children[row["assessment__child_id"]]
        for f in RiskItem.STRATEGY_FIELDS:
            text = row[f]
            if text.strip():
                plan = f"{str(domains[row['domain']]).lower()} plan ({RiskItem.field_label(f).lower()})"
                out.append(
                    Strategy(
                        row["assessment__home__provider_id"],
                        child.pk,
                        f"{child.initials}'s {plan}",
                        text,
                        child_names(child),
                        home_id=row["assessment__home_id"],
                        plan=plan,
                    )
                )
    return out


# A provider's strategy index, kept between audits and checks in this process while its risk
# assessments are unchanged: built from every child's newest assessment, it is the costly part of
# auditing one home, and of checking a plan as it is typed. Beside it, where each label's plan is.
_PROVIDER_INDEXES: dict[int, tuple[tuple[Any, ...], StrategyIndex, dict[str, tuple[int, str]]]] = {}


def provider_strategy_version(*, provider_id: int) -> tuple[Any, ...]:
    """What changes whenever any of the provider's plans changes: one aggregate query."""
    return tuple(
        RiskItem.objects.filter(assessment__home__provider_id=provider_id)
        .aggregate(items=Count("id"), changed=Max("updated_at"), assessment_changed=Max("assessment__updated_at"))
        .values()
    )


def _provider_index(provider_id: int) -> tuple[StrategyIndex, dict[str, tuple[int, str]]]:
    version = provider_strategy_version(provider_id=provider_id)
    cached = _PROVIDER_INDEXES.get(provider_id)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    strategies = provider_strategies(provider_ids=[provider_id])
    index = StrategyIndex([(s.child_id, s.label, s.text, s.names) for s in strategies])
    where = {s.label: (s.home_id, s.plan) for s in strategies}
    _PROVIDER_INDEXES[provider_id] = (version, index, where)
    return index, where


def provider_strategy_index(*, provider_id: int) -> StrategyIndex:
    """The provider's strategies indexed for finding near-copies (``StrategyIndex``). Rebuilt when an
    assessment or item of the provider is added or changed (one aggregate query tells); otherwise
    the one this process built before."""
    return _provider_index(provider_id)[0]


class OtherStrategiesNamedFromHome(OtherStrategies):
    """``OtherStrategies`` as a worker at ``home`` may see them: a plan at another of the
    provider's homes is not named, not even by the child's initials."""

    def __init__(self, index: StrategyIndex, owner: object, *, home_id: int, where: dict[str, tuple[int, str]]) -> None:
        super().__init__(index, owner)
        self.home_id, self.where = home_id, where

    def near(self, mine: tuple[str, ...]) -> Iterator[tuple[str, tuple[str, ...]]]:
        for label, words in super().near(mine):
            home_id, plan = self.where.get(label, (self.home_id, ""))
            yield (label if home_id == self.home_id else f"a {plan} at another of the provider's homes"), words


def other_strategies_indexed(*, home: Home, child: Child) -> OtherStrategiesNamedFromHome:
    """Every other child's strategies in the provider, through the provider's index: what the live
    check and a version's page compare a plan with (fast once the index is built)."""
    index, where = _provider_index(home.provider_id)
    return OtherStrategiesNamedFromHome(index, child.pk, home_id=home.pk, where=where)


def forget_strategy_indexes() -> None:
    """Drop the strategy indexes this process keeps (the benchmark times building them afresh)."""
    _PROVIDER_INDEXES.clear()


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
) -> list[TextFinding]:
    """Every text check on one item: generic or copied strategy, boundaries, old events in the
    current-risk text, and words a child should not read about themselves."""
    names = child_names(child)
    age = child.age_on(as_of)
    label = domain_label(item.domain)
    verbose = {f: RiskItem.field_label(f).capitalize() for f in RiskItem.TEXT_FIELDS}
    findings: list[TextFinding] = []
    for f in RiskItem.STRATEGY_FIELDS:
        text = item.fields.get(f, "")
        if text.strip():
            findings += generic_strategy_findings(text, where=f"{label}: {verbose[f]}", names=names, others=others)
    for f in RiskItem.TEXT_FIELDS:
        text = item.fields.get(f, "")
        findings += boundary_breaches(text, where=f"{label}: {verbose[f]}", child_names=names, staff_names=staff)
        findings += child_centred_findings(text, where=f"{label}: {verbose[f]}", age=age)
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
) -> CheckResult:
    """All the text checks over one version, as a manager sees them before approving.

    The oversight rules pass ``others``, ``staff`` and ``items`` loaded for many assessments at once.
    """
    as_of = as_of or (assessment.approved_at.date() if assessment.approved_at else today())
    child = assessment.child
    if others is None:
        others = other_strategies_indexed(home=assessment.home, child=child)
    if staff is None:
        staff = staff_names(home=assessment.home)
    result = CheckResult()
    texts: list[str] = [assessment.strengths, assessment.child_words]
    for item in assessment.items.all() if items is None else items:
        fields = {f: getattr(item, f) for f in RiskItem.TEXT_FIELDS}
        texts += fields.values()
        result.findings += check_item_text(
            ItemText(item.domain, fields), child=child, as_of=as_of, others=others, staff=staff
        )
    age = child.age_on(as_of)
    for label, text in (("Strengths", assessment.strengths), ("In the child's words", assessment.child_words)):
        result.findings += child_centred_findings(text, where=label, age=age)
        result.findings += boundary_breaches(text, where=label, child_names=child_names(child), staff_names=staff)
    result.findings += length_findings(texts)
    return result
