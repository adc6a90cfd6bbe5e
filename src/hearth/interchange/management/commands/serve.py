"""``hearth serve``: serve Hearth on http://127.0.0.1:8000 for a developer or a demo."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve on 127.0.0.1:8000 (the development server; production uses a WSGI server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("runserver", options["addrport"])
