"""The report parser against the real report and each written test report, as text and as PDF;
then what it cannot read: other files, missing fields, mangled and truncated reports."""

import datetime
import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.inspections.parser import REPORT_FIELDS as FIELDS
from hearth.inspections.parser import ReportError, parse_file, parse_report, read_report_bytes
from hearth.inspections.parser.tables import regulation_citations
from hearth.inspections.parser.text import parse_date, parse_date_range
from hearth.inspections.tests.factories import FIXTURE_URNS, REPORTS, report_text
from hearth.inspections.tests.pdfs import report_pdf

FIXTURES = sorted(FIXTURE_URNS)


def expected(name: str) -> dict:
    return json.loads((REPORTS / f"{name}.expected.json").read_text(encoding="utf-8"))


@cache
def pdf_of(name: str) -> bytes:
    return report_pdf(report_text(name), urn=FIXTURE_URNS[name])


def parsed(name: str, form: str) -> dict:
    if form == "text":
        return parse_file(REPORTS / f"{name}.txt")
    return parse_report(read_report_bytes(pdf_of(name), name=f"{name}.pdf"), source=f"{name}.pdf")


@pytest.mark.parametrize("form", ["text", "pdf"])
@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("field", FIELDS)
def test_every_field_of_every_report(name: str, form: str, field: str) -> None:
    report, want = parsed(name, form), expected(name)[field]
    got = report[field]
    if field == "enforcement":
        assert all("notice" in e["text"].lower() for e in got)
        got = [{"kind": e["kind"], "date": e["date"]} for e in got]
    assert got == want
    assert report["problems"] == []


@pytest.mark.parametrize("form", ["text", "pdf"])
@pytest.mark.parametrize("name", FIXTURES)
def test_the_output_is_json_and_requirement_text_is_clean(name: str, form: str) -> None:
    report = parsed(name, form)
    assert json.loads(json.dumps(report)) == report
    for requirement in report["requirements"]:
        assert not re.search(r"</?p>|<br|&[a-z]+;|\t|  ", requirement["text"])
        assert not re.search(r"Inspection report children|^\d+$", requirement["text"])
        assert requirement["text"][0].isupper() and requirement["text"][-1] in ".)"


def test_the_variations_are_all_covered_by_the_test_reports() -> None:
    texts = {name: report_text(name) for name in FIXTURES}
    everything = "\n".join(texts.values())
    assert "<p>" in everything and "<p>07/04/2019</p>" in everything  # tags round cells and dates
    assert "\n*The registered person" in everything and "\n* These requirements" in everything  # asterisk + footnote
    assert re.search(r"\n\t\d+ \w+ \d{4}\n", everything)  # a due date on a row of its own
    assert "Inspection date 11/06/2020 Inspection type Full" in everything  # run-on history
    assert "Inspection date\tInspection type\tInspection judgement" in everything  # tabbed history with header
    assert "1 to 2 December 2020" in everything and "30 November to 1 December 2021" in everything
    assert "Inspection date: 15/01/2021" in everything  # a one-day, numeric date
    types = {expected(name)["inspection_type"] for name in FIXTURES}
    assert types == {"full", "interim", "monitoring", "assurance"}
    assert sum(len(expected(n)["details"]["inspectors"]) > 1 for n in FIXTURES) >= 2


def test_dates_in_each_published_form() -> None:
    assert parse_date("15 January 2021") == datetime.date(2021, 1, 15)
    assert parse_date("15/01/2021") == datetime.date(2021, 1, 15)
    assert parse_date("31/02/2021") is None
    assert parse_date_range("1 to 2 December 2020") == (datetime.date(2020, 12, 1), datetime.date(2020, 12, 2))
    assert parse_date_range("30 December 2020 to 2 January 2021") == (
        datetime.date(2020, 12, 30),
        datetime.date(2021, 1, 2),
    )
    assert parse_date_range("30 November to 1 December 2021")[0] == datetime.date(2021, 11, 30)  # type: ignore[index]
    assert parse_date_range("01/12/2020 to 02/12/2020") == (datetime.date(2020, 12, 1), datetime.date(2020, 12, 2))
    assert parse_date_range("no date here") is None


def test_regulation_citations() -> None:
    assert regulation_citations("x. (Regulation 12 (1) (2)(a)(i))") == ["12(1)(2)(a)(i)"]
    assert regulation_citations("(Regulations 12(1) and 13(2)(a))") == ["12(1)", "13(2)(a)"]
    assert regulation_citations("(Regulation 44(4), Regulation 45(2)(b))") == ["44(4)", "45(2)(b)"]
    assert regulation_citations("no citation") == []


