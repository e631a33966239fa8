"""Who issued a document: "<Resolution> của <Organisation>", "<Organisation> (đã) ban hành
<Resolution>", or the issuer code of its number (NQ/TU: a Tỉnh ủy) matched against the
organisations the document mentions."""
from __future__ import annotations

import re

from ..lexicon import issuers
from ..model import Doc
from ..pipeline import component
from ._relate import add_fact, gap, mentions_in, sentence_range

_OF = re.compile(r"(?:,\s*)?(?:của|do)")
_ISSUES = re.compile(r"(?:đã\s+|vừa\s+)?(?:ban hành|ra|thông qua|phê duyệt)")


@component("issued", requires=("entities",), assigns=("facts",))
def find_issuers(doc: Doc) -> Doc:
    for res in (m for m in doc.mentions if m.type == "Resolution"):
        b, e = sentence_range(doc, res.norm[0])
        orgs = mentions_in(doc, b, e, "Organisation")
        after = [o for o in orgs if o.norm[0] >= res.norm[1] and _OF.fullmatch(gap(doc, res, o))]
        before = [o for o in orgs if o.norm[1] <= res.norm[0] and _ISSUES.fullmatch(gap(doc, o, res))]
        issuer = (after or before or [None])[0]
        if issuer is None:
            issuer = _by_code(doc, res.attrs.get("issuer_code"))
            if issuer is not None:
                add_fact(doc, "issuedBy", res.entity, issuer, res, "issued")
            continue
        add_fact(doc, "issuedBy", res.entity, issuer.entity, res, "issued")
    return doc


def _by_code(doc: Doc, code: str | None):
    """The one organisation of the document whose name starts with the code's head."""
    if not code:
        return None
    head = issuers()[code].head
    found = [e for e in doc.entities if e.type == "Organisation" and e.name.startswith(head)]
    return found[0] if len(found) == 1 else None
