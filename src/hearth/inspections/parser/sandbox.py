"""Reading a PDF's text in a child process with hard limits, so that a hostile file (a few
kilobytes that decompress to gigabytes, or a page of millions of glyphs) is refused within
seconds instead of holding a web worker and its memory (ASVS 12.1, resource exhaustion).

The limits, checked in this order:
  pages       at most ``MAX_PAGES``: counted from the page tree before any page is read;
  characters  at most ``MAX_CHARS`` in all, and ``MAX_PAGE_CHARS`` on one page;
  time        ``MAX_SECONDS`` of wall time for the whole file (the child is killed);
  memory      ``MAX_MEMORY_BYTES`` of address space in the child (it fails to allocate).

A published Ofsted report is 8 to 25 pages and 30,000 to 80,000 characters.

Run as ``python -m hearth.inspections.parser.sandbox``: the PDF on standard input, the text (or a
one-line refusal starting ``REFUSED:``) on standard output.
"""

import io
import resource
import subprocess
import sys

MAX_PAGES = 60
MAX_CHARS = 400_000
MAX_PAGE_CHARS = 40_000
MAX_SECONDS = 20
MAX_MEMORY_BYTES = 1024 * 1024 * 1024
REFUSED = "REFUSED:"


class PdfRefused(Exception):
    """The PDF broke a limit; the message says which, in plain words."""


def _limit_child() -> None:  # pragma: no cover - runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_SECONDS, MAX_SECONDS + 1))


def pdf_text_limited(data: bytes) -> str:
    """The PDF's text, extracted in a limited child process; ``PdfRefused`` naming the limit
    broken, or ``ValueError`` with the reader's complaint about a damaged file."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "hearth.inspections.parser.sandbox"],
            input=data,
            capture_output=True,
            timeout=MAX_SECONDS,
            preexec_fn=_limit_child,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PdfRefused(f"reading it took longer than {MAX_SECONDS} seconds, far longer than any report") from None
    out = done.stdout.decode("utf-8", errors="replace")
    if out.startswith(REFUSED):
        raise PdfRefused(out[len(REFUSED) :].strip())
    if done.returncode != 0:
        if b"MemoryError" in done.stderr or done.returncode < 0:
            raise PdfRefused("reading it needed more memory or time than any report does")
        last = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["unknown error"]
        raise ValueError(last[0])
    return out


def main() -> int:  # pragma: no cover - run in the child process by pdf_text_limited
    import pdfplumber

    from hearth.inspections.parser.text import page_lines

    data = sys.stdin.buffer.read()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            sys.stdout.write(f"{REFUSED} it has {len(pages)} pages; a report has at most {MAX_PAGES}")
            return 0
        texts, total = [], 0
        for number, page in enumerate(pages, start=1):
            if len(page.chars) > MAX_PAGE_CHARS:
                sys.stdout.write(
                    f"{REFUSED} page {number} holds over {MAX_PAGE_CHARS:,} characters; no report page does"
                )
                return 0
            text = "\n".join(page_lines(page))
            total += len(text)
            if total > MAX_CHARS:
                sys.stdout.write(f"{REFUSED} it holds over {MAX_CHARS:,} characters; a report has far fewer")
                return 0
            texts.append(text)
            page.close()
    sys.stdout.write("\n\f\n".join(texts))  # a form feed between pages: clean_lines finds running lines by it
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
