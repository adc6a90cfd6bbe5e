"""A staff member's record history."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.audit.selectors import audit_events_for, history_entries
from hearth.homes.models import Home


@home_view(policies.can_view_history)
def staff_history(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    return render(
        request,
        "audit/history.html",
        {
            "home": home,
            "title": f"History of {member.full_name}'s staff record",
            "entries": history_entries(records=[member]),
            "events": audit_events_for(records=[member]),
        },
    )
