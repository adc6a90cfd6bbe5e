"""Writes for individual risk assessments: start a version, write its items, approve it.

A version is a draft until a manager approves it; an approved version never changes (Reg 36:
records are not silently altered). Reviewing the assessment means starting a new draft from the
current version, changing what has changed, and approving that.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, apply_changes, approve, signature_name
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.risk.domains import DOMAINS
from hearth.risk.models import RiskAssessment, RiskFlagReview, RiskItem

ITEM_REQUIRED = {
    "current_risk": "Say what the risk is now, in a few sentences.",
    "triggers": "Say what sets it off and the early warning signs.",
    "before": "Say what staff do to prevent it, for this child.",
    "during": "Say what staff do when it is happening: who they call and when.",
    "after": "Say what staff do afterwards.",
}


def _check_draft(assessment: RiskAssessment) -> None:
    if not assessment.is_draft:
        raise ValidationError(
            {
                "__all__": f"Version {assessment.number} was approved and cannot change: start a new version to review it."
            }
        )


@transaction.atomic
def risk_assessment_start(
    *,
    actor: Actor,
    child: Child,
    home: Home,
    external_id: str | None = None,
    author_name: str | None = None,
    strengths: str = "",
    child_words: str = "",
    history_text: str = "",
    copy_current: bool = True,
    number: int | None = None,
) -> RiskAssessment:
    """Start a new draft version. It begins as a copy of the current approved version, so a review
    changes only what has changed; a child's first assessment starts empty."""
    open_draft = RiskAssessment.objects.filter(child=child, home=home, approved_at__isnull=True).first()
    if open_draft is not None:
        raise ValidationError(
            {"__all__": f"Version {open_draft.number} is already being written: finish or approve it first."}
        )
    current = (
        RiskAssessment.objects.filter(child=child, home=home, approved_at__isnull=False).order_by("-number").first()
        if copy_current
        else None
    )
    next_number = (RiskAssessment.objects.filter(child=child).aggregate(n=Max("number"))["n"] or 0) + 1
    if number is not None and number != next_number:
        raise ValidationError({"number": f"The next version for {child.display_name} is {next_number}, not {number}."})
    number = next_number
    draft = RiskAssessment.objects.create(
        external_id=external_id,
        child=child,
        home=home,
        number=number,
        strengths=strengths or (current.strengths if current else ""),
        child_words=child_words or (current.child_words if current else ""),
        history_text=history_text or (current.history_text if current else ""),
        written_by_name=author_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    if current is not None:
        for item in current.items.prefetch_related("incidents"):
            copy = RiskItem.objects.create(
                assessment=draft,
                domain=item.domain,
                level=item.level,
                **{f: getattr(item, f) for f in RiskItem.TEXT_FIELDS},
                review_by=item.review_by,
                created_by=actor_or_none(actor),
            )
            copy.incidents.set(item.incidents.all())
    audit_event_record(actor=actor, action="risk_assessment.started", obj=draft, home=home)
    return draft


@transaction.atomic
def risk_assessment_update(
    *,
    actor: Actor,
    assessment: RiskAssessment,
    expected_version: int | None = None,
    strengths: str,
    child_words: str,
    history_text: str,
) -> list[str]:
    """Change a draft's strengths, the child's words and the history section."""
    _check_draft(assessment)
    changed = apply_changes(
        instance=assessment,
        changes={
            "strengths": strengths.strip(),
            "child_words": child_words.strip(),
            "history_text": history_text.strip(),
        },
        actor=actor,
        expected_version=expected_version,
    )
    if changed:
        audit_event_record(
            actor=actor, action="risk_assessment.updated", obj=assessment, home=assessment.home, changed_fields=changed
        )
    return changed


def _check_item(
    assessment: RiskAssessment, fields: dict[str, Any], incidents: Sequence[Incident], item: RiskItem | None
) -> None:
    errors: dict[str, str] = {}
    if fields.get("domain") not in DOMAINS:
        errors["domain"] = "Choose the risk domain."
    elif (
        RiskItem.objects.filter(assessment=assessment, domain=fields["domain"])
        .exclude(pk=item.pk if item else 0)
        .exists()
    ):
        errors["domain"] = f"This version already has an item for {DOMAINS[fields['domain']].lower()}: change that one."
    if fields.get("level") not in RiskItem.Level.values:
        errors["level"] = "Choose the level of risk: high, medium or low."
    for name, message in ITEM_REQUIRED.items():
        if not str(fields.get(name, "")).strip():
            errors[name] = message
    if fields.get("review_by") is None:
        errors["review_by"] = "Enter the date this item must be reviewed by."
    theirs = set(
        Incident.objects.filter(
            pk__in=[i.pk for i in incidents], involved_children__child_id=assessment.child_id
        ).values_list("pk", flat=True)
    )
    strangers = [str(i) for i in incidents if i.pk not in theirs]
    if strangers:
        errors["incidents"] = f"Not incidents involving {assessment.child.display_name}: {', '.join(strangers)}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_item_save(
    *,
    actor: Actor,
    assessment: RiskAssessment,
    item: RiskItem | None = None,
    expected_version: int | None = None,
    incidents: Sequence[Incident] = (),
    external_id: str | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> RiskItem:
    """Add an item for one domain to a draft, or change one (every strategy field is required:
    "assessments must tell staff what to do", domain.md section 8)."""
    _check_draft(assessment)
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    _check_item(assessment, fields, incidents, item)
    if today is not None and fields["review_by"] < today:
        raise ValidationError({"review_by": "The review-by date has already passed: choose a date from today on."})
    if item is None:
        item = RiskItem.objects.create(
            assessment=assessment, external_id=external_id, created_by=actor_or_none(actor), **fields
        )
        item.incidents.set(incidents)
        audit_event_record(actor=actor, action="risk_item.created", obj=item, home=assessment.home)
        return item
    if item.assessment_id != assessment.pk:
        raise ValidationError({"__all__": "That item belongs to another version."})
    changed = apply_changes(instance=item, changes=fields, actor=actor, expected_version=expected_version)
    if set(item.incidents.values_list("pk", flat=True)) != {i.pk for i in incidents}:
        item.incidents.set(incidents)
        changed.append("incidents")
    if changed:
        audit_event_record(
            actor=actor, action="risk_item.updated", obj=item, home=assessment.home, changed_fields=changed
        )
    return item


@transaction.atomic
def risk_item_remove(*, actor: Actor, item: RiskItem) -> None:
    """Take an item out of a draft (the domain no longer applies). Approved versions keep theirs."""
    _check_draft(item.assessment)
    audit_event_record(actor=actor, action="risk_item.removed", obj=item, home=item.assessment.home)
    item.incidents.clear()
    item.delete()


def changed_domains(draft: RiskAssessment, previous: RiskAssessment | None) -> set[str]:
    """The risks whose item the draft adds or changes against the version before it."""
    fields = ("level", *RiskItem.TEXT_FIELDS, "review_by")
    before = {i.domain: i for i in previous.items.all()} if previous else {}
    return {
        item.domain
        for item in draft.items.all()
        if item.domain not in before or any(getattr(item, f) != getattr(before[item.domain], f) for f in fields)
    }


def approval_review(draft: RiskAssessment) -> tuple[list[Any], set[str]]:
    """The child's open flags as the draft is approved, and which of their risks the draft changes:
    those clear on approval; the others need the manager's confirmation and reason."""
    from hearth.core.dates import today
    from hearth.risk.selectors import current_assessment, review_flags

    previous = current_assessment(child=draft.child, home=draft.home)
    return review_flags(child=draft.child, home=draft.home, as_of=today()), changed_domains(draft, previous)


@transaction.atomic
def risk_assessment_approve(
    *,
    actor: Actor,
    assessment: RiskAssessment,
    comment: str = "",
    at: datetime.datetime | None = None,
    approver_name: str | None = None,
    confirmations: dict[str, str] | None = None,
) -> RiskAssessment:
    """A manager approves a version (Reg 13 oversight of risk). It becomes the current assessment and
    is never changed again.

    Each risk the version adds or changes counts as reviewed. A risk flagged for review (an
    incident, a review asked for, a date passed) that the version leaves as it was counts as
    reviewed only if the manager confirms it is still right, with a reason (``confirmations``:
    domain → reason); otherwise its flag stays open after approval. ``confirmations=None`` is an
    approval carried in from another system, which did not record this: it counts as reviewing
    every risk."""
    _check_draft(assessment)
    if not assessment.items.exists():
        raise ValidationError({"comment": "Add at least one risk item before approving."})
    reviews: list[RiskFlagReview] = []
    if confirmations is not None:
        flags, changed = approval_review(assessment)
        flagged = {f.domain for f in flags}
        reviews = [RiskFlagReview(domain=d, outcome=RiskFlagReview.Outcome.CHANGED) for d in sorted(changed)]
        reviews += [
            RiskFlagReview(domain=d, outcome=RiskFlagReview.Outcome.CONFIRMED, reason=confirmations[d].strip())
            for d in sorted(flagged - changed)
            if (confirmations.get(d) or "").strip()
        ]
        assessment.reviews_recorded = True  # saved with the approval
    approve(
        actor=actor,
        obj=assessment,
        comment=comment,
        at=at,
        approver_name=approver_name,
        home=assessment.home,
        action="risk_assessment.approved",
    )
    for review in reviews:
        review.assessment = assessment
        review.created_by = actor_or_none(actor)
    RiskFlagReview.objects.bulk_create(reviews)
    return assessment
