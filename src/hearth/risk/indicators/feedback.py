"""What a provider's own answers to the prompts say about the detector, and an anonymised export.

Every answer to a prompt is a labelled example that never leaves the provider unless someone
exports it. "Incident raised" and "risk review asked for" confirm the prompt; "no concern, with
reason" is a false alarm. The precision of the prompts is measured from those answers. Recall
cannot be measured from answers alone, because a concern that never prompted was never answered.
It is estimated from incidents of a concern's kind that followed an entry about the same child,
within a day, which showed nothing.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hearth.risk.indicators.detector import CATEGORIES
from hearth.risk.indicators.evaluate import Score

# Incident types that a prompt should have come before.
CONCERN_INCIDENT_TYPES = ("exploitation", "self_harm", "bullying", "missing", "away")
MISS_WINDOW = datetime.timedelta(hours=24)


@dataclass
class Feedback:
    answered: int = 0
    per_category: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    any_concern: Score = field(default_factory=Score)
    examples: list[tuple[list[str], str]] = field(default_factory=list)  # (labels, anonymised text)


_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d[\d\s]{8,12}\d\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
_LONG_NUMBER = re.compile(r"\b\d{5,}\b")
_PLATE = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b")


def anonymise(text: str, names: Iterable[str]) -> str:
    """The text with every known name, e-mail address, phone number, postcode, number plate and
    long number replaced. Place names and nicknames staff did not record can remain: a person
    reads an export before it is shared."""
    out = _EMAIL.sub("[email]", text)
    out = _PHONE.sub("[phone]", out)
    out = _POSTCODE.sub("[postcode]", out)
    out = _PLATE.sub("[plate]", out)
    out = _LONG_NUMBER.sub("[number]", out)
    for name in sorted({n for n in names if len(n) >= 2}, key=len, reverse=True):
        out = re.sub(rf"\b{re.escape(name)}(?:'s)?\b", "[name]", out, flags=re.I)
    return out


def provider_feedback(*, home_ids: Iterable[int]) -> Feedback:
    """The detector's precision on the answers given at these homes, with each answer as an example."""
    from hearth.children.models import Child
    from hearth.records.models import ConcernResponse
    from hearth.staff.models import StaffMember

    homes = list(home_ids)
    names = [
        n
        for row in Child.objects.filter(placements__home_id__in=homes).values_list(
            "first_name", "last_name", "known_as"
        )
        for n in row
        if n
    ]
    names += [
        n for row in StaffMember.objects.filter(home_id__in=homes).values_list("first_name", "last_name") for n in row
    ]
    result = Feedback()
    answers = (
        ConcernResponse.objects.filter(entry__home_id__in=homes, entry__voided_at__isnull=True)
        .select_related("entry")
        .order_by("entry__occurred_at", "id")
    )
    seen: set[int] = set()
    for answer in answers:
        entry = answer.entry
        if entry.pk in seen or not entry.indicator_categories:
            continue
        seen.add(entry.pk)
        confirmed = answer.response != ConcernResponse.Response.NO_CONCERN
        result.answered += 1
        result.any_concern.add(True, confirmed)
        for category in entry.indicator_categories:
            if category in result.per_category:
                result.per_category[category].add(True, confirmed)
        labels = sorted(entry.indicator_categories) if confirmed else []
        result.examples.append((labels, anonymise(" ".join(entry.text.split()), names)))
    result.any_concern.false_neg = possible_misses(home_ids=homes)
    return result


def possible_misses(*, home_ids: list[int]) -> int:
    """Incidents of a concern's kind that followed, within a day, an entry about the same child
    that showed nothing: concerns the detector may have missed."""
    from hearth.incidents.models import IncidentChild
    from hearth.records.models import LogEntry

    rows = IncidentChild.objects.filter(
        incident__home_id__in=home_ids, incident__type__in=CONCERN_INCIDENT_TYPES, incident__voided_at__isnull=True
    ).values_list("child_id", "incident__occurred_at")
    quiet = LogEntry.objects.filter(home_id__in=home_ids, voided_at__isnull=True, indicator_categories=[]).values_list(
        "children", "occurred_at"
    )
    quiet_by_child: dict[int, list[datetime.datetime]] = {}
    for child_id, at in quiet:
        quiet_by_child.setdefault(child_id, []).append(at)
    return sum(
        1
        for child_id, at in rows
        if any(at - MISS_WINDOW <= written <= at for written in quiet_by_child.get(child_id, ()))
    )
