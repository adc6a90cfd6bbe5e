"""The reading log and the refusal log, written once per request, for every page, so no view can
forget them (ASVS 7.1 and 7.2): who opened a child's record, a staff member's file, or a home's
records about children; and every page refused to a signed-in person."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from hearth.audit.models import SecurityEvent
from hearth.audit.services import access_event_record, security_event_record

# A home's pages that hold records about children or staff, by URL namespace, in plain words.
HOME_RECORDS = {
    "records": "the daily record",
    "incidents": "incident records",
    "visitors": "visitor records",
    "staff": "staff records",
}


# The pages of a child's record, in the words the history page shows.
CHILD_PAGES = {
    "children:detail": "the child's record",
    "children:history": "the record's history",
    "records:chronology": "the chronology",
    "risk:overview": "the risk assessment",
    "risk:version": "a version of the risk assessment",
    "risk:print": "the printed risk assessment",
    "risk:history": "the risk assessment's history",
}


class ReadingLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return response
        if response.status_code in (403, 404):
            security_event_record(
                user=user,
                kind=SecurityEvent.Kind.DENIED,
                path=request.get_full_path(),
                status=response.status_code,
                ip=request.META.get("REMOTE_ADDR"),
            )
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            self.record_reading(request)
        return response

    @staticmethod
    def record_reading(request: HttpRequest) -> None:
        home = getattr(request, "hearth_home", None)
        match = request.resolver_match
        if home is None or match is None:
            return
        child = getattr(request, "hearth_child", None)
        path = request.get_full_path()
        if child is not None:
            page = CHILD_PAGES.get(f"{match.namespace}:{match.url_name}", "the child's record")
            access_event_record(user=request.user, home=home, child=child, what=page, path=path)
        elif "staff_id" in match.kwargs:
            from hearth.staff.models import StaffMember

            member = StaffMember.objects.filter(home=home, public_id=match.kwargs["staff_id"]).first()
            access_event_record(user=request.user, home=home, staff_member=member, what="a staff file", path=path)
        elif match.namespace in HOME_RECORDS:
            access_event_record(user=request.user, home=home, what=HOME_RECORDS[match.namespace], path=path)
