"""Who issued a document: "<Resolution> của <Organisation>", "<Organisation> (đã) ban hành
<Resolution>", the body at the head of the document for the document itself, or the
issuer code of its number (NQ/TU: a Tỉnh ủy) matched against the
organisations the document mentions."""
from __future__ import annotations

from ..lexicon import issuers
from ..model import Doc
from ..pipeline import component
from ._relate import add_fact, entity_by_key, linked



@component("issued",
           requires=("entities", "syllables", "attrs.issuer", "attrs.issuer_code", "attrs.list_end"),
           assigns=("facts",))
def find_issuers(doc: Doc) -> Doc:
    for res in (m for m in doc.mentions if m.type == "Resolution"):
        issuer = (linked(doc, res, "Organisation", before="issuedBy.before", after="issuedBy.after",
                         anchor_end=res.attrs.list_end) or [None])[0]
        if issuer is None and res.attrs.issuer:  # the body at the head of the document itself
            issuer = entity_by_key(doc, "Organisation", res.attrs.issuer)
            if issuer is not None:
                add_fact(doc, "issuedBy", res.entity, issuer, res, "issued")
            continue
        if issuer is None:
            issuer = _by_code(doc, res.attrs.issuer_code)
            if issuer is not None:
                add_fact(doc, "issuedBy", res.entity, issuer, res, "issued")
            continue
        add_fact(doc, "issuedBy", res.entity, issuer.entity, res, "issued")
    return doc


def _by_code(doc: Doc, code: str | None):
    """The one organisation of the document whose name starts with the code's head."""
    if not code:
        return None
    if issuers()[code].several:
        return None  # "-CT/TW": the Politburo's or the Secretariat's; the number does not say
    head = issuers()[code].head
    found = [e for e in doc.entities if e.type == "Organisation" and e.name.startswith(head)]
    return found[0] if len(found) == 1 else None
