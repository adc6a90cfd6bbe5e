"""``hearth bundle_kinds_doc``: write the declared kinds' section of docs/bundle-format.md from
their one description (interchange/kinds.py), so the documentation cannot drift from the code."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from hearth.interchange.declared import KINDS
from hearth.interchange.kinds import kinds_markdown

START = "<!-- declared kinds: written by `hearth bundle_kinds_doc` from interchange/declared/; do not edit -->"
END = "<!-- end of declared kinds -->"
DOC = Path(settings.PACKAGE_DIR).parent.parent / "docs" / "bundle-format.md"


def with_kinds(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{kinds_markdown(KINDS)}\n{END}{tail}"


class Command(BaseCommand):
    help = "Write the declared record kinds' section of docs/bundle-format.md."

    def handle(self, *args: object, **options: object) -> None:
        DOC.write_text(with_kinds(DOC.read_text()))
        self.stdout.write(f"Wrote {len(KINDS)} kinds to {DOC}.")
