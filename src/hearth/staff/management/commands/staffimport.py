"""``hearth staffimport --home ID staff|training FILE``: a staff list or training completions from CSV."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.dates import today
from hearth.interchange.management.commands.export import find_home
from hearth.staff.csv_import import CsvImportRefused, staff_csv_import, training_csv_import


class Command(BaseCommand):
    help = (
        "Import a home's staff list or training completions from a CSV file saved from a spreadsheet. "
        "All or nothing: every problem is listed by row and column, and nothing is saved unless every row is good."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--home", required=True, help="Home id, URN or public id.")
        parser.add_argument("kind", choices=["staff", "training"], help="What the file holds.")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        home = find_home(options["home"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        data = path.read_bytes()
        try:
            if options["kind"] == "staff":
                result = staff_csv_import(actor=None, home=home, data=data)
            else:
                result = training_csv_import(actor=None, home=home, data=data, today=today())
        except CsvImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(f"{path}: {error}")
            raise CommandError(f"{len(exc.errors)} problem(s) in {path}; nothing was saved.") from None
        self.stdout.write(f"{path}: {result.summary} at {home.name}.")
