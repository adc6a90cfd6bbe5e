"""PDFs people print and sign, rendered with Typst (design.md: documents).

The template is a file beside this module; the data goes in as JSON through ``sys.inputs``, so a
child's record can never be read as Typst markup, whatever characters it holds.
"""

from pathlib import Path
from typing import Any

from hearth.core.documents import render_pdf as render_template
from hearth.homes.models import Home
from hearth.oversight.selectors.findings import Requirement

TEMPLATES = Path(__file__).parent / "typst"


def render_pdf(template: str, data: dict[str, Any]) -> bytes:
    return render_template(str(TEMPLATES / template), data)


def mock_inspection_pdf(*, home: Home, as_of_label: str, requirements: list[Requirement]) -> bytes:
    """The mock inspection page as an A4 PDF: requirements by regulation, evidence, due dates."""
    return render_pdf(
        "mock_inspection.typ",
        {
            "home": {"name": home.name, "urn": home.urn},
            "as_of": as_of_label,
            "requirements": [
                {
                    "regulation": r.regulation,
                    "standard": r.standard,
                    "evidence": r.evidence,
                    "due": f"{r.due:%-d %B %Y}",
                }
                for r in requirements
            ],
        },
    )
