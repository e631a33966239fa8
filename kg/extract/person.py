"""Persons: a family name and given names, after an honorific or before a post title.

"đồng chí Nguyễn Quang Tuấn", "ông Hoàng Văn A", "Lê Trí Thức - Tỉnh ủy viên, ...", and
the signer field of a legal-document database ("Người ký : Dương Ngọc Long"), and the
names listed after a plural honorific ("Các đồng chí A, B và C").
A name is two to four capitalised syllables, the first a Vietnamese family name
(lexicon/surnames.tsv); a bare title ("đồng chí Bí thư") is not a new person.
"""
from __future__ import annotations

import re

from ..lexicon import honorifics, roles, surnames
from ..model import Doc
from ..pipeline import component
from ._base import CAP, LOWER, WB, WE, add_mention, alternation, person_name, sentences

SOURCE = "person"

_HONORIFIC = honorifics()
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

_TITLE_FORMS = {t.upper() for t in _TITLES}
_HONORIFIC_RE = re.compile(rf"{WB}(?:{alternation(_HONORIFIC)})\s+{_NAME}")
#: "Các đồng chí Hoàng Văn Nghiệm, Hồ Tiến Thiệu và Lâm Thị Phương Thanh …": a plural
#: honorific before a list of full names, each a person.
_PLURAL_RE = re.compile(rf"{WB}(?:các|Các|CÁC)\s+(?:đồng chí|ông|bà|ông, bà)\s*:?\s+{_NAME}")
_NEXT_NAME_RE = re.compile(rf"\s*(?:,|\s+và)\s+{_NAME}")
#: The signer in the fields a legal-document database prints over a text: "Người ký : X".
_SIGNER_FIELD_RE = re.compile(
    rf"{WB}(?:Người ký|Người ký duyệt)[ \t]*:[ \t]*(?P<name>(?:{alternation(surnames())}){WE}(?:[ ]+{_GIVEN}){{1,3}}?)"
    rf"(?=[ \t]+(?:Nơi|Ngày|Số|Loại|Cơ quan|Chức vụ|Lĩnh vực){WE}|[ \t]*(?:\n|$))")
_LEADING_HONORIFIC = re.compile(rf"(?:{alternation(_HONORIFIC)})\s+")
_NAME_RE = re.compile(_NAME)
#: A byline: a line of two to four capitalised syllables after the article's last
#: paragraph ("Đức Anh", "PHÙNG KHIÊM").
_BYLINE_RE = re.compile(rf"(?<=[.…!?\"”])[ \t]*\n\s*\n[ \t]*(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}})"
                        rf"(?:[ \t]*[-–][ \t]*(?P<name2>{CAP}(?:[ \t]+{CAP}){{1,3}}))?"
                        rf"[ \t]*(?:\([^)\n]{{1,80}}\))?[ \t]*(?:\n|$)")
#: The last line of an article, a byline without a blank line before it, or one in brackets
#: with the author's office: "Trần Thanh- Trần Khánh", "(Thúy Oanh – VP UBND Q8)".
_LAST_LINE_RE = re.compile(
    rf"(?:\A|\n)[ \t]*(?P<open>\()?(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}})"
    rf"(?:[ \t]*[-–][ \t]*(?P<name2>(?:{alternation(surnames())}){WE}(?:[ \t]+{CAP}){{1,3}}))?"
    rf"(?(open)(?:[ \t]*[-–,][^\n()]{{1,60}})?\))[ \t]*\s*\Z")
#: A credit line: "Ảnh: Ngọc Sang", "Tin, ảnh: Minh Hà", "Tác giả: UBND xã X, Hoàng Thốn".
_CREDIT_RE = re.compile(r"(?:^|(?<=[.|]\s)|(?<=\n))[ \t]*(?:Ảnh|Tin|Bài|Tin, ảnh|Tin và ảnh|Bài, ảnh|Bài và ảnh|"
                        r"Tác giả|Nguồn ảnh)[ \t]*:[ \t]*(?P<items>[^\n|]{2,120})", re.MULTILINE)
_CREDIT_NAME = re.compile(rf"(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}})[ \t]*$")
_TITLED_RE = re.compile(rf"{WB}{_NAME}\s*[,–\-]\s*(?:{alternation(r.title for r in roles())}|"
                        rf"Tỉnh ủy viên|Thành ủy viên|Huyện ủy viên){WE}")


@component("person", requires=("norm", "norm_sentences", "zones"), assigns=("mentions",))
def find_persons(doc: Doc) -> Doc:
    for base, text in sentences(doc):
        seen: set[int] = set()
        for regex in (_HONORIFIC_RE, _SIGNER_FIELD_RE, _TITLED_RE, _AFTER_POST_RE):
            for m in regex.finditer(text):
                start = m.start("name")
                if (after := _LEADING_HONORIFIC.match(m.group("name"))) and _NAME_RE.fullmatch(
                        m.group("name")[after.end():]):
                    start += after.end()  # "Ông Lê Minh Tuấn": Ông is a surname too, but not here
                if start in seen:
                    continue
                seen.add(start)
                _add(doc, base + start, base + m.end("name"), text[start:m.end("name")])
    _listed(doc)
    for m in _BYLINE_RE.finditer(doc.norm.text):
        if any(b <= m.start("name") < e for b, e in doc.zones):
            continue
        rest = doc.norm.text[m.end():].lstrip()
        if rest and len(rest.split("\n", 1)[0]) > 100:
            continue  # more article follows: a heading, not a byline
        _add(doc, m.start("name"), m.end("name"), m.group("name"))
        if m.group("name2"):  # "Văn Tuyên - Minh Hải": two authors
            _add(doc, m.start("name2"), m.end("name2"), m.group("name2"))
    _credits(doc)
    return doc


def _listed(doc: Doc) -> None:
    """The names listed after a plural honorific, each a person."""
    text = doc.norm.text
    for m in _PLURAL_RE.finditer(text):
        _add(doc, m.start("name"), m.end("name"), m.group("name"))
        pos = m.end("name")
        while nxt := _NEXT_NAME_RE.match(text, pos):
            _add(doc, nxt.start("name"), nxt.end("name"), nxt.group("name"))
            pos = nxt.end("name")


def _not_a_place(doc: Doc, name: str) -> bool:
    return name not in doc.context.get("place_names", set())


def _credits(doc: Doc) -> None:
    """Photo and text credits, and a byline on the article's last line."""
    text = doc.norm.text
    for m in _CREDIT_RE.finditer(text):
        pos = m.start("items")
        for item in re.split(r"(,|\s[-–]\s)", m.group("items")):
            name = _CREDIT_NAME.fullmatch(item.strip())
            if name and _not_a_place(doc, name["name"]) and not name["name"].isupper():
                begin = text.index(name["name"], pos)
                _add(doc, begin, begin + len(name["name"]), name["name"])
            pos += len(item)
    last = _LAST_LINE_RE.search(text)
    above = text[:last.start("name")].rstrip().rsplit("\n", 1)[-1].strip() if last else ""
    if above.upper() in _TITLE_FORMS or (above.isupper() and len(above) > 3):
        return  # the name under a signature block's title: the signature's (signature.py)
    if last and not any(b <= last.start("name") < e for b, e in doc.zones) and _not_a_place(doc, last["name"]):
        for group in ("name", "name2"):
            if last[group]:
                _add(doc, last.start(group), last.end(group), last[group])


def _add(doc: Doc, begin: int, end: int, written: str, **attrs) -> None:
    name = person_name(written)
    add_mention(doc, "Person", begin, end, name=name, key=name.lower(), source=SOURCE, **attrs)