def test_a_file_that_is_not_a_report_is_named(tmp_path: Path) -> None:
    for name, data in {
        "minutes.txt": b"Team meeting minutes\nWe discussed the rota.",
        "empty.txt": b"",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        "broken.pdf": b"%PDF-1.7\nthis is not really a pdf",
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ReportError, match=re.escape(name)):
            parse_file(path)
    with pytest.raises(ReportError, match=r"nowhere\.pdf: cannot be opened"):
        parse_file(tmp_path / "nowhere.pdf")


def test_a_field_it_cannot_find_is_null_and_named_never_guessed() -> None:
    text = report_text("SC482913-full-2019-03")
    text = text.replace("Inspection dates: 5 to 6 March 2019", "")
    text = text.replace("<p>07/04/2019</p>", "")
    text = text.replace(
        "How well children and young people are helped and protected\trequires improvement to be good", ""
    )
    text = text.replace(
        "Inspectors\n\nAmira Patel, Social Care Inspector\nJonathan Reeve, Social Care Regulatory Inspector", ""
    )
    report = parse_report(text, source="edited.txt")
    assert report["inspection_dates"] is None
    assert report["requirements"][0]["due_date"] is None
    assert "help_and_protection" not in report["judgements"]
    assert report["details"]["inspectors"] == []
    assert sorted(report["problems"]) == [
        "details.inspectors: not found",
        "inspection dates: not found",
        "judgements: help and protection not found",
        "requirement 1: no due date found",
    ]


def test_two_due_dates_for_one_requirement_gives_none() -> None:
    text = report_text("SC551234-interim-2021-01").replace(
        "(Regulation 40 (4)(b))\t19 January 2021", "(Regulation 40 (4)(b))\t19 January 2021\n\t20 January 2021"
    )
    report = parse_report(text, source="x.txt")
    # The extra date is moved to the next requirement only when that one has none; here it has one.
    assert report["requirements"][1]["due_date"] is None
    assert "requirement 2: more than one due date" in report["problems"][0]


def test_differing_urns_are_reported_not_chosen() -> None:
    text = report_text("SC703388-assurance-2020-11").replace(
        "Unique reference number: SC703388", "Unique reference number: SC703389"
    )
    report = parse_report(text, source="x.txt")
    assert report["urn"] is None
    assert report["problems"] == ["urn: SC703388 at the top but SC703389 under “Unique reference number”"]


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["cut", "delete", "insert", "truncate", "swap_lines"]),
        st.integers(min_value=0, max_value=20000),
        st.integers(min_value=0, max_value=400),
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "\t",
                "\n\n",
                "*",
                "(Regulation ",
                ")",
                "15/01/2021",
                "1 to",
                "Statutory requirements\n",
                "Recommendations\n",
                "Inspection dates: ",
                "Inspector\n",
                "■",
                "\x00",
                "31/02/2021",
                "\u2014",
                "((",
            ]
        ),
    ),
    max_size=8,
)


def _mangle(text: str, mutations: list[tuple[str, int, int, str]]) -> str:
    for kind, at, length, piece in mutations:
        at = at % (len(text) + 1)
        if kind == "cut":
            text = text[:at] + text[at + length :]
        elif kind == "delete":
            text = text.replace(piece, "", 1)
        elif kind == "insert":
            text = text[:at] + piece * (1 + length % 5) + text[at:]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.split("\n")
            if len(lines) > 2:
                i = at % (len(lines) - 1)
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
            text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FIXTURES), mutations=MUTATIONS)
def test_mangled_and_truncated_reports_never_raise_anything_else(name: str, mutations: list) -> None:
    text = _mangle(report_text(name), mutations)
    try:
        report = parse_report(text, source="mangled.txt")
    except ReportError as exc:
        assert str(exc).startswith("mangled.txt: ")
        return
    assert set(report) == {"file", *FIELDS, "problems"}
    json.dumps(report)
    for requirement in report["requirements"]:
        assert requirement["due_date"] is None or datetime.date.fromisoformat(requirement["due_date"])


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=3000), as_pdf=st.booleans())
def test_arbitrary_bytes_never_raise_anything_else(data: bytes, as_pdf: bool) -> None:
    if as_pdf:
        data = b"%PDF-1.4\n" + data
    try:
        parse_report(read_report_bytes(data, name="upload.bin"), source="upload.bin")
    except ReportError as exc:
        assert "upload.bin" in str(exc)


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=60000))
def test_truncated_pdfs_never_raise_anything_else(cut: int) -> None:
    data = pdf_of("SC482913-full-2019-03")
    try:
        parse_report(read_report_bytes(data[: cut % len(data)], name="cut.pdf"), source="cut.pdf")
    except ReportError as exc:
        assert str(exc).startswith("cut.pdf: ")
