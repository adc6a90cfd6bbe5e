"""Which risks of a child's assessment need a manager's review, and why (rules.md "Domains and
indicators"; domain.md section 8): an incident or a review request on a risk since that risk was
last reviewed at an approval, or a review-by date passed."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.risk.domains import domain_label
from hearth.risk.indicators import concern_label
from hearth.risk.models import RiskAssessment, RiskItem


def _current_assessment(*, child: Child, home: Home) -> RiskAssessment | None:
    from hearth.risk.selectors import current_assessment

    return current_assessment(child=child, home=home)


@dataclass(frozen=True)
class ReviewFlag:
    """A domain of the child's assessment that needs a manager's review, and why."""

    domain: str
    reason: str
    incident: Incident | None = None
    item: RiskItem | None = None
    raised_at: datetime.datetime | None = None  # the incident, or the request for a review

    @property
    def domain_label(self) -> str:
        return domain_label(self.domain)


# The possible-concern categories of a log entry (risk.indicators) and the domains they bear on.
INDICATOR_DOMAINS: dict[str, tuple[str, ...]] = {
    "cse": ("cse",),
    "cce": ("cce",),
    "exploitation": ("cse", "cce"),
    "missing": ("missing",),
    "self_harm": ("self_harm",),
    "bullying": ("bullying_victim",),
    "radicalisation": ("radicalisation",),
    "online_harm": ("online",),
}


@dataclass(frozen=True)
class ReviewRequest:
    """Someone answered a possible concern in a log entry with "risk assessment review asked for"."""

    asked_at: datetime.datetime
    entry_at: datetime.datetime
    categories: tuple[str, ...]


def _review_requests(home: Home, child_ids: list[int]) -> dict[int, list[ReviewRequest]]:
    from hearth.records.models import ConcernResponse

    rows = ConcernResponse.objects.filter(
        entry__home=home, entry__children__in=child_ids, response=ConcernResponse.Response.RISK_REVIEW
    ).values_list("entry__children", "responded_at", "entry__occurred_at", "entry__indicator_categories")
    out: dict[int, list[ReviewRequest]] = {}
    for child_id, asked_at, entry_at, categories in rows:
        out.setdefault(child_id, []).append(ReviewRequest(asked_at, entry_at, tuple(categories or ())))
    return out


def clearing_times(*, home: Home, child_ids: Iterable[int]) -> dict[int, dict[str, datetime.datetime]]:
    """When each child's flags on each risk were last cleared at this home, by child and domain
    (two queries). An approval in Hearth clears only the risks its manager changed or confirmed
    (``RiskFlagReview``); an imported approval, which did not record that, clears every risk."""
    from hearth.risk.domains import DOMAINS
    from hearth.risk.models import RiskFlagReview

    approved = list(
        RiskAssessment.objects.filter(child_id__in=list(child_ids), home=home, approved_at__isnull=False)
        .order_by("approved_at")
        .values_list("pk", "child_id", "approved_at", "reviews_recorded")
    )
    reviewed: dict[int, set[str]] = {}
    recorded = [pk for pk, _, _, flag in approved if flag]
    for assessment_id, domain in RiskFlagReview.objects.filter(assessment_id__in=recorded).values_list(
        "assessment_id", "domain"
    ):
        reviewed.setdefault(assessment_id, set()).add(domain)
    out: dict[int, dict[str, datetime.datetime]] = {}
    for pk, child_id, approved_at, flag in approved:  # oldest first: the newest clearing wins
        if approved_at is None:
            continue
        for domain in reviewed.get(pk, set()) if flag else DOMAINS:
            out.setdefault(child_id, {})[domain] = approved_at
    return out


def _flags(
    items: list[RiskItem],
    incidents: list[Incident],
    as_of: datetime.date,
    requests: list[ReviewRequest] = (),  # type: ignore[assignment]
    cleared: dict[str, datetime.datetime] | None = None,
) -> list[ReviewFlag]:
    """The open flags on a child's current items: an incident or a review request on a risk since
    that risk was last cleared (``clearing_times``), or a review-by date passed."""
    cleared = cleared or {}

    def still_open(domain: str, at: datetime.datetime) -> bool:
        return domain not in cleared or at > cleared[domain]

    by_domain = {i.domain: i for i in items}
    flags: list[ReviewFlag] = []
    flagged: set[str] = set()
    for incident in sorted(incidents, key=lambda i: i.occurred_at):
        for domain in incident.risk_domains:
            if domain in flagged or not still_open(domain, incident.occurred_at):
                continue
            flagged.add(domain)
            when = f"{incident.get_type_display().lower()} on {incident.occurred_at:%d %B %Y}"
            if domain in by_domain:
                flags.append(
                    ReviewFlag(domain, f"Review after the {when}.", incident, by_domain[domain], incident.occurred_at)
                )
            else:
                flags.append(
                    ReviewFlag(
                        domain,
                        f"No item for this risk, though the {when} shows it.",
                        incident,
                        None,
                        incident.occurred_at,
                    )
                )
    for request in sorted(requests, key=lambda r: r.asked_at):
        for category in request.categories:
            for domain in INDICATOR_DOMAINS.get(category, ()):
                if domain in flagged or not still_open(domain, request.asked_at):
                    continue
                flagged.add(domain)
                what = concern_label(category).lower()
                reason = f"Review asked for after the log entry of {request.entry_at:%d %B %Y} ({what})."
                flags.append(ReviewFlag(domain, reason, None, by_domain.get(domain), request.asked_at))
    for domain, item in by_domain.items():
        if domain not in flagged and item.review_by < as_of:
            flags.append(ReviewFlag(domain, f"Review was due by {item.review_by:%d %B %Y}.", None, item))
    return flags


def review_flags(*, child: Child, home: Home, as_of: datetime.date) -> list[ReviewFlag]:
    """Items to review: an incident or a review request bearing on a risk since that risk was last
    cleared (changed or confirmed at an approval: ``clearing_times``), or a review-by date that
    has passed.

    Compliance notices cite assessments "not updated after serious incidents" (domain.md section 8).
    """
    current = _current_assessment(child=child, home=home)
    items = list(current.items.all()) if current else []
    incidents = Incident.objects.filter(home=home, involved_children__child=child).distinct()
    requests = _review_requests(home, [child.pk]).get(child.pk, [])
    cleared = clearing_times(home=home, child_ids=[child.pk]).get(child.pk, {})
    return _flags(items, list(incidents), as_of, requests, cleared)


def review_flags_for_home(*, home: Home, as_of: datetime.date) -> list[tuple[Child, ReviewFlag]]:
    """``review_flags`` for every child living in the home, in seven queries whatever the numbers."""
    from hearth.children.selectors import children_current
    from hearth.incidents.models import IncidentChild

    children = {c.pk: c for c in children_current(home=home, as_of=as_of)}
    current: dict[int, RiskAssessment] = {}
    approved = RiskAssessment.objects.filter(child_id__in=children, home=home, approved_at__isnull=False)
    for version in approved.order_by("-number"):
        current.setdefault(version.child_id, version)
    items: dict[int, list[RiskItem]] = {}
    for item in RiskItem.objects.filter(assessment__in=list(current.values())):
        items.setdefault(item.assessment_id, []).append(item)
    incidents: dict[int, list[Incident]] = {}
    for link in IncidentChild.current.filter(child_id__in=children, incident__home=home).select_related("incident"):
        incidents.setdefault(link.child_id, []).append(link.incident)
    requests = _review_requests(home, list(children))
    cleared = clearing_times(home=home, child_ids=list(children))
    out = []
    for pk, child in children.items():
        latest = current.get(pk)
        found = _flags(
            items.get(latest.pk, []) if latest else [],
            incidents.get(pk, []),
            as_of,
            requests.get(pk, []),
            cleared.get(pk, {}),
        )
        for flag in found:
            out.append((child, flag))
    return out
