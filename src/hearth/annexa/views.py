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


@home_view(policies.can_produce_annex_a)
def annex_a_page(request: HttpRequest, home: Home) -> HttpResponse:
    day = today()
    initial = {"since": add_years(day, -1) + datetime.timedelta(days=1), "until": day}
    bound = "since" in request.GET
    form = PeriodForm(request.GET if bound else None, initial=initial)
    pack = None
    if not bound or form.is_valid():
        since = form.cleaned_data["since"] if bound else initial["since"]
        until = form.cleaned_data["until"] if bound else initial["until"]
        pack = annex_a_produce(actor=request.user, home=home, since=since, until=until)
    return render(request, "annexa/page.html", {"home": home, "form": form, "pack": pack})


def _pack_or_page(request: HttpRequest, home: Home) -> tuple[AnnexA | None, HttpResponse | None]:
    form = PeriodForm(request.GET)
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
