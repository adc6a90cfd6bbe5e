"""The review queue as a manager works through it: by child, then by kind of record, filtered,
with the routine log entries that can be signed together marked out.

Grouping costs no query: it arranges ``review_queue``'s items (one query per kind of record).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.text import slugify

from hearth.oversight.selectors.queue import ReviewItem

# Each kind's heading, in the order a manager should take them: the urgent ones first.
KIND_LABELS = {
    "concern": "Possible concerns to act on",
    "restraint_sign": "Physical interventions to sign off",
    "restraint_child": "Children to speak to after a physical intervention",
    "notification": "Regulation 40 notifications to send",
    "incident_review": "Incidents to review",
    "return_interview": "Return home interviews to offer",
    "visitor": "Visitors without checks who had unsupervised contact",
    "risk_review": "Risk assessments to review",
    "risk_approve": "Risk assessments to approve",
    "impact_assessment": "Impact risk assessments to approve",
    "placement_plan": "Placement plans to record",
    "log_sign": "Routine log entries to read and sign",
}
NO_CHILD = "Not about one child"
BULK_KIND = "log_sign"  # routine entries: read, and signed together with one comment


@dataclass
class KindGroup:
    kind: str
    label: str
    items: list[ReviewItem] = field(default_factory=list)

    @property
    def signable_together(self) -> bool:
        return self.kind == BULK_KIND


@dataclass
class ChildGroup:
    name: str
    anchor: str
    kinds: list[KindGroup] = field(default_factory=list)
    count: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class QueueFilters:
    child: str = ""
    kind: str = ""
    overdue_only: bool = False


def _child_key(item: ReviewItem) -> str:
    return ", ".join(item.children) if item.children else NO_CHILD


def queue_choices(items: Sequence[ReviewItem]) -> tuple[list[str], list[tuple[str, str]]]:
    """The children (or sets of children) and the kinds present in the queue, for its filters."""
    children = sorted({_child_key(i) for i in items} - {NO_CHILD})
    if any(not i.children for i in items):
        children.append(NO_CHILD)
    present = {i.kind for i in items}
    return children, [(k, label) for k, label in KIND_LABELS.items() if k in present]


def group_queue(items: Sequence[ReviewItem], *, now: datetime.datetime, filters: QueueFilters) -> list[ChildGroup]:
    """The items that pass ``filters``, by child (the child with the most urgent item first) and
    within each child by kind, in ``KIND_LABELS``' order; each kind soonest due first."""
    groups: dict[str, ChildGroup] = {}
    for item in items:
        key = _child_key(item)
        if filters.child and key != filters.child:
            continue
        if filters.kind and item.kind != filters.kind:
            continue
        overdue = item.overdue(now)
        if filters.overdue_only and not overdue:
            continue
        group = groups.get(key)
        if group is None:
            group = groups[key] = ChildGroup(key, f"queue-{slugify(key) or 'child'}")
        kinds = {k.kind: k for k in group.kinds}
        if item.kind not in kinds:
            kinds[item.kind] = KindGroup(item.kind, KIND_LABELS.get(item.kind, "Other records"))
            group.kinds.append(kinds[item.kind])
        kinds[item.kind].items.append(item)
        group.count += 1
        group.overdue += overdue
    order = list(KIND_LABELS)
    for group in groups.values():
        group.kinds.sort(key=lambda k: order.index(k.kind) if k.kind in order else len(order))
        for kind in group.kinds:
            kind.items.sort(key=lambda i: i.due)

    def urgency(group: ChildGroup) -> tuple[bool, datetime.datetime, str]:
        concern = any(k.kind == "concern" for k in group.kinds)
        soonest = min(i.due for k in group.kinds for i in k.items)
        return (not concern, soonest, group.name)

    return sorted(groups.values(), key=urgency)
