"""The child's key work, goals and achievements: their voice and their progress."""

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
from hearth.homes.models import Home
from hearth.keywork import services
from hearth.keywork.forms import AchievementForm, GoalForm, PlanForm, ProgressForm, SessionForm
from hearth.keywork.models import Goal, KeyWorkSession
from hearth.keywork.selectors import childs_voice


def page_url(home: Home, child: Child) -> str:
    return reverse("keywork:child", kwargs={"home_id": home.public_id, "child_id": child.public_id})


def _aware(value: Any) -> Any:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@child_view(policies.can_view_home)
def child_page(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return render(
        request,
        "keywork/child.html",
        {
            "home": home,
            "child": child,
            "voice": childs_voice(child=child, home=home, today=today()),
            "can_write": policies.can_write_records(request.user, home) and policies.child_lives_at(child, home),
        },
    )


def _form(
    request: HttpRequest, home: Home, child: Child, form: Any, *, save: Any, success: str, title: str, **kw: Any
) -> HttpResponse:
    back = page_url(home, child)
    return form_page(
        request,
        form,
        save=save,
        success=success,
        then=back,
        creates=True,
        title=title,
        caption=child.display_name,
        home=home,
        back_url=back,
        **kw,
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return _form(
        request,
        home,
        child,
        PlanForm(request.POST or None, initial={"planned_for": today()}),
        save=lambda d: services.keywork_plan(actor=request.user, home=home, child=child, **d),
        success="Key-work session planned.",
        title="Plan a key-work session",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    planned = None
    if request.GET.get("planned"):
        planned = KeyWorkSession.objects.filter(child=child, home=home, public_id=request.GET["planned"]).first()
        if planned is None or not planned.is_planned:
            raise Http404("No such planned session.")
    initial: dict[str, Any] = {"held_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)}
    if planned is not None:
        initial["topics"] = planned.topics
    return _form(
        request,
        home,
        child,
        SessionForm(request.POST or None, initial=initial),
        save=lambda d: services.keywork_record(
            actor=request.user, home=home, child=child, planned=planned, **{**d, "held_at": _aware(d["held_at"])}
        ),
        success="Key-work session recorded and signed.",
        title="Record a key-work session",
        intro=f"{child.display_name} may read this one day: write it to them, and keep their words in their own box.",
        submit="Save and sign",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return _form(
        request,
        home,
        child,
        GoalForm(request.POST or None, initial={"set_on": today()}),
        save=lambda d: services.goal_set(actor=request.user, home=home, child=child, **d),
        success="Goal recorded.",
        title="Set a goal with " + child.display_name,
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def goal_progress(request: HttpRequest, home: Home, child: Child, goal_id: Any) -> HttpResponse:
    goal = Goal.objects.filter(child=child, home=home, public_id=goal_id).first()
    if goal is None:
        raise Http404("No such goal.")
    return _form(
        request,
        home,
        child,
        ProgressForm(request.POST or None, initial={"on": today()}),
        save=lambda d: services.goal_progress_record(actor=request.user, goal=goal, **d),
        success="Progress recorded.",
        title=f"Progress: {goal.goal}",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def achievement_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return _form(
        request,
        home,
        child,
        AchievementForm(request.POST or None, initial={"on": today()}),
        save=lambda d: services.achievement_record(actor=request.user, home=home, child=child, **d),
        success="Achievement recorded.",
        title=f"Record something {child.display_name} achieved",
    )
