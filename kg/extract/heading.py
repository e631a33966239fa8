"""What the header of an administrative document says (``kg.text.header``): the body that
issues it, an Organisation, and the document itself, a Resolution of its type with its own
number and date, issued by that body ("Số: 57/NQ-HĐND" under "HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ
YÊN" and above "NGHỊ QUYẾT": Nghị quyết số 57/NQ-HĐND of the Council of Phú Yên)."""
from __future__ import annotations

from ..lexicon import body_heads, doc_types, expand, jurisdiction_levels
from ..model import Doc
from ..pipeline import component
from ..text.dates import iso_date
from ._base import add_mention
from ._jurisdiction import home_of
from .resolution import issuer_code

#: The heads of the bodies that issue documents, longest first.
BODY_HEADS = body_heads()
_LEVELS = sorted(jurisdiction_levels(), key=len, reverse=True)
_TYPES = {d.name: d for d in doc_types()}


def body_name(caps: str, home: dict) -> str | None:
    """A body written in capitals as a name: "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG" -> "Ủy ban nhân
    dân tỉnh Hậu Giang"; with no unit after its head, the document's own unit's."""
    words = " ".join(caps.split())
    head = next((h for h in BODY_HEADS if words.upper().startswith(h.upper())), None)
    if head is None:
        return None
    rest = words[len(head):].strip()
    if not rest:
        unit = home_of(home, "district", "province")
        return expand(f"{head} {unit}") if unit else head
    level = next((lv for lv in _LEVELS if rest.lower().startswith(lv + " ")), None)
    if level is None:
        return None
    name = " ".join(w.capitalize() for w in rest[len(level):].split())
    return expand(f"{head} {level} {name}")


@component("heading",
           requires=("norm", "context"),
           assigns=("mentions", "attrs.number", "attrs.date", "attrs.doc_type", "attrs.issuer_code", "attrs.issuer"))
def find_heading(doc: Doc) -> Doc:
    header = doc.context.get("header")
    if header is None or not header.official:  # a body in capitals alone: the signature's, if any
        return doc
    name = body_name(header.body, doc.context.get("home", {}))
    body = None
    if name:
        body = add_mention(doc, "Organisation", *header.body_span, name=name, key=name.lower(), source="heading")
    if header.number and header.doc_type:
        doc_type = _TYPES[header.doc_type]
        date = iso_date(*header.date) if header.date else None
        add_mention(doc, "Resolution", *header.number_span, name=f"{doc_type.name} số {header.number}",
                    key=header.number.lower(), source="heading", number=header.number, date=date,
                    doc_type=doc_type.concept, issuer_code=issuer_code(header.number),
                    issuer=body.key if body else None)
    return doc
