"""The signature block of an administrative document (Decree 30/2020/NĐ-CP, Appendix I):

    TM. ỦY BAN NHÂN DÂN          on behalf of the body
    KT. CHỦ TỊCH                 signing for its head (optional: KT., TL., TUQ., Q.)
    PHÓ CHỦ TỊCH                 the signer's own post
    (signature)
    Dương Công Dũng              the signer

gives the signer as a Person holding that post in that body (the document's own unit's
body when, as usual, the block names it without a jurisdiction). A block without its "TM."
line is signed for the body named at the head of the document.
"""
from __future__ import annotations

import re

from ..lexicon import expand, org_heads, roles
from ..model import Doc
from ..pipeline import component
from ._base import CAP, WE, add_mention, person_name
from ._jurisdiction import JUR_RE, from_match

_ROLES = {r.title.upper(): r.title for r in roles()}
_BLOCK_RE = re.compile(
    rf"^[ \t]*(?:(?:TM|T/M)\.?[ \t]*(?P<org>[^\n]+?)[ \t]*\n\s*)?"
    rf"(?:(?:KT|TL|TUQ|Q)\.[ \t]*[^\n]+\n\s*)?"
    rf"(?P<title>[^\n]+?)[ \t]*\n\s*"
    rf"(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}}){WE}[ \t]*$", re.MULTILINE)


#: The issuing body at the head of a document: its first line, in capitals.
_HEADER_RE = re.compile(r"\A\s*(?P<body>[^\n]{4,60}?)[ \t]*\n")
_BODIES = tuple(h.head.upper() for h in org_heads() if h.kind in ("body", "party", "fixed"))


def _header_body(text: str) -> tuple[str, tuple[int, int]] | None:
    m = _HEADER_RE.match(text)
    if m and m.group("body").isupper() and m.group("body").startswith(_BODIES):
        return " ".join(m.group("body").split()), m.span("body")
    return None


@component("signature", requires=("norm", "context"), assigns=("mentions",))
def find_signatures(doc: Doc) -> Doc:
    text = doc.norm.text
    home = doc.context.get("home", {})
    for m in _BLOCK_RE.finditer(text):
        title = " ".join(m.group("title").split()).upper()
        if title not in _ROLES:
            continue
        if m.group("org"):
            org_text, org_span = " ".join(m.group("org").split()), m.span("org")
        elif header := _header_body(text):  # "KT. CHỦ TỊCH" alone: the body that heads the document
            org_text, org_span = header
        else:
            continue
        # "ỦY BAN NHÂN DÂN" -> "Ủy ban nhân dân" + the unit it names or the document's own
        head = org_text.capitalize()
        jur_match = JUR_RE.search(head)
        jur = from_match(jur_match, home) if jur_match else None
        if jur_match:
            head = head[:jur_match.start()].strip()
        jur = jur or home.get("thành phố") or home.get("huyện") or home.get("tỉnh")
        org_name = expand(f"{head} {jur}" if jur else head)
        scope = "" if jur and jur.name else doc.stem  # a body of an unknown unit: this document's
        org = add_mention(doc, "Organisation", org_span[0], org_span[1], name=org_name,
                          key=f"{scope} {org_name.lower()}".strip(), source="signature")
        name = person_name(m.group("name"))
        add_mention(doc, "Person", m.start("name"), m.end("name"), name=name, key=name.lower(),
                    source="signature", post=_ROLES[title], post_org=org.key)
    return doc
