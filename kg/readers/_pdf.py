"""PDF files with a text layer (pypdf): each page's text, hard-wrapped lines rejoined, page
numbers and running headers and footers dropped, footnotes (smaller type at the foot of the
page) kept apart after a separator line, as ``text.footnotes`` reads them; where each page
begins is kept, so that a mention's page can be told. A PDF without a text layer (scanned) needs OCR, which kg does
not do: that is an error, as are encrypted and damaged files."""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from contextlib import contextmanager

from ..text.footnotes import SEPARATOR
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
#: Footnotes: type at most this share of the text's size, below the last line of text (one
#: of this many characters at least), the first line opening with the note's number.
_SMALLER = 0.9
_TEXT_LINE = 10
_NOTE_START = re.compile(r"^\d{1,3}(?:\s|$)")


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
        pages = _apart([_page(page) for page in pdf.pages])
        title = (pdf.metadata.title if pdf.metadata else None) or None
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise ReadError("E013", reason=str(err) or type(err).__name__) from None
    if not any(body.strip() or notes for body, notes in pages):
        raise ReadError("E014", pages=len(pages))
    lines = [[line.rstrip() for line in body.splitlines()] for body, _ in pages]
    running = _running(lines)
    text, starts = [], []
    at = 0
    for page, (_, notes) in zip(lines, pages):
        kept = [line for i, line in enumerate(page) if line.strip()
                and not ((i < 2 or i >= len(page) - 2) and (_PAGE_NUMBER.match(line) or _shape(line) in running))]
        body = rejoin(kept)
        if notes:  # after a separator line, as a text layer laid out by the page has them (text.footnotes)
            body += "\n" + SEPARATOR + "\n" + "\n".join(rejoin(note) for note in _each_note(notes))
        starts.append(at)
        text.append(body)
        at += len(body) + 1
    return [Part(text="\n".join(text), format="application/pdf", title=(str(title).strip() or None) if title else None,
                 pages=tuple(starts))]


def _page(page) -> tuple[str, list[tuple[float, float, str]]]:
    """The text of a page, and its chunks of text: (height on the page, type size, text)."""
    chunks: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = abs(tm[3] * cm[3]) or 1.0
            chunks.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * scale, text))

    return page.extract_text(visitor_text=visit) or "", chunks


def _apart(pages: list[tuple[str, list]]) -> list[tuple[str, list[str]]]:
    """Each page's text and, apart, the lines of its footnotes: the lines in a type smaller
    than the document's text, below the page's last line of text, the first opening with
    a number. (A marker in the text, a superscript, is small too, but stands on a line of
    text.)"""
    sizes = Counter()
    for _, chunks in pages:
        for _, size, text in chunks:
            sizes[round(size, 1)] += len(text.strip())
    if not sizes:
        return [(text, []) for text, _ in pages]
    body_size = sizes.most_common(1)[0][0]
    out = []
    for text, chunks in pages:
        notes = _notes(chunks, body_size)
        body, found = [], []
        wanted = Counter(notes)
        for line in text.splitlines():
            key = " ".join(line.split())
            if wanted[key] > 0:
                wanted[key] -= 1
                found.append(key)
            else:
                body.append(line)
        out.append(("\n".join(body), found))
    return out


def _notes(chunks: list[tuple[float, float, str]], body_size: float) -> list[str]:
    """The footnote lines among a page's chunks of text, top to bottom (see ``_apart``)."""
    text_lines = [y for y, size, text in chunks if size >= 0.95 * body_size and len(text.strip()) >= _TEXT_LINE]
    if not text_lines:
        return []
    bottom = min(text_lines)
    below = sorted(((y, text) for y, size, text in chunks if y < bottom and size <= _SMALLER * body_size),
                   key=lambda c: -c[0])
    lines: list[tuple[float, str]] = []
    for y, text in below:  # chunks of one height are one line
        if lines and abs(lines[-1][0] - y) < 1.0:
            lines[-1] = (lines[-1][0], lines[-1][1] + text)
        else:
            lines.append((y, text))
    lines = [(y, " ".join(text.split())) for y, text in lines]
    if not lines or not _NOTE_START.match(lines[0][1]):
        return []
    return [text for _, text in lines]


def _each_note(lines: list[str]) -> list[list[str]]:
    """The footnote lines of a page, note by note: a note begins with its number."""
    notes: list[list[str]] = []
    for line in lines:
        if _NOTE_START.match(line) or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
    return notes


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
