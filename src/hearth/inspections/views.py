"""Ofsted inspections: the home's list and history, one inspection with its requirements and
recommendations as tracked actions, and the import: upload a report, check the preview, confirm.

The preview carries what was read in a signed form field, so confirming imports exactly what the
manager saw, and nothing is stored until they confirm.
"""

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.inspections import selectors
from hearth.inspections.forms import ReportUploadForm
from hearth.inspections.models import JUDGEMENT_LABELS
from hearth.inspections.parser import ReportError, parse_report, read_report_bytes
from hearth.inspections.services import import_problems, inspection_import, sha256

PREVIEW_MAX_AGE = 60 * 60


def _salt(request: HttpRequest, home: Home) -> str:
    return f"inspection-import:{home.public_id}:{request.user.pk}"


@home_view(policies.can_view_inspections)
def inspection_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "inspections/list.html",
        {
            "home": home,
            "inspections": selectors.inspections_with_counts(home=home, as_of=today()),
            "history": selectors.inspection_history(home=home),
            "can_import": policies.can_import_inspection_report(request.user, home),
            "as_of": today(),
        },
    )


@home_view(policies.can_view_inspections)
def inspection_detail(request: HttpRequest, home: Home, inspection_id: str) -> HttpResponse:
    inspection = selectors.inspections_for_home(home=home).filter(public_id=inspection_id).first()
    if inspection is None:
        raise Http404("No such inspection.")
    actions = list(inspection.actions.all())
    return render(
        request,
        "inspections/detail.html",
        {
            "home": home,
            "inspection": inspection,
            "requirements": [a for a in actions if a.is_requirement],
            "recommendations": [a for a in actions if not a.is_requirement],
            "as_of": today(),
        },
    )


def _upload_page(
    request: HttpRequest, home: Home, form: ReportUploadForm, refusals: list[str] | None = None
) -> HttpResponse:
    return render(request, "inspections/upload.html", {"home": home, "form": form, "refusals": refusals or []})


@home_view(policies.can_import_inspection_report)
@require_http_methods(["GET", "POST"])
def inspection_upload(request: HttpRequest, home: Home) -> HttpResponse:
    """Upload a report; a readable one is shown as a preview to confirm."""
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, home, form)
    upload = form.cleaned_data["report"]
    data = upload.read()
    try:
        report = parse_report(read_report_bytes(data, name=upload.name), source=upload.name)
    except ReportError as exc:
        form.add_error("report", str(exc))
        return _upload_page(request, home, form)
    payload = {"report": report, "source_name": upload.name, "sha256": sha256(data)}
    return render(
        request,
        "inspections/preview.html",
        {
            "home": home,
            "report": report,
            "judgements": [(JUDGEMENT_LABELS.get(k, k), v) for k, v in report["judgements"].items()],
            "refusals": import_problems(home=home, report=report),
            "payload": signing.dumps(payload, salt=_salt(request, home), compress=True),
            "already": selectors.inspection_already_imported(home=home, report=report),
        },
    )


@home_view(policies.can_import_inspection_report)
@require_POST
def inspection_confirm(request: HttpRequest, home: Home) -> HttpResponse:
    """Import what the preview showed."""
    form = ReportUploadForm()
    refusals: list[str] = []
    try:
        payload: dict[str, Any] = signing.loads(
            request.POST.get("payload", ""), salt=_salt(request, home), max_age=PREVIEW_MAX_AGE
        )
    except signing.BadSignature:
        refusals = ["The preview is more than an hour old or was changed. Upload the report again."]
        return _upload_page(request, home, form, refusals)
    try:
        result = inspection_import(
            actor=request.user,
            home=home,
            report=payload["report"],
            source_name=payload["source_name"],
            source_sha256=payload["sha256"],
        )
    except ValidationError as exc:
        return _upload_page(request, home, form, [*exc.messages, "Nothing was saved."])
    (messages.success if result.created else messages.info)(request, result.summary + ".")
    return redirect(
        reverse("inspections:detail", kwargs={"home_id": home.public_id, "inspection_id": result.inspection.public_id})
    )
