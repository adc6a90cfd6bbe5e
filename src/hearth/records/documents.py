"""A child's chronology as a document (for a review, a court, a new placement): the log entries and
incidents about the child at the home, by date range, laid out by ``core/documents.py``."""

import datetime

from hearth.children.models import Child
from hearth.core.documents import Document, Section, Table
from hearth.homes.models import Home
from hearth.records.selectors import ChronologyItem

WITHHELD = "Withheld: this entry is also about another child, whose record the person printing it may not read."


def chronology_document(
    *,
    child: Child,
    home: Home,
    items: list[ChronologyItem],
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    type_label: str,
    printed_by: str,
    printed_at: datetime.datetime,
) -> Document:
    if date_from and date_to:
        period = f"{date_from:%-d %B %Y} to {date_to:%-d %B %Y}"
    elif date_from:
        period = f"from {date_from:%-d %B %Y}"
    elif date_to:
        period = f"up to {date_to:%-d %B %Y}"
    else:
        period = "all dates"
    rows = [
        [f"{item.at:%-d %b %Y, %H:%M}", item.type_label, WITHHELD if item.withheld else item.summary]
        for item in sorted(items, key=lambda i: i.at)  # a chronology reads oldest first on paper
    ]
    return Document(
        title=f"Chronology: {child.display_name}",
        caption=(
            f"{home.name} (URN {home.urn}). {type_label}, {period}. Printed by {printed_by} on "
            f"{printed_at:%-d %B %Y at %H:%M}."
        ),
        footer=f"Chronology of {child.display_name}, {home.name}, {period}",
        sections=[
            Section(
                f"{len(rows)} record{'s' if len(rows) != 1 else ''}, oldest first",
                table=Table(["When", "What", "Record"], rows, [3.2, 3.4, 0]) if rows else None,
                empty="Nothing recorded in this period.",
            )
        ],
    )
