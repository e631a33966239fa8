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


@component("signature", requires=("norm", "context"), assigns=("mentions",))
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
        if named := body_name(org_text, home):  # "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", or one of the home unit
            bare = named in BODY_HEADS  # of no unit kg knows: this document's
            org = add_mention(doc, "Organisation", org_span[0], org_span[1], name=named,
                              key=f"{doc.stem} {named.lower()}" if bare else named.lower(), source="signature")
            _signer(doc, m, title, org)
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
        _signer(doc, m, title, org)
    return doc


def _signer(doc: Doc, block: re.Match, title: str, org) -> None:
    name = person_name(block.group("name"))
    add_mention(doc, "Person", block.start("name"), block.end("name"), name=name, key=name.lower(),
                source="signature", post=_ROLES[title], post_org=org.key)
