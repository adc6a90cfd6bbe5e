"""The manager's review queue: every record awaiting review or sign-off, with its deadline.

One query per kind of record, whatever the number of records; overdue items first.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q
from django.urls import reverse

from hearth.core.deadlines import deadline_after
from hearth.homes.models import Home
from hearth.incidents.models import Incident, IncidentChild, MissingEpisode, PhysicalIntervention
from hearth.incidents.notifications import outstanding_recipients
from hearth.oversight.links import reverse as fast_reverse
from hearth.records.models import LogEntry
from hearth.risk.indicators import CATEGORY_LABELS
from hearth.visitors.models import Visit

if TYPE_CHECKING:
    from hearth.children.models import Child
    from hearth.risk.selectors import ReviewFlag

RECENT = datetime.timedelta(days=120)


@dataclass
class ReviewItem:
    kind: str  # log_sign, concern, incident_review, restraint_sign, restraint_child, notification, return_interview, visitor
    title: str
    detail: str
    children: list[str]
    due: datetime.datetime
    url: str
    sign_url: str = ""  # set where signing is one action with a comment, from the queue itself
    record: Any = field(default=None, repr=False)

    def overdue(self, now: datetime.datetime) -> bool:
        return now > self.due


def _names(children: Any) -> list[str]:
    return sorted(c.display_name for c in children)


def review_queue(
    *, home: Home, now: datetime.datetime, risk_flags: "list[tuple[Child, ReviewFlag]] | None" = None
) -> list[ReviewItem]:
    """Everything at the home awaiting review or sign-off as of ``now``, soonest due first.
    ``risk_flags``: the home's ``review_flags_for_home`` as of ``now``'s day, where the caller
    has them already (the dashboard shows them beside the queue)."""
    h = home.public_id
    items: list[ReviewItem] = []
    since = now - RECENT

    # A home whose manager has stopped signing has thousands of these: each costs no query, and
    # its links are filled into routes resolved once (``oversight/links.py``).
    entries = (
        LogEntry.objects.filter(home=home)
        .filter(reviewed_at__isnull=True)
        .prefetch_related(
            Prefetch("children", to_attr="children_listed"),
            Prefetch("concern_responses", to_attr="responses_listed"),
        )
        .order_by("occurred_at")
    )
    for e in entries:
        url = fast_reverse("records:entry", kwargs={"home_id": h, "entry_id": e.public_id})
        if e.indicator_categories and not e.responses_listed:
            words = "; ".join(f"“{'”, “'.join(w)}”" for w in e.indicator_matches.values())
            labels = ", ".join(CATEGORY_LABELS.get(c, c) for c in e.indicator_categories)
            items.append(
                ReviewItem(
                    "concern",
                    f"Possible {labels}: raise an incident or say why not",
                    f"In a log entry, because of the words {words}",
                    _names(e.children_listed),
                    deadline_after(e.occurred_at, "concern_response"),
                    url,
                    record=e,
                )
            )
        else:
            items.append(
                ReviewItem(
                    "log_sign",
                    f"Read and sign: {e.get_kind_display().lower()} entry",
                    e.text[:160],
                    _names(e.children_listed),
                    deadline_after(e.recorded_at, "log_review"),
                    url,
                    fast_reverse("oversight:sign_log", kwargs={"home_id": h, "entry_id": e.public_id}),
                    record=e,
                )
            )

    child_rows = Prefetch("involved_children", queryset=IncidentChild.objects.select_related("child"))
    incidents = (
        Incident.objects.filter(home=home)
        .filter(reviewed_at__isnull=True)
        .exclude(type=Incident.Type.PHYSICAL_INTERVENTION)
        .prefetch_related(child_rows)
        .order_by("occurred_at")
    )
    for i in incidents:
        hours = "incident_review_high" if i.severity == Incident.Severity.HIGH else "incident_review"
        url = reverse("incidents:detail", kwargs={"home_id": h, "incident_id": i.public_id})
        items.append(
            ReviewItem(
                "incident_review",
                f"Review: {i.get_type_display().lower()} ({i.get_severity_display().lower()})",
                i.what_happened[:160],
                _names(r.child for r in i.involved_children.all()),
                deadline_after(i.occurred_at, hours),
                url,
                reverse("incidents:review", kwargs={"home_id": h, "incident_id": i.public_id}),
                record=i,
            )
        )

    interventions = (
        PhysicalIntervention.objects.filter(incident__home=home)
        .filter(Q(staff_spoken_signed_at__isnull=True) | Q(child_spoken_at__isnull=True))
        .select_related("incident", "child")
    )
    for p in interventions:
        url = reverse("incidents:detail", kwargs={"home_id": h, "incident_id": p.incident.public_id})
        if p.staff_spoken_signed_at is None:
            items.append(
                ReviewItem(
                    "restraint_sign",
                    "Physical intervention: speak to the staff and sign (Reg 35)",
                    p.technique,
                    [p.child.display_name],
                    deadline_after(p.incident.occurred_at, "restraint_signed"),
                    url,
                    reverse("incidents:restraint_sign", kwargs={"home_id": h, "intervention_id": p.public_id}),
                    record=p,
                )
            )
        if p.child_spoken_at is None:
            items.append(
                ReviewItem(
                    "restraint_child",
                    "Physical intervention: speak to the child (Reg 35)",
                    p.technique,
                    [p.child.display_name],
                    deadline_after(p.incident.occurred_at, "restraint_child_spoken"),
                    url,
                    reverse("incidents:restraint_child", kwargs={"home_id": h, "intervention_id": p.public_id}),
                    record=p,
                )
            )

    recent = (
        Incident.objects.filter(home=home).filter(occurred_at__gte=since).prefetch_related("notifications", child_rows)
    )
    for i in recent:
        missing = outstanding_recipients(i, {n.recipient for n in i.notifications.all()})
        if missing:
            url = reverse("incidents:notify", kwargs={"home_id": h, "incident_id": i.public_id})
            labels = ", ".join(dict(i.notifications.model.Recipient.choices)[r] for r in missing)
            items.append(
                ReviewItem(
                    "notification",
                    f"Regulation 40 notification: {i.get_type_display().lower()}",
                    f"Still to notify: {labels}",
                    _names(r.child for r in i.involved_children.all()),
                    deadline_after(i.occurred_at, "notification"),
                    url,
                    record=i,
                )
            )

    episodes = MissingEpisode.objects.filter(
        incident__home=home, returned_at__isnull=False, return_interview_offered_at__isnull=True
    ).select_related("child", "incident")
    for m in episodes:
        url = reverse("incidents:detail", kwargs={"home_id": h, "incident_id": m.incident.public_id})
        items.append(
            ReviewItem(
                "return_interview",
                "Offer a return home interview",
                str(m),
                [m.child.display_name],
                deadline_after(m.returned_at or m.last_seen_at, "return_interview"),
                url,
                record=m,
            )
        )

    visits = (
        Visit.objects.filter(visitor__home=home, arrived_at__gte=since, contact=Visit.Contact.UNSUPERVISED)
        .filter(
            Q(visitor__dbs_barred_list_checked=False)
            | Q(visitor__dbs_certificate_number="")
            | Q(visitor__dbs_issued_on__isnull=True)
        )
        .filter(visitor__risk_assessment_approved_at__isnull=True)
        .select_related("visitor")
        .prefetch_related("children")
    )
    items += _care_planning_items(home, now, risk_flags)

    for v in visits:
        url = reverse("visitors:detail", kwargs={"home_id": h, "visitor_id": v.visitor.public_id})
        items.append(
            ReviewItem(
                "visitor",
                f"Unchecked visitor had unsupervised contact: {v.visitor.name}",
                "No enhanced DBS check or approved risk assessment is recorded.",
                _names(v.children.all()),
                v.arrived_at,
                url,
                record=v,
            )
        )

    # A possible concern comes first (its deadline is hours, not days); then soonest due.
    items.sort(key=lambda it: (it.kind != "concern", it.due))
    return items


def _care_planning_items(
    home: Home, now: datetime.datetime, risk_flags: "list[tuple[Child, ReviewFlag]] | None"
) -> list[ReviewItem]:
    """Risk items to review after incidents or at their review date, drafts waiting for approval,
    impact assessments to approve, and placement plans not yet recorded (Reg 12, Reg 14)."""
    from django.utils import timezone

    from hearth.admissions.models import ImpactAssessment
    from hearth.children.selectors import placement_plans_missing
    from hearth.risk.models import RiskAssessment
    from hearth.risk.selectors import review_flags_for_home

    h = home.public_id
    today = timezone.localdate(now)
    items: list[ReviewItem] = []

    def end_of(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))

    if risk_flags is None:
        risk_flags = review_flags_for_home(home=home, as_of=today)
    for child, flag in risk_flags:
        if flag.raised_at is not None:
            due = deadline_after(flag.raised_at, "risk_review_after_incident")
        else:
            due = end_of(flag.item.review_by) if flag.item else now
        items.append(
            ReviewItem(
                "risk_review",
                f"Review the risk assessment: {flag.domain_label.lower()}",
                flag.reason,
                [child.display_name],
                due,
                reverse("risk:overview", kwargs={"home_id": h, "child_id": child.public_id}),
                record=flag,
            )
        )
    drafts = RiskAssessment.objects.filter(home=home, approved_at__isnull=True, items__isnull=False).distinct()
    for draft in drafts.select_related("child"):
        items.append(
            ReviewItem(
                "risk_approve",
                f"Approve risk assessment version {draft.number}",
                f"Written by {draft.written_by_name}.",
                [draft.child.display_name],
                draft.updated_at + datetime.timedelta(days=3),
                reverse(
                    "risk:version", kwargs={"home_id": h, "child_id": draft.child.public_id, "number": draft.number}
                ),
                record=draft,
            )
        )
    impact = ImpactAssessment.objects.filter(referral__home=home, approved_at__isnull=True).select_related(
        "referral__child"
    )
    for ia in impact:
        items.append(
            ReviewItem(
                "impact_assessment",
                "Complete and approve the impact risk assessment",
                f"Proposed admission {ia.referral.proposed_admission_on:%d %B %Y}.",
                [ia.referral.child.display_name],
                end_of(ia.referral.proposed_admission_on - datetime.timedelta(days=1)),
                reverse("admissions:detail", kwargs={"home_id": h, "referral_id": ia.referral.public_id}),
                record=ia,
            )
        )
    for plan_due in placement_plans_missing(home=home, as_of=today):
        child = plan_due.placement.child
        items.append(
            ReviewItem(
                "placement_plan",
                "Record the placement plan",
                f"Admitted {plan_due.placement.admitted_on:%d %B %Y}; due within 5 working days.",
                [child.display_name],
                end_of(plan_due.due_on),
                reverse("children:detail", kwargs={"home_id": h, "child_id": child.public_id}),
                record=plan_due,
            )
        )
    return items
