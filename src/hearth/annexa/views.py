"""The Annex A page: choose a period, see the answers and lists, download the spreadsheet or PDF."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.annexa.documents import annex_a_document
from hearth.annexa.forms import PeriodForm
from hearth.annexa.management.commands.annexa import file_stem
from hearth.annexa.selectors import AnnexA
from hearth.annexa.services import annex_a_produce
from hearth.annexa.spreadsheet import annex_a_workbook
from hearth.core.dates import add_years, today
from hearth.core.documents import document_pdf, pdf_response
from hearth.homes.models import Home

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _last_year() -> dict[str, str]:
    day = today()
    return {"since": (add_years(day, -1) + datetime.timedelta(days=1)).isoformat(), "until": day.isoformat()}


@home_view(policies.can_produce_annex_a)
def annex_a_page(request: HttpRequest, home: Home) -> HttpResponse:
    """The period's answers and lists on the page (the last year until another is chosen)."""
    form = PeriodForm(request.GET if "since" in request.GET else _last_year())
    pack = None
    if form.is_valid():
        data = form.cleaned_data
        pack = annex_a_produce(actor=request.user, home=home, since=data["since"], until=data["until"])
    return render(request, "annexa/page.html", {"home": home, "form": form, "pack": pack}, status=200 if pack else 400)


def _pack_or_page(request: HttpRequest, home: Home) -> tuple[AnnexA | None, HttpResponse | None]:
    """The pack for the period asked (the last year if none), or the page with what was wrong."""
    form = PeriodForm(request.GET if "since" in request.GET else _last_year())
    if not form.is_valid():
        return None, render(request, "annexa/page.html", {"home": home, "form": form, "pack": None}, status=400)
    data = form.cleaned_data
    return annex_a_produce(actor=request.user, home=home, since=data["since"], until=data["until"]), None


@home_view(policies.can_produce_annex_a)
def annex_a_spreadsheet(request: HttpRequest, home: Home) -> HttpResponse:
    pack, page = _pack_or_page(request, home)
    if pack is None:
        return page  # type: ignore[return-value]
    response = HttpResponse(annex_a_workbook(pack), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_stem(pack)}.xlsx"'
    return response


@home_view(policies.can_produce_annex_a)
def annex_a_pdf(request: HttpRequest, home: Home) -> HttpResponse:
    pack, page = _pack_or_page(request, home)
    if pack is None:
        return page  # type: ignore[return-value]
    return pdf_response(document_pdf(annex_a_document(pack)), f"{file_stem(pack)}.pdf")
