"""The signature block of an administrative document (Decree 30/2020/NĐ-CP, Appendix I):

    TM. ỦY BAN NHÂN DÂN          on behalf of the body
    KT. CHỦ TỊCH                 signing for its head (optional: KT., TL., TUQ., Q.)
    PHÓ CHỦ TỊCH                 the signer's own post
    (signature)
    Dương Công Dũng              the signer

gives the signer as a Person holding that post in that body (the document's own unit's
body when, as usual, the block names it without a jurisdiction).
"""
from __future__ import annotations

import re

from ..lexicon import expand, roles
from ..model import Doc
from ..pipeline import component
from ._base import CAP, WE, add_mention, person_name
from ._jurisdiction import JUR_RE, from_match

_ROLES = {r.title.upper(): r.title for r in roles()}
_BLOCK_RE = re.compile(
    rf"^[ \t]*(?:TM|T/M)\.?[ \t]*(?P<org>[^\n]+?)[ \t]*\n\s*"
    rf"(?:(?:KT|TL|TUQ|Q)\.[ \t]*[^\n]+\n\s*)?"
    rf"(?P<title>[^\n]+?)[ \t]*\n\s*"
    rf"(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}}){WE}[ \t]*$", re.MULTILINE)


@component("signature", requires=("norm", "context"), assigns=("mentions",))
def find_signatures(doc: Doc) -> Doc:
    text = doc.norm.text
    home = doc.context.get("home", {})
    for m in _BLOCK_RE.finditer(text):
        title = " ".join(m.group("title").split()).upper()
        if title not in _ROLES:
            continue
        org_text = " ".join(m.group("org").split())
        # "ỦY BAN NHÂN DÂN" -> "Ủy ban nhân dân" + the unit it names or the document's own
        head = org_text.capitalize()
        jur_match = JUR_RE.search(head)
        jur = from_match(jur_match, home) if jur_match else None
        if jur_match:
            head = head[:jur_match.start()].strip()
        jur = jur or home.get("thành phố") or home.get("huyện") or home.get("tỉnh")
        org_name = expand(f"{head} {jur}" if jur else head)
        scope = "" if jur and jur.name else doc.stem  # a body of an unknown unit: this document's
        org = add_mention(doc, "Organisation", m.start("org"), m.end("org"), name=org_name,
                          key=f"{scope} {org_name.lower()}".strip(), source="signature")
        name = person_name(m.group("name"))
        add_mention(doc, "Person", m.start("name"), m.end("name"), name=name, key=name.lower(),
                    source="signature", post=_ROLES[title], post_org=org.key)
    return doc
