"""Individual risk assessments read as an inspector reads them (Regulation 12; the Guide 9.5;
Regulation 36 for the quality of the text). rules.md "Protection of children" and "Quality of
records".

The facts every rule here needs are loaded once per audit in a fixed number of queries
(``care_state``): the children living in each home on the day, their approved assessments as they
stood then, the items, and the incidents involving them.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.children.models import Child, Placement
from hearth.homes.models import Home
from hearth.incidents.models import Incident, IncidentChild
from hearth.oversight.engine import HIGH, LEADERSHIP, LOW, MEDIUM, PROTECTION, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.links import child_url
from hearth.oversight.rules.timeliness import end_of, incident_ref
from hearth.records.models import LogEntry
from hearth.risk.checks.base import TextFinding
from hearth.risk.checks.generic_index import OtherStrategies
from hearth.risk.domains import domain_label
from hearth.risk.models import RiskAssessment, RiskFlagReview, RiskItem
from hearth.risk.selectors import (
    INDICATOR_DOMAINS,
    check_assessment,
    child_names,
    provider_strategy_index,
    staff_names_by_home,
)


@dataclass
class ChildAtHome:
    child: Child
    home: Home
    placement: Placement
    versions: list[RiskAssessment] = field(default_factory=list)  # approved by the day, oldest first
    items: dict[int, list[RiskItem]] = field(default_factory=dict)  # by assessment id
    incidents: list[Incident] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # incident id -> the child's role in it
    reviewed: dict[int, set[str]] = field(default_factory=dict)  # by assessment id: risks changed or confirmed

    def reviewed_in(self, version: RiskAssessment) -> set[str]:
        """The risks an approval reviewed: those changed or confirmed, where Hearth recorded that;
        for an approval carried in from another system, every risk it holds an item for."""
        if version.reviews_recorded:
            return self.reviewed.get(version.pk, set())
        return {i.domain for i in self.items.get(version.pk, [])}

    @property
    def current(self) -> RiskAssessment | None:
        return self.versions[-1] if self.versions else None

    def current_items(self) -> list[RiskItem]:
        return self.items.get(self.current.pk, []) if self.current else []

    def subject(self) -> Ref:
        return ref(self.child, "child", self.child.display_name, url=child_url(self.child, self.home))


def care_state(ctx: AuditContext) -> list[ChildAtHome]:
    """Children living in the audited homes on ``as_of`` with their assessments and incidents. Five queries."""

    def load() -> list[ChildAtHome]:
        now = end_of(ctx.as_of)
        placements = (
            Placement.objects.filter(home_id__in=ctx.home_ids, admitted_on__lte=ctx.as_of)
            .exclude(left_on__lte=ctx.as_of)
            .select_related("child", "home")
            .order_by("home__name", "child__last_name")
        )
        state = {(p.child_id, p.home_id): ChildAtHome(p.child, p.home, p) for p in placements}
        children = [c for c, _ in state]
        versions = RiskAssessment.objects.filter(
            child_id__in=children, home_id__in=ctx.home_ids, approved_at__lte=now
        ).order_by("number")
        by_id: dict[int, ChildAtHome] = {}
        for v in versions:
            entry = state.get((v.child_id, v.home_id))
            if entry is not None:
                v.child, v.home = entry.child, entry.home  # already loaded: no query per version
                entry.versions.append(v)
                by_id[v.pk] = entry
        for item in RiskItem.objects.filter(assessment_id__in=list(by_id)):
            by_id[item.assessment_id].items.setdefault(item.assessment_id, []).append(item)
        recorded = [
            pk for pk, entry in by_id.items() if entry.versions and any(v.reviews_recorded for v in entry.versions)
        ]
        for assessment_id, domain in RiskFlagReview.objects.filter(assessment_id__in=recorded).values_list(
            "assessment_id", "domain"
        ):
            by_id[assessment_id].reviewed.setdefault(assessment_id, set()).add(domain)
        links = IncidentChild.current.filter(
            child_id__in=children, incident__home_id__in=ctx.home_ids, incident__occurred_at__lt=now
        ).select_related("incident__home")
        for link in links:
            entry = state.get((link.child_id, link.incident.home_id))
            if entry is not None and link.incident_id not in entry.roles:
                entry.incidents.append(link.incident)
                entry.roles[link.incident_id] = link.role
        return list(state.values())

    result: list[ChildAtHome] = ctx.once("care_state", load)
    return result


def assessment_ref(a: RiskAssessment, child: Child) -> Ref:
    return ref(a, "risk_assessment", f"{child.display_name}'s risk assessment, version {a.number}")


@rule(
    "risk.no_current_assessment",
    regulation="12(2)(a)(i)",
    standard=PROTECTION,
    severity=HIGH,
    days=3,
)
def no_current_assessment(ctx: AuditContext) -> Iterator[Finding]:
    """A child placed more than 3 days has no approved individual risk assessment (Reg 12(2)(a)(i))."""
    cutoff = ctx.as_of - datetime.timedelta(days=ctx.threshold("days"))
    for entry in care_state(ctx):
        if entry.current is None and entry.placement.admitted_on < cutoff:
            yield ctx.finding(
                home=entry.home,
                subject=entry.subject(),
                message=f"{entry.child.display_name} has lived here since {entry.placement.admitted_on:%-d %B %Y} "
                "without an approved risk assessment.",
            )


@rule("risk.review_overdue", regulation="12(2)(a)(i)", standard=PROTECTION, severity=MEDIUM)
def review_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """A risk item's review-by date has passed; high severity if the item's level is high (Reg 12)."""
    for entry in care_state(ctx):
        for item in entry.current_items():
            if item.review_by < ctx.as_of:
                assert entry.current is not None
                yield ctx.finding(
                    home=entry.home,
                    subject=entry.subject(),
                    message=f"{entry.child.display_name}'s {domain_label(item.domain).lower()} risk "
                    f"({item.level}) was due for review by {item.review_by:%-d %B %Y}.",
                    evidence=[assessment_ref(entry.current, entry.child)],
                    severity=HIGH if item.level == RiskItem.Level.HIGH else MEDIUM,
                )


@rule(
    "risk.not_updated_after_incident",
    regulation="12(2)(a)(i) and 12(2)(b)",
    standard=PROTECTION,
    severity=HIGH,
    days=3,
    lookback_days=365,
)
def not_updated_after_incident(ctx: AuditContext) -> Iterator[Finding]:
    """An incident of risk domain D involved the child and the child's item for D was not reviewed
    (or created) within 3 days after it: no version approved in those 3 days changed or confirmed
    its item for D (judged per risk: approving a version that rewrote another risk is not a review of D)
    (Reg 12(2)(b): risk assessments kept under review; compliance notices cite exactly this)."""
    now = end_of(ctx.as_of)
    limit = datetime.timedelta(days=ctx.threshold("days"))
    since = now - datetime.timedelta(days=ctx.threshold("lookback_days"))
    for entry in care_state(ctx):
        reviewed = [(v.approved_at, entry.reviewed_in(v)) for v in entry.versions]
        for incident in sorted(entry.incidents, key=lambda i: i.occurred_at):
            if incident.occurred_at < since or incident.occurred_at + limit >= now:
                continue
            missed = [
                d
                for d in incident.risk_domains
                if not any(
                    at is not None and incident.occurred_at < at <= incident.occurred_at + limit and d in domains
                    for at, domains in reviewed
                )
            ]
            if missed:
                names = ", ".join(domain_label(d).lower() for d in missed)
                evidence = [incident_ref(incident)]
                if entry.current:
                    evidence.append(assessment_ref(entry.current, entry.child))
                yield ctx.finding(
                    home=entry.home,
                    subject=entry.subject(),
                    message=f"After the {incident.get_type_display().lower()} on "
                    f"{timezone.localtime(incident.occurred_at):%-d %B %Y}, {entry.child.display_name}'s risk "
                    f"assessment was not reviewed within {limit.days} days for: {names}.",
                    evidence=evidence,
                )


@rule(
    "risk.domain_missing",
    regulation="12(2)(a)(i)",
    standard=PROTECTION,
    severity=HIGH,
    incident_days=90,
    entry_days=30,
    entries=2,
)
def domain_missing(ctx: AuditContext) -> Iterator[Finding]:
    """The records show risk in domain D (an incident of D in the last 90 days, or 2 or more log
    entries with D indicators in 30 days) but the current assessment has no item for D (Reg 12)."""
    now = end_of(ctx.as_of)
    state = care_state(ctx)
    children = [e.child.pk for e in state]
    entry_since = now - datetime.timedelta(days=ctx.threshold("entry_days"))
    entries: dict[tuple[int, int], dict[str, list[tuple[str, datetime.datetime]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = LogEntry.objects.filter(
        home_id__in=ctx.home_ids, children__in=children, occurred_at__gte=entry_since, occurred_at__lt=now
    ).values_list("public_id", "children", "home_id", "indicator_categories", "occurred_at")
    for public_id, child_id, home_id, categories, occurred in rows:
        for domain in {d for c in categories or () for d in INDICATOR_DOMAINS.get(c, ())}:
            entries[(child_id, home_id)][domain].append((str(public_id), occurred))
    incident_since = now - datetime.timedelta(days=ctx.threshold("incident_days"))
    for entry in state:
        has = {i.domain for i in entry.current_items()}
        evidence: dict[str, list[Ref]] = defaultdict(list)
        for incident in entry.incidents:
            if incident.occurred_at >= incident_since:
                for d in incident.risk_domains:
                    if d not in has:
                        evidence[d].append(incident_ref(incident))
        for d, found in entries.get((entry.child.pk, entry.home.pk), {}).items():
            if d not in has and len(found) >= ctx.threshold("entries"):
                evidence[d] += [
                    Ref(
                        "log_entry",
                        public_id,
                        f"Log entry, {timezone.localtime(at):%-d %B %Y %H:%M}",
                        reverse("records:entry", kwargs={"home_id": entry.home.public_id, "entry_id": public_id}),
                    )
                    for public_id, at in found
                ]
        for d, refs in sorted(evidence.items()):
            yield ctx.finding(
                home=entry.home,
                subject=entry.subject(),
                message=f"{entry.child.display_name}'s records show {domain_label(d).lower()} risk, but the current "
                "risk assessment has no item for it.",
                evidence=refs,
            )


# --- the text of the current assessments ------------------------------------------------------

# What each text rule says it found, after "In <child>'s current risk assessment".
TEXT_RULES = {
    "risk.generic_strategy": "a strategy is copied from another child or holds only stock phrases",
    "risk.boundary_breach": "a plan relies on a staff member's personal contact details or private time",
    "records.assessment_too_long": "it is too long or repeats itself",
    "records.historical_in_current": "the current-risk text describes events over 12 months old",
    "records.not_child_centred": "it uses stigmatising or jargon words, or reads far above the child's level",
}


# The text checks' findings on approved versions, by (version, when it last changed, the child's
# and the home's staff's names, the checks run): at most ``_CHECKED_MAX``, the oldest forgotten first.
_CHECKED: dict[tuple[Any, ...], list[TextFinding]] = {}
_CHECKED_MAX = 20_000


def _remember(key: tuple[Any, ...], found: list[TextFinding]) -> None:
    if len(_CHECKED) >= _CHECKED_MAX:
        del _CHECKED[next(iter(_CHECKED))]
    _CHECKED[key] = found


def text_findings(ctx: AuditContext) -> dict[str, list[tuple["ChildAtHome", list[TextFinding]]]]:
    """The text checks (risk/checks) over every current assessment, grouped by rule code.

    Beyond ``care_state``: each provider's strategy index (one query when this process has it
    already, ``provider_strategy_index``), and staff names per home. Each assessment is read as of
    the day it was approved.
    """

    def load() -> dict[str, list[tuple[ChildAtHome, list[TextFinding]]]]:
        state = [e for e in care_state(ctx) if e.current is not None]
        # The copy check needs the provider's index; an audit that does not run it (a home's own
        # re-audit: the worker runs the comparisons for the whole provider) does not build one.
        running = set(TEXT_RULES) & ctx.codes  # the text checks this audit runs: no others are worked out
        compare = "risk.generic_strategy" in running
        providers = {e.home.provider_id for e in state} if compare else set()
        indexes = {p: provider_strategy_index(provider_id=p) for p in providers}
        staff = staff_names_by_home(home_ids=ctx.home_ids)
        out: dict[str, list[tuple[ChildAtHome, list[TextFinding]]]] = defaultdict(list)
        for entry in state:
            current = entry.current
            assert current is not None and current.approved_at is not None
            day = timezone.localtime(current.approved_at).date()
            others: OtherStrategies | list[tuple[str, str, tuple[str, ...]]] = (
                indexes[entry.home.provider_id].others(entry.child.pk) if compare else []
            )
            names = staff.get(entry.home.pk, ())
            # An approved version never changes: what its own words give (no comparison with
            # other children's plans) is kept for the worker's next re-audit of the home.
            child = entry.child
            key = None if compare else (current.pk, current.updated_at, child_names(child), names, frozenset(running))
            found = _CHECKED.get(key) if key is not None else None
            if found is None:
                found = check_assessment(
                    current, as_of=day, others=others, staff=names, items=entry.current_items(), codes=running
                ).findings
                if key is not None:
                    _remember(key, found)
            for code in TEXT_RULES:
                mine = [f for f in found if f.code == code]
                if mine:
                    out[code].append((entry, mine))
        return out

    result: dict[str, list[tuple[ChildAtHome, list[TextFinding]]]] = ctx.once("text_findings", load)
    return result


def _text_rule(ctx: AuditContext) -> Iterator[Finding]:
    assert ctx.spec is not None
    what = TEXT_RULES[ctx.spec.code]
    for entry, found in text_findings(ctx).get(ctx.spec.code, []):
        assert entry.current is not None
        where = "; ".join(sorted({f"{f.where}: “{f.excerpt}”" if f.excerpt else f.where for f in found}))
        yield ctx.finding(
            home=entry.home,
            subject=entry.subject(),
            message=f"In {entry.child.display_name}'s current risk assessment {what} ({where}).",
            evidence=[assessment_ref(entry.current, entry.child)],
        )


@rule("risk.generic_strategy", regulation="12(2)(a)(i)", standard=PROTECTION, severity=MEDIUM)
def generic_strategy(ctx: AuditContext) -> Iterator[Finding]:
    """A strategy is near-identical (similarity 0.9 or more, names set aside) to another child's in the
    same provider, or holds nothing specific to the child (Reg 12(2)(a)(i); the Guide 9.5: plans
    individual to the child)."""
    return _text_rule(ctx)


@rule("risk.boundary_breach", regulation="12(2)(a)(i) and 13(2)(a)", standard=PROTECTION, severity=HIGH)
def boundary_breach(ctx: AuditContext) -> Iterator[Finding]:
    """A strategy or plan relies on a staff member's personal contact details or private time: a
    personal mobile, social media, their home or family (Reg 12(2)(a)(i); Reg 13(2)(a))."""
    return _text_rule(ctx)


@rule("records.assessment_too_long", regulation="36(1) and 12(2)(a)(i)", standard=LEADERSHIP, severity=MEDIUM)
def assessment_too_long(ctx: AuditContext) -> Iterator[Finding]:
    """The current risk assessment runs over 1,500 words, or over 20% of its sentences repeat
    (Reg 36(1); Reg 12: the current danger must not be buried)."""
    return _text_rule(ctx)


@rule("records.historical_in_current", regulation="36(1)", standard=LEADERSHIP, severity=LOW)
def historical_in_current(ctx: AuditContext) -> Iterator[Finding]:
    """The current-risk text describes events more than 12 months before its review; they belong in
    the history section (Reg 36(1); the Guide 14.4)."""
    return _text_rule(ctx)


@rule("records.not_child_centred", regulation="36(1) and 7(2)(a)", standard=LEADERSHIP, severity=LOW)
def not_child_centred(ctx: AuditContext) -> Iterator[Finding]:
    """Text a child may read uses stigmatising or jargon terms ("absconded", "manipulative",
    "kicked off"…) or reads far above the child's level (Reg 36(1); Reg 7; the Guide 14.5)."""
    return _text_rule(ctx)
