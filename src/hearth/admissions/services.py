"""Writes for referrals, impact risk assessments and admissions (Reg 14; domain.md section 7.2).

A child is admitted only with an approved impact risk assessment that accepts the referral, a
section for every child living in the home on the admission day, and needs, age, sex and
capacity within the statement of purpose. Otherwise admission is refused, unless the
responsible individual overrides with a recorded reason; the override is kept on the referral,
audited, and reported on the home and provider pages.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.admissions.models import ImpactAssessment, ImpactResidentSection, Referral
from hearth.admissions.selectors import purpose_check, residents_without_section
from hearth.audit.services import audit_event_record
from hearth.children.models import Child, Placement
from hearth.children.services import placement_upsert
from hearth.core.services import Actor, actor_or_none, apply_changes, approve, signature_name
from hearth.homes.models import Home
from hearth.risk.domains import DOMAINS


@transaction.atomic
def referral_create(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    received_on: datetime.date,
    referrer: str,
    needs_summary: str,
    proposed_admission_on: datetime.date,
    risk_domains: list[str] | None = None,
    emergency: bool = False,
    external_id: str | None = None,
    status: str = Referral.Status.OPEN,
) -> Referral:
    """Record a referral of a child to the home (a bundle may bring the status it reached)."""
    errors: dict[str, str] = {}
    if not referrer.strip():
        errors["referrer"] = "Say who referred the child."
    if not needs_summary.strip():
        errors["needs_summary"] = "Summarise the child's needs and risks from the referral."
    if proposed_admission_on < received_on:
        errors["proposed_admission_on"] = "The proposed admission is before the referral was received."
    unknown = [d for d in (risk_domains or []) if d not in DOMAINS]
    if unknown:
        errors["risk_domains"] = f"Unknown risk domain(s): {', '.join(unknown)}."
    if status not in Referral.Status.values:
        errors["status"] = f"Unknown referral status {status!r}."
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        status=status,
        external_id=external_id,
        home=home,
        child=child,
        received_on=received_on,
        referrer=referrer.strip(),
        needs_summary=needs_summary.strip(),
        risk_domains=sorted(set(risk_domains or [])),
        proposed_admission_on=proposed_admission_on,
        emergency=emergency,
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="referral.created", obj=referral, home=home)
    return referral


def _sync_residents(assessment: ImpactAssessment, on: datetime.date, actor: Actor) -> int:
    missing = residents_without_section(assessment=assessment, on=on)
    for child in missing:
        ImpactResidentSection.objects.create(assessment=assessment, child=child, created_by=actor_or_none(actor))
    return len(missing)


@transaction.atomic
def impact_assessment_start(
    *,
    actor: Actor,
    referral: Referral,
    on: datetime.date,
    external_id: str | None = None,
    author_name: str | None = None,
) -> ImpactAssessment:
    """Start the impact risk assessment, with a section for every child living in the home on ``on``
    and on the proposed admission day (the sections cannot be skipped)."""
    if hasattr(referral, "impact_assessment"):
        raise ValidationError({"__all__": "This referral already has an impact risk assessment."})
    assessment = ImpactAssessment.objects.create(
        external_id=external_id,
        referral=referral,
        written_by_name=author_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    if on is not None:
        _sync_residents(assessment, on, actor)
        _sync_residents(assessment, referral.proposed_admission_on, actor)
    audit_event_record(actor=actor, action="impact_assessment.started", obj=assessment, home=referral.home)
    return assessment


def _check_draft(assessment: ImpactAssessment) -> None:
    if not assessment.is_draft:
        raise ValidationError({"__all__": "The impact risk assessment is approved and cannot change."})


@transaction.atomic
def impact_assessment_update(
    *, actor: Actor, assessment: ImpactAssessment, expected_version: int | None = None, **fields: Any
) -> list[str]:
    """Write the child's needs and risks, the benefits, and the decision with its reasons."""
    _check_draft(assessment)
    allowed = {"needs_and_risks", "benefits", "decision", "decision_reasons"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({"__all__": f"Unknown field(s): {', '.join(sorted(unknown))}."})
    if fields.get("decision") not in ("", None, *ImpactAssessment.Decision.values):
        raise ValidationError({"decision": "Choose accept or decline."})
    clean = {k: (v or "").strip() for k, v in fields.items()}
    changed = apply_changes(instance=assessment, changes=clean, actor=actor, expected_version=expected_version)
    if changed:
        audit_event_record(
            actor=actor,
            action="impact_assessment.updated",
            obj=assessment,
            home=assessment.referral.home,
            changed_fields=changed,
        )
    return changed


@transaction.atomic
def impact_section_update(
    *,
    actor: Actor,
    section: ImpactResidentSection,
    risks_to: str,
    risks_from: str,
    management: str,
    expected_version: int | None = None,
) -> list[str]:
    """Write the section about one child already living in the home."""
    _check_draft(section.assessment)
    changed = apply_changes(
        instance=section,
        changes={"risks_to": risks_to.strip(), "risks_from": risks_from.strip(), "management": management.strip()},
        actor=actor,
        expected_version=expected_version,
    )
    if changed:
        audit_event_record(
            actor=actor,
            action="impact_section.updated",
            obj=section,
            home=section.assessment.referral.home,
            changed_fields=changed,
        )
    return changed


@transaction.atomic
def impact_section_add(
    *,
    actor: Actor,
    assessment: ImpactAssessment,
    child: Child,
    risks_to: str = "",
    risks_from: str = "",
    management: str = "",
) -> ImpactResidentSection:
    """Add the section about a child living in the home (bundles; the browser adds them itself)."""
    _check_draft(assessment)
    if child.pk == assessment.referral.child_id:
        raise ValidationError({"child": "The referred child is not a resident of the home."})
    if assessment.residents.filter(child=child).exists():
        raise ValidationError({"child": f"There is already a section about {child.display_name}."})
    section = ImpactResidentSection.objects.create(
        assessment=assessment,
        child=child,
        risks_to=risks_to.strip(),
        risks_from=risks_from.strip(),
        management=management.strip(),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="impact_section.added", obj=section, home=assessment.referral.home)
    return section


@transaction.atomic
def impact_assessment_record_approval(
    *, actor: Actor, assessment: ImpactAssessment, at: datetime.datetime, approver_name: str, comment: str = ""
) -> ImpactAssessment:
    """Record an approval given in the system a records bundle comes from, as it was given (even if
    incomplete: the oversight rules then say so). A person approves with ``impact_assessment_approve``."""
    _check_draft(assessment)
    if actor_or_none(actor) is not None:
        raise ValidationError({"approved_at": "A person approves an impact assessment through its checks."})
    approve(
        actor=None,
        obj=assessment,
        comment=comment,
        at=at,
        approver_name=approver_name,
        home=assessment.referral.home,
        action="impact_assessment.approved",
    )
    return assessment


def impact_assessment_gaps(assessment: ImpactAssessment, *, on: datetime.date) -> dict[str, str]:
    """What stops approval, by field: empty parts, no decision or reasons, incomplete resident sections."""
    gaps: dict[str, str] = {}
    if not assessment.needs_and_risks.strip():
        gaps["needs_and_risks"] = "Write the referred child's needs and risks and how the home will meet them."
    if not assessment.benefits.strip():
        gaps["benefits"] = "Write what the child would gain from living here."
    if not assessment.decision:
        gaps["decision"] = "Record the decision: accept or decline."
    if not assessment.decision_reasons.strip():
        gaps["decision_reasons"] = "Give the reasons for the decision."
    incomplete = [s.child.display_name for s in assessment.residents.select_related("child") if not s.is_complete]
    if incomplete:
        gaps["residents"] = (
            "Complete the risks to, risks from and how they will be managed for: " + ", ".join(sorted(incomplete)) + "."
        )
    return gaps


def impact_assessment_approve(
    *,
    actor: Actor,
    assessment: ImpactAssessment,
    comment: str = "",
    on: datetime.date,
    at: datetime.datetime | None = None,
    approver_name: str | None = None,
) -> ImpactAssessment:
    """A manager approves the completed assessment; the referral is then accepted or declined.

    First every child now living in the home (or due to on the proposed day) gets a section; those
    new sections are kept even when approval is then refused for them, so the manager can fill
    them in.
    """
    _check_draft(assessment)
    with transaction.atomic():
        _sync_residents(assessment, on, actor)
        _sync_residents(assessment, assessment.referral.proposed_admission_on, actor)
    return _approve_impact(actor, assessment, comment, on, at, approver_name)


@transaction.atomic
def _approve_impact(
    actor: Actor,
    assessment: ImpactAssessment,
    comment: str,
    on: datetime.date,
    at: datetime.datetime | None,
    approver_name: str | None,
) -> ImpactAssessment:
    referral = assessment.referral
    gaps = impact_assessment_gaps(assessment, on=on)
    if gaps:
        raise ValidationError(gaps)
    approve(
        actor=actor,
        obj=assessment,
        comment=comment,
        at=at,
        approver_name=approver_name,
        home=referral.home,
        action="impact_assessment.approved",
    )
    if referral.status == Referral.Status.OPEN:
        status = Referral.Status.ACCEPTED if assessment.decision == "accept" else Referral.Status.DECLINED
        apply_changes(instance=referral, changes={"status": status}, actor=actor, reason="Impact assessment approved")
    return assessment


def admission_problems(*, referral: Referral, admitted_on: datetime.date) -> list[str]:
    """Every reason the child may not be admitted on ``admitted_on`` (Reg 14), in plain words."""
    problems: list[str] = []
    assessment = ImpactAssessment.objects.filter(referral=referral).first()
    if assessment is None or assessment.approved_at is None:
        problems.append("There is no approved impact risk assessment.")
    else:
        if assessment.decision != ImpactAssessment.Decision.ACCEPT:
            problems.append("The impact risk assessment declined the referral.")
        if timezone.localtime(assessment.approved_at).date() > admitted_on:
            problems.append("The impact risk assessment was approved after the admission date.")
        if not assessment.decision_reasons.strip():
            problems.append("The impact risk assessment gives no reasons for the decision.")
        incomplete = sorted(
            s.child.display_name for s in assessment.residents.select_related("child") if not s.is_complete
        )
        if incomplete:
            problems.append(
                "The impact risk assessment does not weigh the risks to, from and how they are managed for: "
                + ", ".join(incomplete)
                + "."
            )
        missing = residents_without_section(assessment=assessment, on=admitted_on)
        if missing:
            problems.append(
                "The impact risk assessment does not consider "
                + ", ".join(c.display_name for c in missing)
                + f", living here on {admitted_on:%d %B %Y}."
            )
    problems += [
        m.message
        for m in purpose_check(home=referral.home, child=referral.child, on=admitted_on, emergency=referral.emergency)
    ]
    return problems


@transaction.atomic
def referral_admit(
    *,
    actor: Actor,
    referral: Referral,
    admitted_on: datetime.date,
    override_allowed: bool = False,
    override_reason: str = "",
) -> Placement:
    """Admit the referred child. Refused, with every reason, unless the checks pass or the
    responsible individual (``override_allowed``, decided by the access policy) gives a reason."""
    if referral.status in (Referral.Status.ADMITTED, Referral.Status.WITHDRAWN):
        raise ValidationError({"__all__": f"This referral is {referral.get_status_display().lower()}."})
    problems = admission_problems(referral=referral, admitted_on=admitted_on)
    if problems and not override_allowed:
        raise ValidationError(
            {
                "__all__": [
                    "Admission refused:",
                    *problems,
                    "Only the responsible individual can override, with a reason.",
                ]
            }
        )
    if problems and not override_reason.strip():
        raise ValidationError({"override_reason": "Give the reason for admitting despite: " + " ".join(problems)})
    placement, _ = placement_upsert(
        actor=actor,
        external_id=None,
        child=referral.child,
        home=referral.home,
        admitted_on=admitted_on,
        emergency=referral.emergency,
    )
    changes: dict[str, Any] = {
        "status": Referral.Status.ADMITTED,
        "placement": placement,
        "admission_problems": problems,
    }
    if problems:
        changes |= {
            "override_reason": override_reason.strip(),
            "override_at": timezone.now(),
            "override_by": actor_or_none(actor),
            "override_by_name": signature_name(actor),
        }
    apply_changes(instance=referral, changes=changes, actor=actor, reason="Admitted")
    audit_event_record(actor=actor, action="referral.admitted", obj=referral, home=referral.home)
    if problems:
        audit_event_record(
            actor=actor, action="admission.overridden", obj=referral, home=referral.home, reason=override_reason
        )
    return placement


@transaction.atomic
def referral_withdraw(*, actor: Actor, referral: Referral, reason: str) -> Referral:
    """The placing authority withdrew the referral, or the home closed it: say why. Kept, not deleted."""
    if referral.status in (Referral.Status.ADMITTED, Referral.Status.WITHDRAWN):
        raise ValidationError({"reason": f"This referral is already {referral.get_status_display().lower()}."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is withdrawn."})
    apply_changes(
        instance=referral, changes={"status": Referral.Status.WITHDRAWN}, actor=actor, reason=reason.strip()[:100]
    )
    audit_event_record(
        actor=actor, action="referral.withdrawn", obj=referral, home=referral.home, reason=reason.strip()
    )
    return referral


@transaction.atomic
def referral_link_placement(
    *,
    actor: Actor,
    referral: Referral,
    placement: Placement,
    problems: list[str] | None = None,
    override: dict[str, Any] | None = None,
) -> bool:
    """Tie a referral to the placement it led to, as a records bundle migrates it (no checks: the
    admission already happened in the old system; the rules judge it)."""
    if placement.child_id != referral.child_id or placement.home_id != referral.home_id:
        raise ValidationError({"placement": "The placement is not this child's at this home."})
    changes: dict[str, Any] = {"placement": placement, "status": Referral.Status.ADMITTED}
    if problems is not None:
        changes["admission_problems"] = problems
    if override:
        changes |= override
    changed = apply_changes(instance=referral, changes=changes, actor=actor)
    return bool(changed)
