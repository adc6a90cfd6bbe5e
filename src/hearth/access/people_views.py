"""A home's people, in the browser: who has a role there, inviting someone, changing a role,
ending access and resetting a lost second factor; and the page an invitation link opens."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import people, policies, selectors, services
from hearth.access.decorators import home_view, public_view
from hearth.access.forms import AcceptInvitationForm, EndAccessForm, InviteForm, RoleForm
from hearth.access.models import Invitation, Role
from hearth.access.views import SET_UP_CODE_SESSION_KEY
from hearth.core.dates import today
from hearth.core.forms import apply_service_errors
from hearth.core.http import act_and_return, form_page
from hearth.homes.models import Home
from hearth.staff.models import StaffMember
from hearth.staff.selectors import vetting_outstanding_by_member


def _people(home: Home) -> str:
    return reverse("people:list", kwargs={"home_id": home.public_id})


def _name(membership: Any) -> str:
    return str(membership.user.get_full_name() or membership.user.get_username())


@home_view(policies.can_manage_people)
def people_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "access/people.html",
        {
            "home": home,
            "rows": selectors.people_of_home(home=home, viewer=request.user, as_of=today()),
            "invitations": selectors.invitations_waiting(home=home),
            "can_invite": bool(policies.roles_assignable(request.user, home)),
        },
    )


def _staff_file(request: HttpRequest, home: Home) -> StaffMember | None:
    """The staff file an invitation comes from (?staff=), if it is this home's and has no sign-in."""
    wanted = request.GET.get("staff") or request.POST.get("staff")
    if not wanted:
        return None
    try:
        member = policies.access_staff_member(request.user, home, wanted)
    except Http404:
        return None
    return member if member.user_id is None else None


STAFF_ROLE_TO_ROLE: dict[str, str] = {
    StaffMember.Role.SUPPORT_WORKER: Role.SUPPORT_WORKER,
    StaffMember.Role.RELIEF: Role.SUPPORT_WORKER,
    StaffMember.Role.SENIOR: Role.SENIOR,
    StaffMember.Role.DEPUTY_MANAGER: Role.DEPUTY_MANAGER,
    StaffMember.Role.REGISTERED_MANAGER: Role.REGISTERED_MANAGER,
}


@home_view(policies.can_manage_people)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, home: Home) -> HttpResponse:
    """Invite someone; from a staff file (?staff=), only once their safer-recruitment checks are
    complete (Reg 32(3)(d), Schedule 2), with their name, email and role filled in."""
    roles = policies.roles_assignable(request.user, home)
    member = _staff_file(request, home)
    initial: dict[str, Any] = {}
    if member is not None:
        outstanding = vetting_outstanding_by_member([member]).get(member.pk, [])
        if outstanding:
            messages.error(
                request,
                f"{member.full_name} cannot have a sign-in yet: their checks are not complete "
                f"({', '.join(outstanding)}).",
            )
            return redirect("staff:detail", home_id=home.public_id, staff_id=member.public_id)
        initial = {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "email": member.email,
            "role": STAFF_ROLE_TO_ROLE.get(member.role, ""),
        }

    def save(data: dict[str, Any]) -> people.SentInvitation:
        return people.invitation_send(actor=request.user, home=home, staff_member=member, **data)

    return form_page(
        request,
        InviteForm(request.POST or None, roles=roles, initial=initial),
        save=save,
        success=lambda sent: (
            f"Invitation sent to {sent.invitation.email}. If it does not arrive, give them this link, which works "
            f"once, for 3 days: {sent.link}"
        ),
        then=_people(home),
        creates=True,
        title=f"Invite {member.full_name} to Hearth" if member else "Invite someone to Hearth",
        submit="Send the invitation",
        home=home,
        back_url=_people(home),
        intro="They set their own password from the link; a manager also sets up an authenticator app.",
    )


