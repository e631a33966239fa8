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

from ..lexicon import expand, roles
from ..model import Doc
from ..pipeline import component
from ._base import CAP, WE, add_mention, person_name
from ._jurisdiction import JUR_RE, from_match
from .heading import BODY_HEADS, body_name

_ROLES = {r.title.upper(): r.title for r in roles()}
_BLOCK_RE = re.compile(
    rf"^[ \t]*(?:(?:TM|T/M)\.?[ \t]*(?P<org>[^\n]+?)[ \t]*\n\s*)?"
    rf"(?:(?:KT|TL|TUQ|Q)\.[ \t]*[^\n]+\n\s*)?"
    rf"(?P<title>[^\n]+?)(?:[ \t]*\n\s*|[ \t]{{3,}})"
    rf"(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}}){WE}[ \t]*$", re.MULTILINE)


def _blocks(text: str):
    """The blocks whose title line is a post; a line that only looked like a name (the
    "CHỦ TỊCH" under a line of a file path) is tried again as the title of the next."""
    pos = 0
    while m := _BLOCK_RE.search(text, pos):
        if " ".join(m.group("title").split()).upper() in _ROLES:
            yield m
            pos = m.end()
        else:
            pos = m.start("name")


@component("signature", requires=("norm", "context"), assigns=("mentions", "attrs.post", "attrs.post_org"))
def find_signatures(doc: Doc) -> Doc:
    text = doc.norm.text
    home = doc.context.get("home", {})
    for m in _blocks(text):
        title = " ".join(m.group("title").split()).upper()
        if m.group("org"):
            org_text, org_span = " ".join(m.group("org").split()), m.span("org")
        elif header := doc.context.get("header"):  # "KT. CHỦ TỊCH" alone: the body that heads the document
            org_text, org_span = header.body, header.body_span
        else:
            continue
        org_name, unit_known = _signed_for(org_text, home)
        key = org_name.lower() if unit_known else f"{doc.stem} {org_name.lower()}"  # else this document's
        org = add_mention(doc, "Organisation", org_span[0], org_span[1], name=org_name, key=key, source="signature")
        name = person_name(m.group("name"))
        add_mention(doc, "Person", m.start("name"), m.end("name"), name=name, key=name.lower(),
                    source="signature", post=_ROLES[title], post_org=org.key)
    return doc


def _signed_for(org_text: str, home: dict) -> tuple[str, bool]:
    """The body a block is signed for, named (and whether its unit is known): "ỦY BAN NHÂN
    DÂN TỈNH HẬU GIANG" as the heading names it; otherwise, as in "THƯỜNG TRỰC", the words
    with the unit they name or the document's own."""
    if named := body_name(org_text, home):
        return named, named not in BODY_HEADS
    head = org_text.capitalize()
    jur_match = JUR_RE.search(head)
    jur = from_match(jur_match, home) if jur_match else None
    if jur_match:
        head = head[:jur_match.start()].strip()
    jur = jur or home.get("thành phố") or home.get("huyện") or home.get("tỉnh")
    return expand(f"{head} {jur}" if jur else head), bool(jur and jur.name)
