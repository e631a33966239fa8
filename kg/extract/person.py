"""Persons: a family name and given names, after an honorific or before a post title.

"đồng chí Nguyễn Quang Tuấn", "ông Hoàng Văn A", "Lê Trí Thức - Tỉnh ủy viên, ...".
A name is two to four capitalised syllables, the first a Vietnamese family name
(lexicon/surnames.tsv); a bare title ("đồng chí Bí thư") is not a new person.
"""
from __future__ import annotations

import re

from ..lexicon import roles, surnames
from ..model import Doc
from ..pipeline import component
from ._base import CAP, LOWER, WB, WE, add_mention, alternation, person_name, sentences

SOURCE = "person"

_HONORIFIC = ["đồng chí", "Đồng chí", "đ/c", "Đ/c", "ông", "Ông", "bà", "Bà", "ĐỒNG CHÍ"]
#: Syllables that begin a post title and so end a name ("… Thanh, Bí thư").
#: A whole post title ends a name ("… Thanh, | Bí thư"); a given name may begin like one
#: ("Nguyễn Văn Thành", "Lê Đại Nghĩa"), so only the whole title counts.
_TITLES = sorted({r.title for r in roles()} | {"Tỉnh ủy viên", "Thành ủy viên", "Huyện ủy viên",
                                               "Đại biểu", "Tỉnh ủy", "Thành ủy", "Huyện ủy"})
_GIVEN = rf"(?!(?:{alternation(_TITLES)}){WE}){CAP}"
_NAME = rf"(?P<name>(?:{alternation(surnames())}){WE}(?:[ ]+{_GIVEN}){{1,3}}){WE}"
#: "Giám đốc Sở Tài chính Nông Thị Thu Hà trình bày": a full name after a post title and
#: the body it is held in, closing the phrase (a lower-case word or punctuation follows).
_AFTER_POST_RE = re.compile(
    rf"{WB}(?:{alternation(_TITLES)})\s+(?:[^\s,;.:()]+\s+){{1,9}}?"
    rf"(?P<name>(?:{alternation(surnames())}){WE}(?:\s+{_GIVEN}){{2,3}}){WE}"
    rf"(?=\s*(?:[,;.:(]|$)|\s+[{LOWER}])")

_HONORIFIC_RE = re.compile(rf"{WB}(?:{alternation(_HONORIFIC)})\s+{_NAME}")
_LEADING_HONORIFIC = re.compile(rf"(?:{alternation(_HONORIFIC)})\s+")
_NAME_RE = re.compile(_NAME)
#: A byline: a line of two to four capitalised syllables after the article's last
#: paragraph ("Đức Anh", "PHÙNG KHIÊM").
_BYLINE_RE = re.compile(rf"(?<=[.…!?\"”])[ \t]*\n\s*\n[ \t]*(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}})"
                        rf"(?:[ \t]*[-–][ \t]*(?P<name2>{CAP}(?:[ \t]+{CAP}){{1,3}}))?"
                        rf"[ \t]*(?:\([^)\n]{{1,80}}\))?[ \t]*(?:\n|$)")
_TITLED_RE = re.compile(rf"{WB}{_NAME}\s*[,–\-]\s*(?:{alternation(r.title for r in roles())}|"
                        rf"Tỉnh ủy viên|Thành ủy viên|Huyện ủy viên){WE}")


@component("person", requires=("norm", "norm_sentences", "zones"), assigns=("mentions",))
def find_persons(doc: Doc) -> Doc:
    for base, text in sentences(doc):
        seen: set[int] = set()
        for regex in (_HONORIFIC_RE, _TITLED_RE, _AFTER_POST_RE):
            for m in regex.finditer(text):
                start = m.start("name")
                if (after := _LEADING_HONORIFIC.match(m.group("name"))) and _NAME_RE.fullmatch(
                        m.group("name")[after.end():]):
                    start += after.end()  # "Ông Lê Minh Tuấn": Ông is a surname too, but not here
                if start in seen:
                    continue
                seen.add(start)
                _add(doc, base + start, base + m.end("name"), text[start:m.end("name")])
    for m in _BYLINE_RE.finditer(doc.norm.text):
        if any(b <= m.start("name") < e for b, e in doc.zones):
            continue
        rest = doc.norm.text[m.end():].lstrip()
        if rest and len(rest.split("\n", 1)[0]) > 100:
            continue  # more article follows: a heading, not a byline
        _add(doc, m.start("name"), m.end("name"), m.group("name"), byline=True)
        if m.group("name2"):  # "Văn Tuyên - Minh Hải": two authors
            _add(doc, m.start("name2"), m.end("name2"), m.group("name2"), byline=True)
    return doc


def _add(doc: Doc, begin: int, end: int, written: str, **attrs) -> None:
    name = person_name(written)
    add_mention(doc, "Person", begin, end, name=name, key=name.lower(), source=SOURCE, **attrs)
