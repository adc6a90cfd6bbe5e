"""Paging a list that can grow (GOV.UK pagination: ``templates/core/_pagination.html``)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class Paged:
    """One page of a list, and the page numbers to offer (an ellipsis for a run left out)."""

    page: Page[Any]
    numbers: list[int | str]

    @property
    def items(self) -> list[Any]:
        return list(self.page.object_list)


def paged(items: Sequence[Any] | QuerySet[Any], request: HttpRequest, *, per_page: int) -> Paged:
    """The page the request asks for (``?page=N``); the first for a missing or bad number, the
    last for one past the end. A queryset is counted and sliced in the database."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return Paged(page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)))
