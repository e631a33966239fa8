"""Posts: a person's titles written after the name, each with its organisation.

"đồng chí Nguyễn Quang Tuấn – Phó Bí thư Thành ủy – Chủ tịch HĐND thành phố",
"Lâm Thị Phương Thanh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy": after the name, a
run of (title, organisation) pairs joined by commas or dashes. A title of kind
``member`` (Ủy viên, Thành viên) gives ``memberOf``; any other gives ``holdsPost``.
"Tỉnh ủy viên" is a member of the province's party committee.
"""
from __future__ import annotations

import re

from ..lexicon import organisation_words, roles
from ..model import Doc
from ..pipeline import component
from ._base import POST_BEFORE, WE, alternation
from ._jurisdiction import PARTY_LEVEL
from ._relate import MAX_NAME, add_fact, entity_by_key, mention_at, mentions_in

_ROLES = {r.title.lower(): r for r in roles()}
_SEP = re.compile(r"\s*(?:[,–\-]|và)?\s*")
_TITLE = re.compile(rf"(?P<title>{alternation(r.title for r in roles())}){WE}\s*", re.IGNORECASE)
#: The next item of a list of posts, past one that names no organisation kg knows.
_NEXT_ITEM = re.compile(r"[^,;.–\n]{0,80}?(?=[,–])")
_PARTY_MEMBER = re.compile(rf"(?P<head>{alternation(PARTY_LEVEL)})\s+(?:{alternation(organisation_words('member'))}){WE}",
                           re.IGNORECASE)  # "huyện ủy viên"


def _committee(doc: Doc, head: str):
    """The document's party committee with this head (Tỉnh ủy ...), if it mentions one."""
    for e in doc.entities:
        if e.type == "Organisation" and e.name.startswith(head) and "Thường" not in e.name:
            return e
    return None


def _add(doc: Doc, person, org, role) -> None:
    """Record the post; ``role`` is a lexicon Role."""
    predicate = "memberOf" if role.kind == "member" else "holdsPost"
    add_fact(doc, predicate, person.entity, org, person, "posts", role.title)


@component("posts", requires=("entities", "attrs.post", "attrs.post_org"), assigns=("facts",))
def find_posts(doc: Doc) -> Doc:
    text = doc.norm.text
    for person in (m for m in doc.mentions if m.type == "Person"):
        if person.attrs.post:  # stated by the layout, as in a signature block
            org = entity_by_key(doc, "Organisation", person.attrs.post_org)
            if org:
                _add(doc, person, org, _ROLES[person.attrs.post.lower()])
        pos = person.norm[1]
        while True:
            sep = _SEP.match(text, pos)
            pos = sep.end()
            member = _PARTY_MEMBER.match(text, pos)
            if member:
                org = _committee(doc, member.group("head").capitalize())
                if org:
                    add_fact(doc, "memberOf", person.entity, org, person, "posts", "Ủy viên")
                pos = member.end()
                continue
            title = _TITLE.match(text, pos)
            if not title:
                break
            role = _ROLES[" ".join(title.group("title").split()).lower()]
            org = mention_at(doc, title.end(), "Organisation")
            # "Trưởng Ban Tổ chức Tỉnh ủy", "Chánh Thanh tra tỉnh": the title's last words begin the body
            words = [title.start() + w.start() for w in re.finditer(r"\S+", title.group("title"))][1:]
            for start in reversed(words):
                org = org or mention_at(doc, start, "Organisation")
            if org is None:
                skip = _NEXT_ITEM.match(text, title.end())
                if not skip:
                    break
                pos = skip.end()
                continue
            _add(doc, person, org.entity, role)
            pos = org.norm[1]
        _title_before(doc, person)
    return doc


def _title_before(doc: Doc, person) -> None:
    """"Giám đốc Sở Tài chính Nông Thị Thu Hà": a post and its body right before the name."""
    text = doc.norm.text
    org = next((m for m in mentions_in(doc, max(0, person.norm[0] - MAX_NAME), person.norm[0], "Organisation")
                if not text[m.norm[1]:person.norm[0]].strip()), None)
    if org is None:
        return
    title = POST_BEFORE.search(text, max(0, org.norm[0] - 40), org.norm[0])
    if title:
        _add(doc, person, org.entity, _ROLES[" ".join(title.group("title").split()).lower()])
