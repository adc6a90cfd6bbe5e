"""Searching a home's records (selectors.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.homes.models import Home
from hearth.search.forms import SearchForm
from hearth.search.selectors import search_home


@home_view(policies.can_view_daily_log)
def search(request: HttpRequest, home: Home) -> HttpResponse:
    form = SearchForm(request.GET or None, home=home)
    filters = form.filters()
    results = None
    if filters.asked:
        results = search_home(
            home=home,
            filters=filters,
            page_number=request.GET.get("page"),
            staff_links=policies.can_view_staff_records(request.user, home),
        )
    return render(request, "search/search.html", {"home": home, "form": form, "filters": filters, "results": results})
