"""Resolutions: official documents by type, number and date.

"Nghị quyết số 188-NQ/TU ngày 25/10/2024", "Kế hoạch số 154/KH-UBND", "Chỉ thị số 04".
The number's issuer code (NQ/TU, KH-UBND, QĐ-TTg: lexicon/issuers.tsv) names the kind of
body that issued it; the type words are in lexicon/doctypes.tsv.

Where a document is named is the patterns of kg/patterns/resolutions.jsonl (its type, or
"Nghị quyết Đại hội …"); each label there has a hook here (``HOOKS``) that reads the number
and date after the type, or the description of the congress.
"""
from __future__ import annotations

import re

from ..lexicon import doc_types, issuers
from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ._base import WE, add_mention
from ..text.dates import iso_date
from .event import description_end

SOURCE = "resolution"

_TYPES = {d.name: d for d in doc_types()}
_TYPE_FORMS = [v for name in _TYPES for v in (name, name.lower(), name[0].lower() + name[1:])]
_CODE = r"[A-ZĐa-zđ&]+\d*"  # "UBTVQH15": a code may end with the legislature's term
#: 188-NQ/TU, 154/KH-UBND, 12/2020/NQ-HĐND, 30/2020/NĐ-CP, or a bare number after "số".
#: A space typed beside a separator is still one number: "2314 -QĐ/TU".
_NUMBER = rf"(?P<number>\d+(?:/\d{{4}})?(?: ?[/\-] ?{_CODE})+|\d+(?:/\d{{4}})?)"
_DATE = r"(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})"
_TYPE_SET = set(_TYPE_FORMS)
#: After a document's type, its number and the date it bears.
_NUMBER_AFTER = re.compile(
    rf"\s+(?:(?:số|Số)\s*:?\s+{_NUMBER}|(?P<coded>"
    rf"\d+(?:/\d{{4}})?(?:[/\-]{_CODE})+)){WE}(?:,?\s+ngày\s+{_DATE})?")


#: More bare numbers of the same type: "Chỉ thị số 04, 05 ngày 11/3/2011".
_MORE_NUMBERS = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?P<number>\d{{1,4}}){WE}(?=\s*(?:,|và|ngày|của|về|$))")
#: How a resolution named by the congress or conference that adopted it is written.
_ADOPTED_FORMS = {f"{t} {h}" for t in ("Nghị quyết", "nghị quyết") for h in ("Đại hội", "đại hội", "Hội nghị")}
_DATE_AFTER = re.compile(rf",?\s+ngày\s+{_DATE}")


def _iso(m: re.Match | None) -> str | None:
    """The ISO date of a match, or None when there is none or it is no real day (31/02)."""
    if not m or not m.group("y"):
        return None
    return iso_date(m.group("y"), m.group("m"), m.group("d"))


def issuer_code(number: str) -> str | None:
    """The issuer code of a number: the last part that names a body ("TU" in 188-NQ/TU)."""
    table = issuers()
    for part in reversed(re.split(r"[/\-]", number)):
        part = part.rstrip("0123456789")  # "UBTVQH15" -> "UBTVQH"
        if part in table:
            return part
    return None


def _add(doc: Doc, base: int, begin: int, end: int, doc_type, number: str, date: str | None,
         list_end: int) -> None:
    name = f"{doc_type.name} số {number}"
    coded = re.search(r"[^\d/\-]", number) is not None
    # A bare number ("Chỉ thị số 04") identifies a document only within its source.
    key = number.lower() if coded else f"{doc.stem} {name}".lower()
    add_mention(doc, "Resolution", base + begin, base + end, name=name, key=key, source=SOURCE,
                number=number, date=date, doc_type=doc_type.concept, issuer_code=issuer_code(number),
                list_end=base + list_end)


def _numbered(doc: Doc, found: Found) -> None:
    """"Nghị quyết | số 188-NQ/TU ngày 25/10/2024", and more bare numbers of a list."""
    text, base = found.text, found.base
    if found.written not in _TYPE_SET or not (m := _NUMBER_AFTER.match(text, found.end)):
        return
    doc_type = _TYPES[found.written[0].upper() + found.written[1:]]
    number = (m.group("number") or m.group("coded")).replace(" ", "")
    more, end = [], m.end()
    if m.group("number") and not m.group("y"):
        while nxt := _MORE_NUMBERS.match(text, end):
            more.append(nxt)
            end = nxt.end()
    date_after = _DATE_AFTER.match(text, end) if more else None
    date = _iso(m) or _iso(date_after)
    end = date_after.end() if date_after else end
    # Every document of a list shares what follows it ("… 04, 05 ngày … của X").
    _add(doc, base, found.begin, m.end(), doc_type, number, date, end)
    for nxt in more:
        _add(doc, base, nxt.start("number"), nxt.end("number"), doc_type, nxt.group("number"), date, end)


def _adopted(doc: Doc, found: Found) -> None:
    """"Nghị quyết Đại hội | Đảng bộ tỉnh lần thứ XVII": named by its congress."""
    text = found.text
    if found.written not in _ADOPTED_FORMS:
        return
    head = " ".join(found.written.split()[2:])
    end = description_end(text, found.end, head)
    if end is None:
        return
    name = f"Nghị quyết {head} {' '.join(text[found.end:end].split())}"
    add_mention(doc, "Resolution", found.base + found.begin, found.base + end, name=name, key=name.lower(),
                source=SOURCE, doc_type=_TYPES["Nghị quyết"].concept)


#: What reads the matches of each label of kg/patterns/resolutions.jsonl, in the order they
#: are read within a sentence.
HOOKS = {"numbered": _numbered, "adopted": _adopted}


@component("resolution",
           requires=("norm", "norm_sentences", "syllables"),
           assigns=("mentions", "attrs.number", "attrs.date", "attrs.doc_type", "attrs.issuer_code", "attrs.list_end"))
def find_resolutions(doc: Doc) -> Doc:
    for found in patterns("resolutions").read(doc, HOOKS, "resolution"):
        HOOKS[found.label](doc, found)
    return doc
