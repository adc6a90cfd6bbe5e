"""Hostile files given as Ofsted reports are refused within the parser's limits
(parser/sandbox.py): too many pages, a page of millions of glyphs from a few kilobytes, too
much text, and the patterns that once took quadratic time."""

import time
import zlib

import pytest

from hearth.inspections.parser import ReportError, read_report_bytes, sandbox
from hearth.inspections.parser.sandbox import MAX_PAGES, MAX_SECONDS
from hearth.inspections.parser.tables import guide_reference, regulation_citations
from hearth.inspections.parser.text import MAX_TEXT_CHARS


def pdf(pages: list[bytes]) -> bytes:
    """A minimal valid PDF whose pages have the given (uncompressed) content streams, each stored
    Flate-compressed: a stream of repeated operators compresses a thousandfold."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for content in pages:
        packed = zlib.compress(content, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
        stream = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (stream, font)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_page(line: str) -> bytes:
    return b"BT /F1 11 Tf 72 760 Td (" + line.encode() + b") Tj ET"


def refused_within_limits(data: bytes) -> str:
    started = time.monotonic()
    with pytest.raises(ReportError) as refused:
        read_report_bytes(data, name="report.pdf")
    assert time.monotonic() - started < MAX_SECONDS + 5
    return str(refused.value)


def test_a_small_pdf_reads_as_before() -> None:
    assert "Overall experiences" in read_report_bytes(
        pdf([text_page("Overall experiences and progress")]), name="a.pdf"
    )


def test_a_pdf_of_too_many_pages_is_refused_before_any_is_read() -> None:
    hostile = pdf([text_page(f"Page {n}") for n in range(MAX_PAGES + 140)])
    assert len(hostile) < 100_000
    assert f"it has {MAX_PAGES + 140} pages" in refused_within_limits(hostile)


def test_a_few_kilobytes_of_glyphs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe's 8.6 KB PDF took 34 s and 1.9 GB: one page of a million tiny text operators. Its
    reading is stopped by the time limit (shortened here, so the suite does not wait 20 s)."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 3)
    hostile = pdf([b"BT /F1 1 Tf " + b"(a) Tj 0.01 0 Td " * 1_000_000 + b"ET"])
    assert len(hostile) < 50_000
    started = time.monotonic()
    message = refused_within_limits(hostile)
    assert time.monotonic() - started < 3 + 5
    assert "report.pdf: is not read, because" in message


def test_a_damaged_pdf_says_so() -> None:
    assert "cannot be read as a PDF" in refused_within_limits(b"%PDF-1.4\n" + b"\x00garbage" * 100)


def test_too_much_text_is_refused() -> None:
    with pytest.raises(ReportError, match="characters; a report has at most"):
        read_report_bytes(b"word " * (MAX_TEXT_CHARS // 4), name="report.txt")


def test_the_citation_and_guide_patterns_take_linear_time() -> None:
    """An 87 KB text of unclosed brackets once took 30 s; each scan now stops after a citation's length."""
    brackets = "(Regulation 12 (1" * 6_000
    guides = "(Guide to the children's homes regulations " * 2_000
    started = time.monotonic()
    regulation_citations(brackets)
    guide_reference(guides)
    # Quadratic, these took minutes; linear, well under a second. The bound is loose for a busy machine.
    assert time.monotonic() - started < 10.0
    assert regulation_citations("must (Regulation 12 (1) (2)(a)(i)) by") == ["12(1)(2)(a)(i)"]
