"""Where a finding's subject and evidence can be opened: the page of each kind of record.

Rules build these while they hold the records (and the homes they belong to) already loaded, so a
link costs no query. The JSON of ``hearth audit`` does not carry them; the pages do.
"""

import functools
import uuid
from typing import Any

from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


def reverse(name: str, *, kwargs: dict[str, Any]) -> str:
    """``django.urls.reverse`` for a page whose arguments are ids and numbers, resolved once per
    route and then filled in: an audit of a few hundred homes links tens of thousands of records,
    and resolving each from scratch took seconds (docs/benchmark.md)."""
    signature = tuple((key, type(value)) for key, value in kwargs.items())
    if any(kind not in (uuid.UUID, int) for _, kind in signature):
        return django_reverse(name, kwargs=kwargs)
    pieces, keys = _route(name, signature, get_script_prefix(), get_urlconf())
    out = [pieces[0]]
    for key, piece in zip(keys, pieces[1:], strict=True):
        out += (str(kwargs[key]), piece)
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _route(
    name: str, signature: tuple[tuple[str, type], ...], prefix: str, urlconf: str | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The route's URL cut where its arguments go (the text around them) and the argument that
    goes in each cut, found by reversing it once with placeholders no record has."""
    values: dict[str, Any] = {}
    for n, (key, kind) in enumerate(signature, start=1):
        values[key] = uuid.UUID(int=0xFEED0000 + n) if kind is uuid.UUID else 987_654_000 + n
    url = django_reverse(name, kwargs=values, urlconf=urlconf)
    placed = sorted((url.index(str(value)), key, len(str(value))) for key, value in values.items())
    pieces: list[str] = []
    keys: list[str] = []
    at = 0
    for start, key, length in placed:
        pieces.append(url[at:start])
        keys.append(key)
        at = start + length
    pieces.append(url[at:])
    return tuple(pieces), tuple(keys)


def record_url(kind: str, obj: Any) -> str:
    """The page of a record of ``kind``, or "" where Hearth has no page of its own for it."""
    if kind in ("incident", "missing_episode"):
        return reverse("incidents:detail", kwargs={"home_id": obj.home.public_id, "incident_id": obj.public_id})
    if kind == "log_entry":
        return reverse("records:entry", kwargs={"home_id": obj.home.public_id, "entry_id": obj.public_id})
    if kind == "visitor":
        return reverse("visitors:detail", kwargs={"home_id": obj.home.public_id, "visitor_id": obj.public_id})
    if kind == "visit":
        return reverse(
            "visitors:detail", kwargs={"home_id": obj.visitor.home.public_id, "visitor_id": obj.visitor.public_id}
        )
    if kind == "staff_member":
        return reverse("staff:detail", kwargs={"home_id": obj.home.public_id, "staff_id": obj.public_id})
    if kind == "risk_assessment":
        return reverse(
            "risk:version",
            kwargs={"home_id": obj.home.public_id, "child_id": obj.child.public_id, "number": obj.number},
        )
    if kind == "referral":
        return reverse("admissions:detail", kwargs={"home_id": obj.home.public_id, "referral_id": obj.public_id})
    if kind == "impact_assessment":
        referral = obj.referral
        return reverse(
            "admissions:detail", kwargs={"home_id": referral.home.public_id, "referral_id": referral.public_id}
        )
    if kind == "outing":
        return reverse("records:outings", kwargs={"home_id": obj.home.public_id})
    if kind == "action":
        return reverse("oversight:action_detail", kwargs={"home_id": obj.home.public_id, "action_id": obj.public_id})
    if kind == "complaint":
        return reverse("complaints:detail", kwargs={"home_id": obj.home.public_id, "complaint_id": obj.public_id})
    if kind == "allegation":
        return reverse("allegations:detail", kwargs={"home_id": obj.home.public_id, "allegation_id": obj.public_id})
    if kind == "control_measure":
        return reverse("control:detail", kwargs={"home_id": obj.home.public_id, "measure_id": obj.public_id})
    if kind == "home_notice":
        return reverse("notices:list", kwargs={"home_id": obj.home.public_id})
    if kind == "reg45_review":
        return reverse("oversight:reg45_detail", kwargs={"home_id": obj.home.public_id, "review_id": obj.public_id})
    return ""


def child_url(child: Any, home: Any) -> str:
    return reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id})
