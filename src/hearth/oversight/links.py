"""Where a finding's subject and evidence can be opened: the page of each kind of record.

Rules build these while they hold the records (and the homes they belong to) already loaded, so a
link costs no query. The JSON of ``hearth audit`` does not carry them; the pages do.
"""

from typing import Any

from django.urls import reverse


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
    if kind == "reg45_review":
        return reverse("oversight:reg45_detail", kwargs={"home_id": obj.home.public_id, "review_id": obj.public_id})
    return ""


def child_url(child: Any, home: Any) -> str:
    return reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id})
