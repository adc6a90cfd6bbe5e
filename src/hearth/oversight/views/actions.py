"""Actions: the list, a new action (from a finding or an Ofsted report), and one action's page,
where it is assigned, moved, completed with evidence or reopened."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.audit.selectors import audit_events_for, history_entries
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.oversight import forms, services
from hearth.oversight.models import Action
from hearth.oversight.selectors.monitoring import actions_for_home
from hearth.staff.selectors import staff_current


def _action(home: Home, action_id: str) -> Action:
    action = (
        Action.objects.filter(home=home, public_id=action_id)
        .select_related("owner", "reg44_visit", "reg45_review", "inspection")
        .first()
    )
    if action is None:
        raise Http404("No such action.")
    return action


def _list_url(home: Home) -> str:
    return reverse("oversight:action_list", kwargs={"home_id": home.public_id})


def _detail_url(home: Home, action: Action) -> str:
    return reverse("oversight:action_detail", kwargs={"home_id": home.public_id, "action_id": action.public_id})


@home_view(policies.can_view_actions)
def action_list(request: HttpRequest, home: Home) -> HttpResponse:
    show_completed = request.GET.get("show") == "all"
    return render(
        request,
        "oversight/action_list.html",
        {
            "home": home,
            "actions": actions_for_home(home=home, include_completed=show_completed),
            "show_completed": show_completed,
            "as_of": today(),
            "can_manage": policies.can_manage_actions(request.user, home),
        },
    )


@home_view(policies.can_manage_actions)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, home: Home) -> HttpResponse:
    """A new action; the findings page links here with the finding's code, subject, regulation and
    message filled in."""
    initial = {
        key: request.GET.get(key, "")
        for key in ("title", "regulation", "finding_code", "finding_subject", "source_reference")
    }
    initial["source"] = "finding" if initial["finding_code"] else "ofsted_requirement"
    if request.GET.get("due"):
        initial["due_on"] = request.GET["due"]
    form = forms.ActionForm(request.POST or None, initial=initial, staff=staff_current(home=home, as_of=today()))
    return form_page(
        request,
        form,
        save=lambda data: services.action_create(actor=request.user, home=home, **data),
        success=lambda a: f"Action added, due {a.due_on:%-d %B %Y}.",
        then=lambda a: _detail_url(home, a),
        creates=True,
        title="Add an action",
        intro="Something the home will put right: from a finding, an Ofsted requirement or recommendation.",
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_view_actions)
def action_detail(request: HttpRequest, home: Home, action_id: str) -> HttpResponse:
    action = _action(home, action_id)
    return render(
        request,
        "oversight/action_detail.html",
        {
            "home": home,
            "action": action,
            "as_of": today(),
            "can_manage": policies.can_manage_actions(request.user, home),
            "history": history_entries(records=[action]),
            "events": audit_events_for(records=[action]),
        },
    )


@home_view(policies.can_manage_actions)
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, home: Home, action_id: str) -> HttpResponse:
    action = _action(home, action_id)
    form = forms.ActionUpdateForm(
        request.POST or None,
        initial={"owner": action.owner, "due_on": action.due_on, "status": action.status},
        staff=staff_current(home=home, as_of=today()),
    )
    return form_page(
        request,
        form,
        save=lambda data: services.action_update(actor=request.user, action=action, **data),
        version_of=action,
        success="Action updated.",
        then=_detail_url(home, action),
        creates=False,
        title="Change the owner, due date or status",
        caption=action.title,
        home=home,
        back_url=_detail_url(home, action),
    )


@home_view(policies.can_manage_actions)
@require_http_methods(["GET", "POST"])
def action_complete(request: HttpRequest, home: Home, action_id: str) -> HttpResponse:
    action = _action(home, action_id)
    return form_page(
        request,
        forms.ActionCompleteForm(request.POST or None, initial={"completed_on": today()}),
        save=lambda data: services.action_complete(actor=request.user, action=action, **data),
        version_of=action,
        success="Action completed.",
        then=_detail_url(home, action),
        creates=False,
        title="Complete the action",
        caption=action.title,
        submit="Complete",
        home=home,
        back_url=_detail_url(home, action),
    )


@home_view(policies.can_manage_actions)
@require_http_methods(["GET", "POST"])
def action_reopen(request: HttpRequest, home: Home, action_id: str) -> HttpResponse:
    action = _action(home, action_id)
    return form_page(
        request,
        forms.ReasonForm(request.POST or None),
        save=lambda data: services.action_reopen(actor=request.user, action=action, **data),
        success="Action reopened.",
        then=_detail_url(home, action),
        creates=False,
        title="Reopen the action",
        caption=action.title,
        submit="Reopen",
        home=home,
        back_url=_detail_url(home, action),
    )
