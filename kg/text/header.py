"""The header of an administrative document (Decree 30/2020/NĐ-CP, Appendix I)::

    ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH HẬU GIANG                      Độc lập - Tự do - Hạnh phúc
    Số: 454/UBND-NCTH               Vị Thanh, ngày 6 tháng 4 năm 2011
    V/v tiếp tục phối hợp …         (or a title line: NGHỊ QUYẾT, QUYẾT ĐỊNH …)

The national motto marks a document as official; the issuing body is what stands in
capitals beside and above it (the two columns of the page come as interleaved lines in a
text file); then come the document's own number, its place and date, and its type, from
the title line, the type code of its number ("57/NQ-HĐND": Nghị quyết) or, for a number
with no type code and a "V/v" line, an official letter (Công văn). The result is
``doc.context["header"]`` (a ``Header``), or nothing for a text that has no such header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import doc_types
from ..model import Doc
from ..pipeline import component
from .dates import PLACE_DATE

#: How far into a text its header may lie (a portal may put lines of metadata before it).
HEAD = 1500

_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
_SLOGAN = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.IGNORECASE)
_RULE = re.compile(r"[-_=|*.]{2,}|\|")
_NUMBER = re.compile(r"(?m)^[ \t|]*Số\s*:\s*(?P<number>\d+(?:\s*/\s*\d{4})?(?:\s*[/\-]\s*[A-ZĐÐ][A-ZĐÐa-zđ&]*\d*)+)")
_ABOUT = re.compile(r"(?m)^[ \t]*V/v\b")


@dataclass(frozen=True)
class Header:
    body: str  # the issuing body as the header writes it, in capitals ("ỦY BAN NHÂN DÂN TỈNH HẬU GIANG")
    body_span: tuple[int, int]  # where its first line is, in the normalised text
    number: str | None = None  # "454/UBND-NCTH", spaces dropped
    number_span: tuple[int, int] | None = None
    doc_type: str | None = None  # a name of lexicon/doctypes.tsv ("Công văn")
    date: tuple[str, str, str] | None = None  # (year, month, day)
    official: bool = True  # under the national motto; False: only a body in capitals heads the text


def _capitals(piece: str) -> bool:
    letters = [c for c in piece if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _pieces(text: str, begin: int, end: int):
    """The runs of text[begin:end] left when the motto, the slogan and rules are taken out:
    (start, end) pairs, stripped."""
    cuts = sorted((m.start(), m.end()) for rx in (_MOTTO, _SLOGAN, _RULE) for m in rx.finditer(text, begin, end))
    pos = begin
    for b, e in cuts + [(end, end)]:
        if b > pos:
            chunk = text[pos:b]
            lead = len(chunk) - len(chunk.lstrip())
            if chunk.strip():
                yield pos + lead, pos + lead + len(chunk.strip())
        pos = max(pos, e)


def _type_of(text: str, number: str | None, after: int) -> str | None:
    types = doc_types()
    title = next((d.name for d in types if re.search(rf"(?m)^[ \t]*{re.escape(d.name.upper())}[ \t]*$",
                                                     text[after:after + 400])), None)
    if title:
        return title
    if number:
        codes = {d.code: d.name for d in types}
        for part in re.split(r"[/\-]", number)[1:]:
            if part in codes:
                return codes[part]
        if _ABOUT.search(text, after, after + 300):
            return "Công văn"  # a number with no type code, about a matter: an official letter
    return None


#: A report without the motto may still be headed by its body: "ỦY BAN NHÂN DÂN" and,
#: on the next line, its unit.
_BODY_LINES = re.compile(r"\A\s*(?P<head>[^\n]{4,60}?)[ \t]*\n(?:[ \t]*(?P<unit>(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|"
                         r"XÃ|PHƯỜNG|THỊ TRẤN)[ \t][^\n]{2,40}?)[ \t]*\n)?")


def _bare(text: str) -> Header | None:
    m = _BODY_LINES.match(text)
    if m is None or not _capitals(m["head"]) or not m["head"].isupper():
        return None
    body = " ".join(" ".join(m[g].split()) for g in ("head", "unit") if m[g] and _capitals(m[g]))
    return Header(body=body, body_span=m.span("head"), official=False)


def parse(text: str) -> Header | None:
    """The header of ``text`` (normalised), if it has one."""
    motto = _MOTTO.search(text, 0, HEAD)
    if motto is None:
        return _bare(text)
    number = _NUMBER.search(text, motto.end(), motto.end() + 600)
    stop = number.start() if number else min(len(text), motto.end() + 200)
    line_start = text.rfind("\n", 0, motto.start()) + 1
    # the body: capitals on the motto's lines and after them until the number, and on the
    # lines right above, up to the first line that is not in capitals
    above: list[tuple[int, int]] = []
    pos = line_start
    while pos > 0 and len(above) < 3:
        prev = text.rfind("\n", 0, pos - 1) + 1
        pieces = list(_pieces(text, prev, pos - 1))
        if pieces and not all(_capitals(text[b:e]) for b, e in pieces):
            break
        above = pieces + above
        pos = prev
    below = [(b, e) for b, e in _pieces(text, line_start, stop) if _capitals(text[b:e])]
    pieces = above + [p for p in below if not text[p[0]:p[1]].startswith("SỐ")]
    if not pieces:
        return None
    body = " ".join(" ".join(text[b:e].split()) for b, e in pieces)
    after = number.end() if number else stop
    when = PLACE_DATE.search(text, number.start() if number else stop, after + 200)  # beside the number
    num = re.sub(r"\s+", "", number["number"]).replace("Ð", "Đ") if number else None
    return Header(body=body, body_span=pieces[0], number=num, number_span=number.span("number") if number else None,
                  doc_type=_type_of(text, num, after), date=(when["y"], when["m"], when["d"]) if when else None)


@component("header", requires=("norm",), assigns=("context",), stage="segment")
def find_header(doc: Doc) -> Doc:
    doc.context["header"] = parse(doc.norm.text)
    return doc
