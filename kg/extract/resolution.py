"""Resolutions: official documents by type, number and date.

"Nghị quyết số 188-NQ/TU ngày 25/10/2024", "Kế hoạch số 154/KH-UBND", "Chỉ thị số 04".
The number's issuer code (NQ/TU, KH-UBND, QĐ-TTg: lexicon/issuers.tsv) names the kind of
body that issued it; the type words are in lexicon/doctypes.tsv.
"""
from __future__ import annotations

import re

from ..lexicon import doc_types, issuers
from ..model import Doc
from ..pipeline import component
from ._base import WB, WE, add_mention, alternation, sentences

SOURCE = "resolution"

_TYPES = {d.name: d for d in doc_types()}
_TYPE_FORMS = [v for name in _TYPES for v in (name, name.lower(), name[0].lower() + name[1:])]
_CODE = r"[A-ZĐa-zđ&]+"
#: 188-NQ/TU, 154/KH-UBND, 12/2020/NQ-HĐND, 30/2020/NĐ-CP, or a bare number after "số".
_NUMBER = rf"(?P<number>\d+(?:/\d{{4}})?(?:[/\-]{_CODE})+|\d+(?:/\d{{4}})?)"
_DATE = r"(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})"
_RES_RE = re.compile(
    rf"{WB}(?P<type>{alternation(_TYPE_FORMS)}){WE}\s+(?:(?:số|Số)\s+{_NUMBER}|(?P<coded>"
    rf"\d+(?:/\d{{4}})?(?:[/\-]{_CODE})+)){WE}(?:,?\s+ngày\s+{_DATE})?")


def _issuer_code(number: str) -> str | None:
    """The issuer code of a number: the last part that names a body ("TU" in 188-NQ/TU)."""
    table = issuers()
    for part in reversed(re.split(r"[/\-]", number)):
        if part in table:
            return part
    return None


@component("resolution", requires=("norm", "norm_sentences"), assigns=("mentions",))
def find_resolutions(doc: Doc) -> Doc:
    for base, text in sentences(doc):
        for m in _RES_RE.finditer(text):
            type_name = " ".join(m.group("type").split())
            doc_type = _TYPES.get(type_name[0].upper() + type_name[1:])
            number = m.group("number") or m.group("coded")
            date = None
            if m.group("y"):
                date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
            name = f"{doc_type.name} số {number}"
            coded = re.search(r"[^\d/\-]", number) is not None
            # A bare number ("Chỉ thị số 04") identifies a document only within its source.
            key = f"{number}".lower() if coded else f"{doc.stem} {name}".lower()
            add_mention(doc, "Resolution", base + m.start(), base + m.end(), name=name,
                        key=key, source=SOURCE, number=number, date=date,
                        doc_type=doc_type.concept, issuer_code=_issuer_code(number))
    return doc
