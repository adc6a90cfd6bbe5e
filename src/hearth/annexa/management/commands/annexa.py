"""``hearth annexa --home ID --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--by NAME]``: write Ofsted's
Annex A information for a home and period as a spreadsheet and a PDF summary (docs/annex-a.md)."""

import datetime
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.annexa.documents import annex_a_document
from hearth.annexa.services import annex_a_produce
from hearth.annexa.spreadsheet import annex_a_workbook
from hearth.core.documents import document_pdf
from hearth.interchange.management.commands.export import find_home


def _date(value: str, flag: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{flag} {value!r} is not a date (YYYY-MM-DD).") from None


def file_stem(pack: Any) -> str:
    return f"annex-a-{pack.home.urn}-{pack.since:%Y%m%d}-{pack.until:%Y%m%d}"


class Command(BaseCommand):
    help = "Write Ofsted's Annex A information for a home and a period: a spreadsheet and a PDF summary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--home", required=True, help="Home id, URN or public id.")
        parser.add_argument("--from", dest="since", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="until", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--out", default=".", help="Folder to write the two files to (default here).")
        parser.add_argument("--by", default="", help="Your name, for item 3 and the allegations' access log.")

    def handle(self, *args: Any, **options: Any) -> None:
        since, until = _date(options["since"], "--from"), _date(options["until"], "--to")
        if until < since:
            raise CommandError(f"--to {until} is before --from {since}.")
        out = Path(options["out"])
        if not out.is_dir():
            raise CommandError(f"--out {out}: no such folder.")
        home = find_home(options["home"])
        started = time.perf_counter()
        pack = annex_a_produce(
            actor=None, home=home, since=since, until=until, produced_by=options["by"] or "hearth annexa (command line)"
        )
        xlsx = out / f"{file_stem(pack)}.xlsx"
        pdf = out / f"{file_stem(pack)}.pdf"
        xlsx.write_bytes(annex_a_workbook(pack))
        pdf.write_bytes(document_pdf(annex_a_document(pack)))
        seconds = time.perf_counter() - started
        self.stdout.write(f"{xlsx}\n{pdf}\nAnnex A for {home.name}, {since} to {until}, in {seconds:.1f} s.")
