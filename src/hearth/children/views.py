"""A child's record page, its history, and recording Reg 44 consent."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import child_view
from hearth.audit.selectors import access_events_for_child, audit_events_for, history_entries
from hearth.children.forms import (
    CaseRecordConsentForm,
    ChildDetailsForm,
    ChildPhotoForm,
    ConsentWithdrawalForm,
    PlacementEndingForm,
    PlacementMoveForm,
    PlacementPlanForm,
)
from hearth.children.models import Child
from hearth.children.selectors import (
    case_record_consent_in_force,
    case_record_consents,
    child_placements,
    child_record_at_home,
    placement_current,
    placement_plan_due,
    placement_plans,
)
from hearth.children.services import (
    CHILD_DETAIL_FIELDS,
    case_record_consent_record,
    case_record_consent_withdraw,
    child_details_change,
    child_photo_record,
    placement_ending_record,
    placement_move,
    placement_plan_record,
)
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.homes.needs import need_label
from hearth.keywork.selectors import childs_voice
from hearth.medicines.selectors import medicines_overview
from hearth.risk import selectors as risk_selectors


@child_view(policies.can_view_home)
def child_detail(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    as_of = today()
    visible_home_ids = set(policies.homes_visible_to(request.user).values_list("pk", flat=True))
    placements = [(p, p.home_id in visible_home_ids) for p in child_placements(child=child)]
    current_risk = risk_selectors.current_assessment(child=child, home=home)
    placement = placement_current(child=child, home=home, as_of=as_of)
    plans = [p for p in placement_plans(child=child) if placement and p.placement_id == placement.pk]
    return render(
        request,
        "children/child_detail.html",
        {
            "home": home,
            "child": child,
            "age": child.age_on(as_of),
            "needs": [need_label(n) for n in child.needs],
            "placements": placements,
            "consents": case_record_consents(child=child, home=home),
            "has_consent": policies.has_case_record_consent(child, home),
            "can_record_consent": policies.can_record_case_record_consent(request.user, home),
            "can_view_history": policies.can_view_history(request.user, home),
            "can_write": policies.can_write_records(request.user, home),
            "risk": current_risk,
            "risk_items": risk_selectors.items_by_level(current_risk) if current_risk else [],
            "risk_flags": risk_selectors.review_flags(child=child, home=home, as_of=as_of),
            "placement": placement,
            "plan": plans[0] if plans else None,
            "plan_due": placement_plan_due(placement) if placement else None,
            "as_of": as_of,
            "can_record_plan": policies.can_record_placement_plan(request.user, home),
            "can_edit": policies.can_edit_child_details(request.user, home),
            "can_end": policies.can_end_placement(request.user, home),
            "can_move": policies.can_move_child(request.user, home),
            "voice": childs_voice(child=child, home=home, today=as_of),
            "medicines": medicines_overview(child=child, home=home, today=as_of),
        },
    )


@child_view(policies.can_record_placement_plan, lives_here=True)
@require_http_methods(["GET", "POST"])
def placement_plan_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    record = reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id})
    placement = placement_current(child=child, home=home, as_of=today())
    if placement is None:
        raise Http404(f"{child.display_name} does not live here now.")
    return form_page(
        request,
        PlacementPlanForm(request.POST or None, initial={"agreed_on": today()}),
        save=lambda data: placement_plan_record(actor=request.user, placement=placement, today=today(), **data),
        success="Placement plan recorded.",
        then=record,
        creates=True,
        title=f"Record {child.display_name}'s placement plan",
        intro="The plan agreed with the placing authority: what the placement is for, how the home will meet the child's needs, and what the child thinks.",
        home=home,
        back_url=record,
    )


@child_view(policies.can_view_history)
def child_history(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    here = child_record_at_home(child=child, home=home)
    records = [
        child,
        *here.placements,
        *here.consents,
        *here.placement_plans,
        *here.risk_assessments,
        *[item for a in here.risk_assessments for item in a.items.all()],
        *here.referrals,
    ]
    return render(
        request,
        "audit/history.html",
        {
            "home": home,
            "title": f"History of {child.display_name}'s record",
            "entries": history_entries(records=records),
            "events": audit_events_for(records=records, home=home),
            "access_events": access_events_for_child(child=child, home=home),
        },
    )


@child_view(policies.can_record_case_record_consent, lives_here=True)
@require_http_methods(["GET", "POST"])
def consent_record(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    record = reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id})
    return form_page(
        request,
        CaseRecordConsentForm(request.POST or None),
        save=lambda data: case_record_consent_record(actor=request.user, child=child, home=home, today=today(), **data),
        success=f"Consent recorded: the independent visitor can now read {child.display_name}'s record.",
        then=record,
        creates=True,
        title="Record consent for the independent visitor",
        home=home,
        back_url=record,
        template="children/consent_form.html",
        extra={"child": child},
    )


@child_view(policies.can_record_case_record_consent)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    """The child or the placing authority withdraws consent: the visitor's access ends that day."""
    record = reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id})
    consent = case_record_consent_in_force(child=child, home=home)
    if consent is None and request.method == "POST":
        # Sent twice: the first press withdrew it. The form's key finds that save ("already saved").
        consent = case_record_consents(child=child, home=home).first()
    if consent is None:
        raise Http404("No consent is in force for this child.")
    return form_page(
        request,
        ConsentWithdrawalForm(request.POST or None, initial={"withdrawn_on": today()}),
        save=lambda data: case_record_consent_withdraw(actor=request.user, consent=consent, today=today(), **data),
        success=f"Consent withdrawn: the independent visitor can no longer read {child.display_name}'s record.",
        then=record,
        creates=False,
        title="Record that consent was withdrawn",
        intro=f"The Regulation 44 visitor will no longer be able to read {child.display_name}'s case record.",
        submit="Withdraw consent",
        home=home,
        back_url=record,
    )


