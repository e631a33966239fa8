"""PDF files with a text layer (pypdf): each page's text, hard-wrapped lines rejoined, page
numbers and running headers and footers dropped; where each page begins is kept, so that a
mention's page can be told. A PDF without a text layer (scanned) needs OCR, which kg does
not do: that is an error, as are encrypted and damaged files."""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from contextlib import contextmanager

from . import Part, ReadError, Reader, register

#: A line that is only a page number: "3", "- 3 -", "Trang 3", "3/12".
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–—]?\s*$", re.IGNORECASE)
#: A line ends a sentence or a heading's item: the next one starts anew.
_ENDS = re.compile(r"[.:;!?…”\")]\s*$")
#: A line that goes on from the one before: it starts in lower case, or with a digit or
#: punctuation that cannot open a line of its own.
_GOES_ON = re.compile(r"^\s*[a-zà-ỹđ(,]")
#: A full line is at least this long, whatever the page's width.
FULL = 20
#: A line that opens an item of a list ("1.", "a)", "-", "+", "•") or is all capitals (a heading) starts anew.
_OPENS = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-zđ][)]|[-+•*–]\s)|^[^a-zà-ỹđ]+$")
#: Lines at the top or bottom of this many pages, the same but for their digits, are headers or footers.
_RUNNING = 0.5


def read(data: bytes, name: str) -> list[Part]:
    with _pypdf_log() as said:
        try:
            return _read(data)
        except ReadError as err:
            if err.code == "E013" and said:  # what pypdf noticed before it gave up
                err.fields["reason"] = "; ".join(dict.fromkeys([err.fields["reason"], *said]))
            raise


@contextmanager
def _pypdf_log():
    """What pypdf logs while it reads (``EOF marker not found``…), kept for the error
    message instead of going to the user's terminal as stray lines."""
    said: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger, handler = logging.getLogger("pypdf"), Keep(logging.WARNING)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield said
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _read(data: bytes) -> list[Part]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted:
            try:
                opened = pdf.decrypt("")  # many "protected" PDFs open with the empty password
            except Exception:  # noqa: BLE001 - pypdf raises several kinds for unknown schemes
                opened = 0
            if not opened:
                raise ReadError("E012")
        pages = [page.extract_text() or "" for page in pdf.pages]
        title = (pdf.metadata.title if pdf.metadata else None) or None
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise ReadError("E013", reason=str(err) or type(err).__name__) from None
    if not any(p.strip() for p in pages):
        raise ReadError("E014", pages=len(pages))
    lines = [[line.rstrip() for line in page.splitlines()] for page in pages]
    running = _running(lines)
    text, starts = [], []
    at = 0
    for page in lines:
        kept = [line for i, line in enumerate(page) if line.strip()
                and not ((i < 2 or i >= len(page) - 2) and (_PAGE_NUMBER.match(line) or _shape(line) in running))]
        body = rejoin(kept)
        starts.append(at)
        text.append(body)
        at += len(body) + 1
    return [Part(text="\n".join(text), format="application/pdf", title=(str(title).strip() or None) if title else None,
                 pages=tuple(starts))]


def rejoin(lines: list[str]) -> str:
    """The lines of a page with the breaks of hard wrapping removed: a line that does not
    end a sentence is joined to the next when the next goes on in lower case, or when it
    is itself full (about as long as the page's longest lines: the wrap fell there, before
    a name in capitals, say) and the next opens no list item or heading. Runs of spaces
    (justified text) become one."""
    lines = [" ".join(line.split()) for line in lines]
    lengths = sorted(len(line) for line in lines)
    full = max(FULL, 0.75 * lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 0
    out: list[str] = []
    for line, before in zip(lines, [None] + lines[:-1]):
        if out and not _ENDS.search(out[-1]) and (_GOES_ON.match(line) or (
                full and len(before) >= full and not _OPENS.match(line))):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _running(pages: list[list[str]]) -> set[str]:
    """The lines that head or foot most pages (their digits aside), when there are three or more."""
    if len(pages) < 3:
        return set()
    seen = Counter()
    for page in pages:
        ends = [line for line in page if line.strip()]
        seen.update({_shape(line) for line in ends[:2] + ends[-2:]})
    return {shape for shape, n in seen.items() if n >= max(3, _RUNNING * len(pages))}


def sniff(head: bytes) -> bool:
    return head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-")


READER = register(Reader("pdf", (".pdf",), read, sniff))