@home_view(policies.can_manage_people)
@require_POST
def invitation_withdraw(request: HttpRequest, home: Home, invitation_id: Any) -> HttpResponse:
    invitation = Invitation.objects.filter(home=home, public_id=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return act_and_return(
        request,
        act=lambda: people.invitation_withdraw(actor=request.user, invitation=invitation),
        done=f"The invitation to {invitation.email} no longer works.",
        then=_people(home),
    )


@home_view(policies.can_manage_people)
@require_http_methods(["GET", "POST"])
def change_role(request: HttpRequest, home: Home, membership_id: Any) -> HttpResponse:
    membership = policies.access_membership(request.user, home, membership_id)
    roles = [r for r in policies.roles_assignable(request.user, home) if r != membership.role]
    return form_page(
        request,
        RoleForm(request.POST or None, roles=roles),
        save=lambda data: people.membership_change_role(actor=request.user, membership=membership, **data),
        success=lambda m: f"{_name(m)} is now {m.get_role_display().lower()}.",
        then=_people(home),
        creates=False,
        title=f"Change the role of {_name(membership)}",
        caption=f"Now {membership.get_role_display().lower()}",
        home=home,
        back_url=_people(home),
    )


@home_view(policies.can_manage_people)
@require_http_methods(["GET", "POST"])
def end_access(request: HttpRequest, home: Home, membership_id: Any) -> HttpResponse:
    membership = policies.access_membership(request.user, home, membership_id)
    return form_page(
        request,
        EndAccessForm(request.POST or None),
        save=lambda data: people.membership_end(actor=request.user, membership=membership, **data),
        success=lambda m: (
            f"{_name(m)}'s access ended and they were signed out everywhere."
            if m.ends_on <= today()
            else f"{_name(m)}'s access ends on {m.ends_on:%-d %B %Y}."
        ),
        then=_people(home),
        creates=False,
        title=f"End the access of {_name(membership)}",
        caption=f"{membership.get_role_display()} at {home.name}",
        submit="End their access",
        home=home,
        back_url=_people(home),
        intro="Their record of what they wrote stays. They can be invited again later.",
    )


@home_view(policies.can_manage_people)
@require_POST
def second_factor_reset(request: HttpRequest, home: Home, membership_id: Any) -> HttpResponse:
    membership = policies.access_membership(request.user, home, membership_id)
    if membership.role not in policies.SECOND_FACTOR_ROLES:
        raise Http404("No second factor to reset.")
    try:
        issued = people.second_factor_reset(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_people(home))
    return render(
        request,
        "access/set_up_code_issued.html",
        {"home": home, "membership": membership, "issued": issued, "reset": True},
    )


@public_view
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens: choose a username and password, then (a manager) set up
    the authenticator app at once, the link itself vouching for them."""
    invitation = people.invitation_for(token)
    state = invitation.state(timezone.now()) if invitation else "unknown"
    if invitation is None or state != "waiting":
        people.record_unusable_invitation(request, state)
        return render(
            request, "access/invitation_unusable.html", {"invitation": invitation, "state": state}, status=410
        )
    if request.user.is_authenticated:
        logout(request)  # a shared tablet: the invitation is for someone else
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = people.invitation_accept(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )  # no path: the link's address holds its token, never written down
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if invitation.role in policies.SECOND_FACTOR_ROLES:
                issued = services.set_up_code_issue(actor=invitation.issued_by, user=user, home=invitation.home)
                device = services.second_factor_device_new(user=user)
                request.session[SET_UP_CODE_SESSION_KEY] = {"enrolment": issued.enrolment.pk, "device": device.pk}
                messages.success(request, "Your account is ready. Now set up your authenticator app.")
                return redirect("access:two_factor_setup")
            messages.success(request, f"Welcome to Hearth, {user.first_name}.")
            return redirect("core:start")
    return render(request, "access/invitation_accept.html", {"form": form, "invitation": invitation})
