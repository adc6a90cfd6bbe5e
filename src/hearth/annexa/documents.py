"""Annex A as a PDF summary: the answers, then each list as a table (core/documents.py lays it out)."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.annexa.selectors import AnnexA
from hearth.core.documents import Document, Section, Table


def as_text(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return f"{value:%-d %b %Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %b %Y}"
    return str(value)


def annex_a_document(pack: AnnexA) -> Document:
    home = pack.home
    produced = timezone.localtime(pack.produced_at)
    return Document(
        title="Annex A information for inspection",
        caption=f"{home.name} (URN {home.urn}), {home.address}. Registered provider: {home.provider.name}. "
        f"From {pack.since:%-d %B %Y} to {pack.until:%-d %B %Y}; produced by {pack.produced_by} on "
        f"{produced:%-d %B %Y at %H:%M}.",
        footer=f"Annex A, {home.name}, {pack.since:%-d %b %Y} to {pack.until:%-d %b %Y}",
        sections=[
            Section(
                "Answers",
                table=Table(
                    ["No.", "Item", "Answer"],
                    [[n, item, as_text(answer)] for n, item, answer in pack.answers],
                    [1.2, 0, 4.5],
                ),
            ),
            *[
                Section(
                    sheet.title,
                    table=Table(sheet.columns, [[as_text(v) for v in row] for row in sheet.rows])
                    if sheet.rows
                    else None,
                    empty="None in the period.",
                )
                for sheet in pack.sheets
            ],
            Section("What this pack does not hold", paragraphs=list(pack.not_held)),
        ],
    )
