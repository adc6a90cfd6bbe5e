"""A home's page, its history, and the responsible individual's provider page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.access import policies
from hearth.access.decorators import home_view, provider_view
from hearth.admissions.selectors import admission_overrides
from hearth.audit.selectors import audit_events_for, history_entries
from hearth.children.selectors import children_current, children_former
from hearth.core.dates import today
from hearth.core.paging import paged
from hearth.homes.models import Home, Provider
from hearth.homes.needs import need_label
from hearth.homes.selectors import (
    location_assessment_current,
    provider_homes_overview,
    statement_of_purpose_current,
)
from hearth.oversight.selectors import review_queue
from hearth.oversight.selectors.dashboard import provider_columns
from hearth.oversight.selectors.findings import provider_finding_counts
from hearth.oversight.selectors.trends import finding_trends
from hearth.staff.selectors import staff_current


@home_view(policies.can_view_home)
def home_detail(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    show = "former" if request.GET.get("show") == "former" else "current"
    children = children_former(home=home, as_of=as_of) if show == "former" else children_current(home=home, as_of=as_of)
    context = {
        "home": home,
        "as_of": as_of,
        "show": show,
        "children": [(c, c.age_on(as_of)) for c in children],
        "access": policies.home_access(request.user, home),
        "can_view_history": policies.can_view_history(request.user, home),
        "can_view_staff": policies.can_view_staff_records(request.user, home),
        "can_edit_home": policies.can_edit_home(request.user, home),
        "can_write_sop": policies.can_write_statement_of_purpose(request.user, home),
    }
    if getattr(request, "htmx", False):  # django-htmx: only the children table
        return render(request, "homes/home_detail.html#children", context)
    sop = statement_of_purpose_current(home=home, as_of=as_of)
    context.update(
        staff=staff_current(home=home, as_of=as_of),
        sop=sop,
        accepted_needs=[need_label(n) for n in sop.accepted_needs] if sop else [],
        excluded_needs=[need_label(n) for n in sop.excluded_needs] if sop else [],
        location=location_assessment_current(home=home, as_of=as_of),
        queue=_queue_summary(request, home),
        conduct={
            "complaints": policies.can_manage_complaints(request.user, home),
            "record_complaint": policies.can_record_complaint(request.user, home),
            "control": policies.can_view_control_measures(request.user, home),
            "allegations": policies.can_list_allegations(request.user, home),
            "notices": policies.can_view_notices(request.user, home),
            "annex_a": policies.can_produce_annex_a(request.user, home),
            "records_law": policies.can_manage_subject_access(request.user, home),
        },
    )
    return render(request, "homes/home_detail.html", context)


def _queue_summary(request: HttpRequest, home: Home) -> dict[str, int] | None:
    """For managers: how much awaits them, and how much of it is overdue."""
    if not policies.can_review_records(request.user, home):
        return None
    now = timezone.now()
    items = review_queue(home=home, now=now)
    return {"total": len(items), "overdue": sum(1 for i in items if i.overdue(now))}


@home_view(policies.can_view_history)
def home_history(request: HttpRequest, home: Home) -> HttpResponse:
    records = [home, *home.statements_of_purpose.all(), *home.location_assessments.all()]
    return render(
        request,
        "audit/history.html",
        {
            "home": home,
            "title": f"History of {home.name}",
            "entries": history_entries(records=records),
            "events": audit_events_for(records=records),
        },
    )


HOMES_PER_PAGE = 50  # the side-by-side table; the trends below count every home


@provider_view(policies.can_view_provider)
def provider_detail(request: HttpRequest, provider: Provider) -> HttpResponse:
    as_of = today()
    homes = list(provider_homes_overview(provider=provider, as_of=as_of))
    overrides = admission_overrides(provider=provider)
    counts = provider_finding_counts(homes=homes, as_of=as_of)
    shown = paged(homes, request, per_page=HOMES_PER_PAGE)
    columns = provider_columns(homes=shown.items, as_of=as_of, counts=counts)
    trends = finding_trends(homes=homes, now=timezone.now(), open_counts=counts)
    return render(
        request,
        "homes/provider_detail.html",
        {
            "provider": provider,
            "can_add_home": policies.can_add_home(request.user, provider),
            "columns": columns,
            "homes": homes,
            "paged": shown,
            "as_of": as_of,
            "overrides": overrides,
            "trends": trends,
        },
    )
