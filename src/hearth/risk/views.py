"""A child's risk assessment: the current version, writing a new one, checks, approval and print."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import child_view
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.risk import selectors, services
from hearth.risk.forms import ApproveForm, AssessmentSummaryForm, RiskItemForm
from hearth.risk.models import RiskAssessment, RiskItem


def _kwargs(home: Home, child: Child, **extra: Any) -> dict[str, Any]:
    return {"home_id": home.public_id, "child_id": child.public_id, **extra}


def _version_url(home: Home, child: Child, number: int) -> str:
    return reverse("risk:version", kwargs=_kwargs(home, child, number=number))


def _version_or_404(home: Home, child: Child, number: int) -> RiskAssessment:
    assessment = (
        RiskAssessment.objects.filter(child=child, home=home, number=number).select_related("home", "child").first()
    )
    if assessment is None:
        raise Http404("No such version.")
    return assessment


def _draft_or_404(home: Home, child: Child, number: int) -> RiskAssessment:
    assessment = _version_or_404(home, child, number)
    if not assessment.is_draft:
        raise Http404("That version is approved; start a new version to change it.")
    return assessment


@child_view(policies.can_view_home)
def risk_overview(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    current = selectors.current_assessment(child=child, home=home)
    return render(
        request,
        "risk/overview.html",
        {
            "home": home,
            "child": child,
            "current": current,
            "items": selectors.items_by_level(current) if current else [],
            "draft": selectors.draft_assessment(child=child, home=home),
            "versions": selectors.assessment_versions(child=child, home=home),
            "flags": selectors.review_flags(child=child, home=home, as_of=today()),
            "can_write": policies.can_write_risk_assessments(request.user, home),
        },
    )


@child_view(policies.can_write_risk_assessments, lives_here=True)
@require_POST
def risk_start(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    try:
        draft = services.risk_assessment_start(actor=request.user, child=child, home=home)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        existing = selectors.draft_assessment(child=child, home=home)
        return redirect(
            _version_url(home, child, existing.number)
            if existing
            else reverse("risk:overview", kwargs=_kwargs(home, child))
        )
    copied = " as a copy of the current version: change what has changed" if draft.items.exists() else ""
    messages.success(request, f"Version {draft.number} started{copied}.")
    return redirect(_version_url(home, child, draft.number))


@child_view(policies.can_view_home)
def risk_version(request: HttpRequest, home: Home, child: Child, number: int) -> HttpResponse:
    assessment = _version_or_404(home, child, number)
    checks = selectors.check_assessment(assessment, as_of=today() if assessment.is_draft else None)
    can_approve = assessment.is_draft and policies.can_approve_risk_assessments(request.user, home)
    open_flags: list[tuple[Any, bool]] = []
    if can_approve:
        flags, changed = services.approval_review(assessment)
        open_flags = [(flag, flag.domain in changed) for flag in flags]
    return render(
        request,
        "risk/version.html",
        {
            "home": home,
            "child": child,
            "assessment": assessment,
            "items": selectors.items_by_level(assessment),
            "findings": checks.findings,
            "can_write": assessment.is_draft and policies.can_write_risk_assessments(request.user, home),
            "can_approve": can_approve,
            "approve_form": ApproveForm(),
            "open_flags": open_flags,
        },
    )


@child_view(policies.can_write_risk_assessments, lives_here=True)
@require_http_methods(["GET", "POST"])
def risk_summary_edit(request: HttpRequest, home: Home, child: Child, number: int) -> HttpResponse:
    assessment = _draft_or_404(home, child, number)
    url = _version_url(home, child, number)
    initial = {f: getattr(assessment, f) for f in ("strengths", "child_words", "history_text")}
    return form_page(
        request,
        AssessmentSummaryForm(request.POST or None, initial={**initial, "expected_version": assessment.version}),
        save=lambda data: services.risk_assessment_update(actor=request.user, assessment=assessment, **data),
        success="Saved.",
        then=url,
        creates=False,
        title=f"Strengths, the child's words and history: version {number}",
        home=home,
        back_url=url,
    )


def _item_page(
    request: HttpRequest, home: Home, child: Child, assessment: RiskAssessment, item: RiskItem | None
) -> HttpResponse:
    url = _version_url(home, child, assessment.number)
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {f: getattr(item, f) for f in ("domain", "level", *RiskItem.TEXT_FIELDS, "review_by")}
        initial["incidents"] = list(item.incidents.all())
        initial["expected_version"] = item.version
    form = RiskItemForm(request.POST or None, initial=initial, assessment=assessment)
    check_url = reverse("risk:check", kwargs=_kwargs(home, child, number=assessment.number))
    return form_page(
        request,
        form,
        save=lambda data: services.risk_item_save(
            actor=request.user, assessment=assessment, item=item, today=today(), **data
        ),
        success=lambda saved: f"{saved.get_domain_display()} saved. The checks below show anything to look at again.",
        then=url,
        creates=item is None,
        title=f"{'Change' if item else 'Add'} a risk: {child.display_name}",
        home=home,
        back_url=url,
        template="risk/item_form.html",
        extra={"check_url": check_url, "child": child},
    )


@child_view(policies.can_write_risk_assessments, lives_here=True)
@require_http_methods(["GET", "POST"])
def risk_item_new(request: HttpRequest, home: Home, child: Child, number: int) -> HttpResponse:
    return _item_page(request, home, child, _draft_or_404(home, child, number), None)


@child_view(policies.can_write_risk_assessments, lives_here=True)
@require_http_methods(["GET", "POST"])
def risk_item_edit(request: HttpRequest, home: Home, child: Child, number: int, domain: str) -> HttpResponse:
    assessment = _draft_or_404(home, child, number)
    item = assessment.items.filter(domain=domain).first()
    if item is None:
        raise Http404("No such item.")
    return _item_page(request, home, child, assessment, item)


@child_view(policies.can_write_risk_assessments, lives_here=True)
@require_POST
def risk_item_remove(request: HttpRequest, home: Home, child: Child, number: int, domain: str) -> HttpResponse:
    assessment = _draft_or_404(home, child, number)
    item = assessment.items.filter(domain=domain).first()
    if item is None:
        raise Http404("No such item.")
    services.risk_item_remove(actor=request.user, item=item)
    messages.success(request, f"{item.get_domain_display()} taken out of version {number}.")
    return redirect(_version_url(home, child, number))


@child_view(policies.can_write_risk_assessments, lives_here=True)
@require_POST
def risk_check(request: HttpRequest, home: Home, child: Child, number: int) -> HttpResponse:
    """htmx: the text checks on the item being written, as the writer types."""
    assessment = _draft_or_404(home, child, number)
    fields = {f: request.POST.get(f, "") for f in RiskItem.TEXT_FIELDS}
    findings = selectors.check_item_text(
        selectors.ItemText(request.POST.get("domain", "other") or "other", fields),
        child=child,
        as_of=today(),
        others=selectors.other_strategies_indexed(home=home, child=child),
        staff=selectors.staff_names(home=home),
    )
    return render(request, "risk/_checks.html", {"findings": findings, "live": True, "assessment": assessment})


@child_view(policies.can_approve_risk_assessments, lives_here=True)
@require_POST
def risk_approve(request: HttpRequest, home: Home, child: Child, number: int) -> HttpResponse:
    assessment = _draft_or_404(home, child, number)
    form = ApproveForm(request.POST)
    form.is_valid()
    # Each open flag the version leaves unchanged is cleared only by a reason it is still right.
    confirmations = {
        key.removeprefix("reason_"): request.POST.get(key, "") for key in request.POST if key.startswith("reason_")
    }
    try:
        services.risk_assessment_approve(
            actor=request.user,
            assessment=assessment,
            comment=form.cleaned_data.get("comment", ""),
            confirmations=confirmations,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_version_url(home, child, number))
    approved = f"Version {number} approved: it is now {child.display_name}'s current risk assessment."
    still_open = sorted({f.domain_label for f in selectors.review_flags(child=child, home=home, as_of=today())})
    if still_open:
        messages.warning(
            request, f"{approved} Still to review, neither changed nor confirmed: {', '.join(still_open)}."
        )
    else:
        messages.success(request, approved)
    return redirect(reverse("risk:overview", kwargs=_kwargs(home, child)))


@child_view(policies.can_view_home)
def risk_print(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    """The current version on one or two printed pages: current risks only, highest first."""
    current = selectors.current_assessment(child=child, home=home)
    if current is None:
        raise Http404("No approved risk assessment to print.")
    return render(
        request,
        "risk/print.html",
        {
            "home": home,
            "child": child,
            "assessment": current,
            "items": selectors.items_by_level(current),
            "age": child.age_on(today()),
        },
    )


@child_view(policies.can_view_home)
def risk_history(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    """The history section, kept apart from the current view (domain.md section 8)."""
    return render(
        request,
        "risk/history.html",
        {
            "home": home,
            "child": child,
            "versions": [v for v in selectors.assessment_versions(child=child, home=home) if v.history_text],
        },
    )