def _detail(home: Home, child: Child) -> str:
    return reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id})


@child_view(policies.can_edit_child_details, lives_here=True)
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    """Change a child's details; the history keeps every earlier value and who changed it."""
    return form_page(
        request,
        ChildDetailsForm(request.POST or None, initial={f: getattr(child, f) for f in CHILD_DETAIL_FIELDS}),
        save=lambda data: child_details_change(actor=request.user, child=child, **data),
        success=lambda c: f"{c.display_name}'s details saved.",
        then=_detail(home, child),
        creates=False,
        title=f"Change {child.display_name}'s details",
        home=home,
        back_url=_detail(home, child),
        version_of=child,
    )


@child_view(policies.can_end_placement, lives_here=True)
@require_http_methods(["GET", "POST"])
def placement_ending(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    placement = placement_current(child=child, home=home, as_of=today())
    if placement is None:
        raise Http404("No current placement.")
    return form_page(
        request,
        PlacementEndingForm(request.POST or None, initial={"left_on": today()}),
        save=lambda data: placement_ending_record(actor=request.user, placement=placement, **data),
        success=f"{child.display_name}'s leaving is recorded. Their record stays, read-only, under “Lived here before”.",
        then=reverse("homes:detail", kwargs={"home_id": home.public_id}),
        creates=False,
        title=f"Record {child.display_name} leaving {home.name}",
        submit="Record the ending",
        home=home,
        back_url=_detail(home, child),
        intro="Record it on the day they leave. To move them to another of the provider's homes, use “Move to another home” instead.",
    )


@child_view(policies.can_move_child, lives_here=True)
@require_http_methods(["GET", "POST"])
def placement_move_view(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    placement = placement_current(child=child, home=home, as_of=today())
    if placement is None:
        raise Http404("No current placement.")
    homes = policies.homes_visible_to(request.user).filter(provider=home.provider).exclude(pk=home.pk).order_by("name")

    def then(moved: Any) -> str:
        return reverse("children:detail", kwargs={"home_id": moved.home.public_id, "child_id": child.public_id})

    return form_page(
        request,
        PlacementMoveForm(request.POST or None, homes=homes, initial={"moved_on": today()}),
        save=lambda data: placement_move(actor=request.user, placement=placement, **data),
        success=lambda moved: (
            f"{child.display_name} now lives at {moved.home.name}: one record, both placements in it."
        ),
        then=then,
        creates=True,
        title=f"Move {child.display_name} to another home",
        submit="Move them",
        home=home,
        back_url=_detail(home, child),
        intro="The placement here ends as a planned move and one at the new home starts the same day. Weigh the move's effect on the children already there first (Regulation 14).",
    )


@child_view(policies.can_edit_child_details, lives_here=True)
@require_http_methods(["GET", "POST"])
def photo_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return form_page(
        request,
        ChildPhotoForm(request.POST or None, request.FILES or None),
        save=lambda data: child_photo_record(actor=request.user, child=child, **data),
        success="Photograph saved.",
        then=_detail(home, child),
        creates=True,
        title=f"A photograph of {child.display_name}",
        submit="Upload",
        home=home,
        back_url=_detail(home, child),
    )


@child_view(policies.can_view_home)
def photo(request: HttpRequest, home: Home, child: Child) -> FileResponse:
    """The child's photograph, to those who may open their record; never cached by the browser."""
    if not child.photo:
        raise Http404("No photograph.")
    response = FileResponse(
        child.photo.open("rb"), content_type="image/png" if child.photo.name.endswith(".png") else "image/jpeg"
    )
    response["Cache-Control"] = "private, no-store"
    return response
