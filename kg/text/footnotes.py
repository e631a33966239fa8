"""Footnotes of a document turned into text from PDF.

A footnote's body sits at the bottom of a page, after a separator line of spaces, and
starts with its number ("4 Xây mới trường …", or the number alone on its line); it runs
to the next footnote, or to the first indented paragraph of the next page. Its marker is
the same number glued to the end of a word in the text ("… 01 dự án4;", "… đối
tượng13."). The marker digits are blanked in the normalised text, so that they are not
read as part of a name or a year ("năm 202512" is "năm 2025" and footnote 12); offsets
do not change. The result is ``doc.footnotes``: number, body range and marker offset.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Doc
from ..pipeline import component

#: The line that parts a page's text from its footnotes: spaces only, 15 or more (a text
#: layer laid out as the page is has one; the PDF reader writes ``SEPARATOR``).
_SEPARATOR = re.compile(r"^[ \t]{15,}$", re.MULTILINE)
SEPARATOR = " " * 20
_BODY_START = re.compile(r"^[ \t]*(?P<n>\d{1,3})(?=[ \t]*(?:\n|\(|[^\W\d_]))", re.MULTILINE)
_PARAGRAPH = re.compile(r"^[ \t]+[^\W\d_]", re.MULTILINE)
#: A marker: one or two digits right after a word of two or more letters (not a code in
#: capitals such as PC07, not a unit such as m2), or after a four-digit year.
_MARKER = re.compile(r"(?:(?<=[^\W\d_]{2})(?<![A-ZĐ]{2})|(?<=\b(?:19|20)\d\d))(?P<n>\d{1,2})(?=[\s.,;:)]|$)")
_UNITS = ("m", "km", "cm", "mm", "ha", "kg", "kw", "kv")


@dataclass(frozen=True)
class Footnote:
    number: int
    body: tuple[int, int]  # into Doc.norm.text
    marker: int | None  # offset of the marker digits, if the text cites it


def find_bodies(text: str) -> dict[int, tuple[int, int]]:
    bodies: dict[int, tuple[int, int]] = {}
    for sep in _SEPARATOR.finditer(text):
        pos = sep.end()
        nxt = _BODY_START.match(text, pos + 1) if pos + 1 < len(text) else None
        while nxt:
            number = int(nxt["n"])
            start = nxt.end()
            if not text[start:text.find("\n", start) if "\n" in text[start:] else len(text)].strip():
                # the number alone on its line: the body is the next line, indented or not
                first = re.compile(r"\n\s*\S[^\n]*").search(text, start)
                start = first.end() if first else start
            following = [m.start() for m in (_BODY_START.search(text, start), _PARAGRAPH.search(text, start),
                                            _SEPARATOR.search(text, start)) if m]
            end = min(following) if following else len(text)
            bodies.setdefault(number, (nxt.start("n"), len(text[:end].rstrip())))
            nxt = _BODY_START.match(text, end) if end < len(text) else None
    return bodies


def find_footnotes(text: str) -> list[Footnote]:
    bodies = find_bodies(text)
    markers: dict[int, int] = {}
    for m in _MARKER.finditer(text):
        number = int(m["n"])
        if number not in bodies or number in markers or any(b <= m.start() < e for b, e in bodies.values()):
            continue
        word = re.search(r"[^\W\d_]+$", text[max(0, m.start() - 12):m.start()])
        if word and word.group().lower() in _UNITS:
            continue
        markers[number] = m.start()
    return [Footnote(n, body, markers.get(n)) for n, body in sorted(bodies.items())]


@component("footnotes", requires=("norm",), assigns=("footnotes", "norm"), stage="text")
def footnotes(doc: Doc) -> Doc:
    doc.footnotes = find_footnotes(doc.norm.text)
    chars = list(doc.norm.text)
    for fn in doc.footnotes:
        if fn.marker is not None:
            end = fn.marker + len(str(fn.number))
            chars[fn.marker:end] = " " * (end - fn.marker)
    doc.norm.text = "".join(chars)
    return doc
