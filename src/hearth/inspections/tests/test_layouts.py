"""The same reports printed other ways (issue 23): a narrow due-date column, a footer with the
report's title beside the page number, the page number before the title, a requirements table
whose header repeats on each small page, and words hyphenated at line ends. Every field must come
out as it does from the text. Chromium's print of a report is in ``e2e/test_report_layouts.py``."""

import json
from functools import cache

import pytest

from hearth.inspections.parser import REPORT_FIELDS, parse_report, read_report_bytes
from hearth.inspections.parser.tables import requirements
from hearth.inspections.parser.text import clean_lines
from hearth.inspections.tests.factories import FIXTURE_URNS, REPORTS
from hearth.inspections.tests.factories import report_text as fixture_text
from hearth.inspections.tests.pdfs import LAYOUTS, report_pdf

EXACT = [name for name in LAYOUTS if not name.startswith("hyphenated")]


def expected(name: str) -> dict:
    return json.loads((REPORTS / f"{name}.expected.json").read_text(encoding="utf-8"))


@cache
def parsed(name: str, layout: str) -> dict:
    provider = expected(name)["provider"] or ""
    pdf = report_pdf(fixture_text(name), urn=FIXTURE_URNS[name], layout=layout, provider=provider)
    return parse_report(read_report_bytes(pdf, name=f"{name}.pdf"), source=f"{name}.pdf")


def comparable(report: dict, field: str) -> object:
    value = report[field]
    if field == "enforcement":
        return [{"kind": e["kind"], "date": e["date"]} for e in value]
    return value


@pytest.mark.parametrize("layout", EXACT)
@pytest.mark.parametrize("name", sorted(FIXTURE_URNS))
@pytest.mark.parametrize("field", [f for f in REPORT_FIELDS if f != "file"])
def test_every_field_in_every_layout(name: str, layout: str, field: str) -> None:
    assert comparable(parsed(name, layout), field) == comparable(expected(name), field)


@pytest.mark.parametrize("layout", ["hyphenated", "hyphenated and justified"])
def test_words_hyphenated_by_the_typesetter_are_made_whole_but_for_one_it_cannot_tell(layout: str) -> None:
    """One known miss in each: "understand", broken by automatic hyphenation into two words of its
    own ("under-", "stand"), keeps its hyphen."""
    misses = []
    for name in sorted(FIXTURE_URNS):
        for field in REPORT_FIELDS:
            if field != "file" and comparable(parsed(name, layout), field) != comparable(expected(name), field):
                misses.append((name, field))
    got = parsed("SC660021-full-2021-11", layout)["requirements"][0]["text"]
    assert "staff under-stand the roles" in got
    assert misses == [("SC660021-full-2021-11", "requirements")]


def test_a_footer_with_the_title_beside_the_page_number_is_removed_however_it_is_worded() -> None:
    words = ["The home is warm.", "Staff know the children well.", "Records are clear."]
    pages = [f"{text}\nCherry Tree Care Ltd children's home report\t{n} of 3" for n, text in enumerate(words, 1)]
    assert [line for line in clean_lines("\f".join(pages)) if line] == words
    single = "Some words\nInspection report for children's home: SC123456\tPage 1 of 1"
    assert [line for line in clean_lines(single) if line] == ["Some words"]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["staff keep good record-", "keeping at all times"], ["staff keep good record-keeping", "at all times"]),
        (["the home's missing-", "from-care procedure"], ["the home's missing-from-care", "procedure"]),
        (["the home's missing-from", "-care procedure"], ["the home's missing-from-care", "procedure"]),
        (["updated follow-", "ing the visit"], ["updated following", "the visit"]),
        (["the review is recorded and the record-", "keeping is good; the record keeping"], None),
    ],
)
def test_a_word_broken_at_a_line_end_is_made_whole(lines: list[str], joined: list[str] | None) -> None:
    cleaned = clean_lines("\n".join(lines))
    if joined is None:
        assert cleaned[0].endswith("record-keeping")
    else:
        assert cleaned == joined


def test_a_wrapped_citation_and_a_wrapped_due_date_are_rejoined() -> None:
    lines = [
        "Requirement\tDue date",
        "The registered person must ensure that staff follow the home's policies on missing children\t15",
        "and on exploitation. (Regulation 12 (1) (2)(a)(i)(ii)(iii)(iv)(v)(vi)(vii)(viii)(ix)\tJanuary",
        "(x))\t2021",
    ]
    [found], problems = requirements(lines)
    assert problems == []
    assert found["due_date"] == "2021-01-15"
    assert found["text"].endswith("(viii)(ix)(x))")
    assert found["regulations"] == ["12(1)(2)(a)(i)(ii)(iii)(iv)(v)(vi)(vii)(viii)(ix)(x)"]
