"""Referrals through to an admission decision: the statement-of-purpose check, the impact risk
assessment with a section for every child living here, approval, and admission."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.admissions import selectors, services
from hearth.admissions.forms import (
    AdmitForm,
    ApproveImpactForm,
    ImpactAssessmentForm,
    ReferralForm,
    ResidentSectionForm,
)
from hearth.admissions.models import ImpactAssessment, ImpactResidentSection, Referral
from hearth.children.services import child_upsert
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes.models import Home


def _referral_or_404(home: Home, referral_id: Any) -> Referral:
    referral = Referral.objects.filter(home=home, public_id=referral_id).select_related("child", "home").first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


def _detail_url(home: Home, referral: Referral) -> str:
    return reverse("admissions:detail", kwargs={"home_id": home.public_id, "referral_id": referral.public_id})


def _assessment_or_404(referral: Referral) -> ImpactAssessment:
    assessment = ImpactAssessment.objects.filter(referral=referral).first()
    if assessment is None:
        raise Http404("No impact risk assessment yet.")
    return assessment


@home_view(policies.can_view_referrals)
def referral_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "admissions/list.html",
        {
            "home": home,
            "referrals": selectors.referrals_for_home(home=home),
            "overrides": selectors.admission_overrides(homes=[home]),
            "can_manage": policies.can_manage_referrals(request.user, home),
        },
    )


@home_view(policies.can_manage_referrals)
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, home: Home) -> HttpResponse:
    @transaction.atomic
    def save(data: dict[str, Any]) -> Referral:
        child = data.pop("existing_child")
        if child is None:
            child_fields = {k: data[k] for k in ReferralForm.CHILD_FIELDS}
            child, _ = child_upsert(actor=request.user, external_id=None, **child_fields)
        return services.referral_create(
            actor=request.user,
            home=home,
            child=child,
            **{k: v for k, v in data.items() if k not in ReferralForm.CHILD_FIELDS},
        )

    return form_page(
        request,
        ReferralForm(
            request.POST or None,
            initial={"received_on": today()},
            known_children=policies.referrable_children(request.user, home),
        ),
        save=save,
        success="Referral recorded. Check it against the statement of purpose, then write the impact risk assessment.",
        then=lambda r: _detail_url(home, r),
        creates=True,
        title="Record a referral",
        home=home,
        back_url=reverse("admissions:list", kwargs={"home_id": home.public_id}),
    )


@home_view(policies.can_view_referrals)
def referral_detail(request: HttpRequest, home: Home, referral_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    assessment = ImpactAssessment.objects.filter(referral=referral).first()
    on = max(referral.proposed_admission_on, today())
    sections = list(assessment.residents.select_related("child")) if assessment else []
    return render(
        request,
        "admissions/detail.html",
        {
            "home": home,
            "referral": referral,
            "child": referral.child,
            "age": referral.child.age_on(referral.proposed_admission_on),
            "mismatches": selectors.purpose_check(home=home, child=referral.child, on=on, emergency=referral.emergency),
            "assessment": assessment,
            "sections": sections,
            "gaps": services.impact_assessment_gaps(assessment, on=on) if assessment and assessment.is_draft else {},
            "unconsidered": selectors.residents_without_section(assessment=assessment, on=on) if assessment else [],
            "can_manage": policies.can_manage_referrals(request.user, home),
            "can_admit": policies.can_admit(request.user, home),
            "approve_form": ApproveImpactForm(),
        },
    )


@home_view(policies.can_manage_referrals)
@require_POST
def impact_start(request: HttpRequest, home: Home, referral_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    try:
        services.impact_assessment_start(actor=request.user, referral=referral, on=today())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_detail_url(home, referral))
    messages.success(request, "Impact risk assessment started, with a section for each child living here.")
    return redirect(
        reverse("admissions:impact_edit", kwargs={"home_id": home.public_id, "referral_id": referral.public_id})
    )


@home_view(policies.can_manage_referrals)
@require_http_methods(["GET", "POST"])
def impact_edit(request: HttpRequest, home: Home, referral_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    assessment = _assessment_or_404(referral)
    if not assessment.is_draft:
        raise Http404("The impact risk assessment is approved.")
    initial = {f: getattr(assessment, f) for f in ("needs_and_risks", "benefits", "decision", "decision_reasons")}
    return form_page(
        request,
        ImpactAssessmentForm(request.POST or None, initial={**initial, "expected_version": assessment.version}),
        save=lambda data: services.impact_assessment_update(actor=request.user, assessment=assessment, **data),
        success="Saved. Complete the section for each child living here.",
        then=_detail_url(home, referral),
        creates=False,
        title=f"Impact risk assessment: {referral.child.display_name}",
        home=home,
        back_url=_detail_url(home, referral),
    )


@home_view(policies.can_manage_referrals)
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, home: Home, referral_id: str, section_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    section = (
        ImpactResidentSection.objects.filter(assessment__referral=referral, public_id=section_id)
        .select_related("child", "assessment")
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    initial = {"risks_to": section.risks_to, "risks_from": section.risks_from, "management": section.management}
    return form_page(
        request,
        ResidentSectionForm(request.POST or None, initial={**initial, "expected_version": section.version}),
        save=lambda data: services.impact_section_update(actor=request.user, section=section, **data),
        success=f"Section about {section.child.display_name} saved.",
        then=_detail_url(home, referral),
        creates=False,
        title=f"{referral.child.display_name} and {section.child.display_name}",
        intro=f"{section.child.display_name} lives here now. Weigh the risks each way and say how they will be managed.",
        home=home,
        back_url=_detail_url(home, referral),
    )


@home_view(policies.can_manage_referrals)
@require_POST
def impact_approve(request: HttpRequest, home: Home, referral_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    assessment = _assessment_or_404(referral)
    form = ApproveImpactForm(request.POST)
    form.is_valid()
    try:
        services.impact_assessment_approve(
            actor=request.user, assessment=assessment, comment=form.cleaned_data.get("comment", ""), on=today()
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        outcome = "accepted" if assessment.decision == ImpactAssessment.Decision.ACCEPT else "declined"
        messages.success(request, f"Impact risk assessment approved: the referral is {outcome}.")
    return redirect(_detail_url(home, referral))


@home_view(policies.can_admit)
@require_http_methods(["GET", "POST"])
def referral_admit(request: HttpRequest, home: Home, referral_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    can_override = policies.can_override_admission(request.user, home)
    form = AdmitForm(
        request.POST or None, initial={"admitted_on": referral.proposed_admission_on}, can_override=can_override
    )
    on = referral.proposed_admission_on
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["admitted_on"]
    return form_page(
        request,
        form,
        save=lambda data: services.referral_admit(
            actor=request.user,
            referral=referral,
            admitted_on=data["admitted_on"],
            override_allowed=can_override,
            override_reason=data.get("override_reason", ""),
        ),
        success=f"{referral.child.display_name} admitted. The placement plan is due within 5 working days.",
        then=_detail_url(home, referral),
        creates=True,
        title=f"Admit {referral.child.display_name}",
        home=home,
        back_url=_detail_url(home, referral),
        template="admissions/admit.html",
        extra={
            "problems": services.admission_problems(referral=referral, admitted_on=on),
            "can_override": can_override,
        },
    )


@home_view(policies.can_manage_referrals)
@require_POST
def referral_withdraw(request: HttpRequest, home: Home, referral_id: str) -> HttpResponse:
    referral = _referral_or_404(home, referral_id)
    try:
        services.referral_withdraw(actor=request.user, referral=referral, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Referral withdrawn. It stays on record with the reason.")
    return redirect(_detail_url(home, referral))
