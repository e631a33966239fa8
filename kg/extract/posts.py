"""Posts: a person's titles written after the name, each with its organisation.

"đồng chí Nguyễn Quang Tuấn – Phó Bí thư Thành ủy – Chủ tịch HĐND thành phố",
"Lâm Thị Phương Thanh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy": after the name, a
run of (title, organisation) pairs joined by commas or dashes. A title of kind
``member`` (Ủy viên, Thành viên) gives ``memberOf``; any other gives ``holdsPost``.
"Tỉnh ủy viên" is a member of the province's party committee.
"""
from __future__ import annotations

import re

from ..lexicon import roles
from ..model import Doc
from ..pipeline import component
from ._base import WE, alternation
from ._jurisdiction import PARTY_LEVEL
from ._relate import add_fact, entity_by_key, mention_at

_ROLES = {r.title: r for r in roles()}
_SEP = re.compile(r"\s*(?:[,–\-]|và)?\s*")
_TITLE = re.compile(rf"(?P<title>{alternation(_ROLES)}){WE}\s*")
_PARTY_MEMBER = re.compile(rf"(?P<head>{alternation(PARTY_LEVEL)})\s+viên{WE}")


def _committee(doc: Doc, head: str):
    """The document's party committee with this head (Tỉnh ủy ...), if it mentions one."""
    for e in doc.entities:
        if e.type == "Organisation" and e.name.startswith(head) and "Thường" not in e.name:
            return e
    return None


def _add(doc: Doc, person, org, role) -> None:
    predicate = "memberOf" if role.kind == "member" else "holdsPost"
    add_fact(doc, predicate, person.entity, org, person, "posts", role.title)


@component("posts", requires=("entities",), assigns=("facts",))
def find_posts(doc: Doc) -> Doc:
    text = doc.norm.text
    for person in (m for m in doc.mentions if m.type == "Person"):
        if person.attrs.get("post"):  # stated by the layout, as in a signature block
            org = entity_by_key(doc, "Organisation", person.attrs["post_org"])
            if org:
                _add(doc, person, org, _ROLES[person.attrs["post"]])
        pos = person.norm[1]
        while True:
            sep = _SEP.match(text, pos)
            pos = sep.end()
            member = _PARTY_MEMBER.match(text, pos)
            if member:
                org = _committee(doc, member.group("head"))
                if org:
                    add_fact(doc, "memberOf", person.entity, org, person, "posts", "Ủy viên")
                pos = member.end()
                continue
            title = _TITLE.match(text, pos)
            if not title:
                break
            org = mention_at(doc, title.end(), "Organisation")
            if org is None:
                break
            _add(doc, person, org.entity, _ROLES[" ".join(title.group("title").split())])
            pos = org.norm[1]
    return doc
