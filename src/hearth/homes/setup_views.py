"""Setting up in the browser: an administrator's new provider, the RI's new home and its
registration details, and new versions of the statement of purpose and the location review."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view, provider_view, signed_in_view
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes import services
from hearth.homes.forms import HomeForm, LocationAssessmentForm, SetUpForm, StatementOfPurposeForm
from hearth.homes.models import Home, Provider
from hearth.homes.selectors import location_assessment_current, statement_of_purpose_current


def _home(home: Home) -> str:
    return reverse("homes:detail", kwargs={"home_id": home.public_id})


@signed_in_view
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    if not policies.can_set_up_providers(request.user):
        from django.http import Http404

        raise Http404("No such page.")

    def save(data: dict[str, Any]) -> Any:
        people = {
            key: {
                "first_name": data.pop(f"{key}_first_name"),
                "last_name": data.pop(f"{key}_last_name"),
                "email": data.pop(f"{key}_email"),
            }
            for key in ("manager", "ri")
        }
        return services.provider_set_up(actor=request.user, manager=people["manager"], ri=people["ri"], **data)

    def success(sent: Any) -> str:
        for invitation in sent:
            messages.info(
                request,
                f"Invitation for {invitation.invitation.first_name} {invitation.invitation.last_name} "
                f"({invitation.invitation.get_role_display().lower()}) sent to {invitation.invitation.email}. "
                f"If it does not arrive, give them this link, which works once, for 3 days: {invitation.link}",
            )
        return f"{sent[0].invitation.home.name} is set up for {sent[0].invitation.home.provider.name}."

    return form_page(
        request,
        SetUpForm(request.POST or None),
        save=save,
        success=success,
        then="/",
        creates=True,
        title="Set up a provider and its first home",
        caption="Administration",
        submit="Set up and send the invitations",
        home=None,
        back_url="/",
        intro="The registered manager and the responsible individual each get a link to set their own password and authenticator app. Nobody else is given access here.",
    )


@provider_view(policies.can_add_home)
@require_http_methods(["GET", "POST"])
def home_new(request: HttpRequest, provider: Provider) -> HttpResponse:
    return form_page(
        request,
        HomeForm(request.POST or None),
        save=lambda data: services.home_add(actor=request.user, provider=provider, **data),
        success=lambda home: f"{home.name} added. Next, write its statement of purpose and invite its manager.",
        then=lambda home: reverse("homes:sop_new", kwargs={"home_id": home.public_id}),
        creates=True,
        title=f"Add a home to {provider.name}",
        caption=provider.name,
        home=None,
        back_url=reverse("homes:provider", kwargs={"provider_id": provider.public_id}),
    )


@home_view(policies.can_edit_home)
@require_http_methods(["GET", "POST"])
def home_edit(request: HttpRequest, home: Home) -> HttpResponse:
    initial = {f: getattr(home, f) for f in services.HOME_FIELDS}
    return form_page(
        request,
        HomeForm(request.POST or None, initial=initial),
        save=lambda data: services.home_details_change(actor=request.user, home=home, **data),
        success="Registration details saved.",
        then=_home(home),
        creates=False,
        title=f"Change {home.name}'s registration details",
        home=home,
        back_url=_home(home),
        version_of=home,
    )


@home_view(policies.can_write_statement_of_purpose)
@require_http_methods(["GET", "POST"])
def sop_new(request: HttpRequest, home: Home) -> HttpResponse:
    current = statement_of_purpose_current(home=home, as_of=today())
    fields = ("summary", "accepted_needs", "excluded_needs", "age_min", "age_max", "capacity", "sexes")
    initial: dict[str, Any] = (
        {f: getattr(current, f) for f in fields}
        if current
        else {
            "age_min": home.age_min,
            "age_max": home.age_max,
            "capacity": home.capacity,
            "sexes": home.sexes,
        }
    )
    initial["effective_from"] = today()
    if current:
        initial["emergency_admissions"] = "yes" if current.emergency_admissions else "no"
    return form_page(
        request,
        StatementOfPurposeForm(request.POST or None, initial=initial),
        save=lambda data: services.statement_of_purpose_new_version(actor=request.user, home=home, **data),
        success=lambda sop: f"Statement of purpose version {sop.number} saved; earlier versions are kept.",
        then=_home(home),
        creates=True,
        title="Write a new version of the statement of purpose",
        home=home,
        back_url=_home(home),
        intro=(f"Starts from version {current.number}. " if current else "")
        + "Admissions are checked against the needs, ages and places here (Regulation 14).",
    )


@home_view(policies.can_write_statement_of_purpose)
@require_http_methods(["GET", "POST"])
def location_new(request: HttpRequest, home: Home) -> HttpResponse:
    current = location_assessment_current(home=home, as_of=today())
    initial: dict[str, Any] = {"reviewed_on": today()}
    if current:
        initial.update(summary=current.summary, consulted=current.consulted, area_offers="\n".join(current.area_offers))
        initial.update({f"risk_{r.get('category')}": r.get("description", "") for r in current.local_risks})
    form = LocationAssessmentForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        asked = {k: v for k, v in data.items() if not k.startswith("risk_")}
        return services.location_assessment_review(actor=request.user, home=home, local_risks=form.risks(), **asked)

    return form_page(
        request,
        form,
        save=save,
        success=lambda a: f"Location review saved. The next is due by {a.next_review_due:%-d %B %Y}.",
        then=_home(home),
        creates=True,
        title="Review the location risk assessment",
        home=home,
        back_url=_home(home),
        intro="At least every 12 months (Regulation 46), and whenever something in the area changes.",
    )
