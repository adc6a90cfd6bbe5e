"""Family time and the child's money: the child's page and its forms."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import child_view
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.family import forms, services
from hearth.family.models import FamilyTime, FamilyTimePlan
from hearth.family.selectors import family_overview
from hearth.homes.models import Home


def page_url(home: Home, child: Child) -> str:
    return reverse("family:child", kwargs={"home_id": home.public_id, "child_id": child.public_id})


@child_view(policies.can_view_home)
def child_page(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return render(
        request,
        "family/child.html",
        {
            "home": home,
            "child": child,
            "family": family_overview(child=child, home=home, today=today()),
            "now": timezone.now(),
            "can_write": policies.can_write_records(request.user, home) and policies.child_lives_at(child, home),
            "can_plan": policies.can_record_placement_plan(request.user, home) and policies.child_lives_at(child, home),
        },
    )


def _page(
    request: HttpRequest, home: Home, child: Child, form: Any, save: Any, title: str, success: str, creates: bool = True
) -> HttpResponse:
    back = page_url(home, child)
    return form_page(
        request,
        form,
        save=save,
        success=success,
        then=back,
        creates=creates,
        title=title,
        caption=f"{child.display_name}: family and money",
        home=home,
        back_url=back,
    )


@child_view(policies.can_record_placement_plan, lives_here=True)
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = forms.PlanForm(request.POST or None, initial={"agreed_on": today()})
    return _page(
        request,
        home,
        child,
        form,
        lambda d: services.family_time_plan_record(actor=request.user, home=home, child=child, **d),
        "Record the agreed family time",
        "Family time plan recorded.",
    )


def _plan(child: Child, plan_id: Any) -> FamilyTimePlan:
    plan = FamilyTimePlan.objects.filter(child=child, public_id=plan_id).first()
    if plan is None:
        raise Http404("No such plan.")
    return plan


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def time_new(request: HttpRequest, home: Home, child: Child, plan_id: Any) -> HttpResponse:
    plan = _plan(child, plan_id)
    form = forms.TimeForm(request.POST or None, initial={"outcome": FamilyTime.Outcome.PLANNED})
    return _page(
        request,
        home,
        child,
        form,
        lambda d: services.family_time_record(actor=request.user, plan=plan, **d),
        f"Family time with {plan.with_whom}",
        "Family time recorded.",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def time_outcome(request: HttpRequest, home: Home, child: Child, time_id: Any) -> HttpResponse:
    time = FamilyTime.objects.filter(child=child, home=home, public_id=time_id).select_related("plan").first()
    if time is None:
        raise Http404("No such family time.")
    return _page(
        request,
        home,
        child,
        forms.OutcomeForm(request.POST or None),
        lambda d: services.family_time_outcome_record(actor=request.user, time=time, **d),
        f"How did it go? Family time with {time.plan.with_whom}",
        "Recorded.",
        creates=False,
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def money_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = forms.MoneyForm(request.POST or None, initial={"on": today(), "account": "pocket", "direction": "out"})

    def save(d: dict[str, Any]) -> Any:
        amount = d["amount"] if d.pop("direction") == "in" else -d["amount"]
        return services.money_entry_record(actor=request.user, home=home, child=child, **{**d, "amount": amount})

    return _page(
        request, home, child, form, save, f"Record {child.display_name}'s money in or out", "Recorded in the ledger."
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def count_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = forms.CountForm(request.POST or None, initial={"on": today(), "account": "pocket"})
    return _page(
        request,
        home,
        child,
        form,
        lambda d: services.reconciliation_record(actor=request.user, home=home, child=child, **d),
        f"Count {child.display_name}'s money against the ledger",
        "Count recorded.",
    )
