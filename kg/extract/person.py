"""Persons: a family name and given names, after an honorific or before a post title.

"đồng chí Nguyễn Quang Tuấn", "ông Hoàng Văn A", "Lê Trí Thức - Tỉnh ủy viên, ...", and
the signer field of a legal-document database ("Người ký : Dương Ngọc Long"), and the
names listed after a plural honorific ("Các đồng chí A, B và C").
A name is two to four capitalised syllables, the first a Vietnamese family name
(lexicon/surnames.tsv); a bare title ("đồng chí Bí thư") is not a new person.

Where a name is written in a sentence is the patterns of kg/patterns/persons.jsonl; each
label there has a hook here (``HOOKS``) that finds the name in the match. Bylines, credits
and the article's last line are read by their layout.
"""
from __future__ import annotations

import re

from ..lexicon import honorifics, person_words, roles, surnames
from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ..text.syllables import PIECE
from ._base import CAP, LOWER, WE, add_mention, alternation, person_name

SOURCE = "person"

_HONORIFIC = honorifics()
_SURNAMES = set(surnames())
#: A whole post title ends a name ("… Thanh, | Bí thư"); a given name may begin like one
#: ("Nguyễn Văn Thành", "Lê Đại Nghĩa"), so only the whole title counts.
_TITLES = sorted({r.title for r in roles()} | set(person_words("member")) | set(person_words("not_given")))
_TITLE_SET = set(_TITLES)
_GIVEN = rf"(?!(?:{alternation(_TITLES)}){WE}){CAP}"
_TITLE_AT = re.compile(rf"(?:{alternation(_TITLES)}){WE}")
#: A post title or a title of membership after a name and a comma or dash.
_POST_TITLE_AT = re.compile(rf"(?:{alternation([r.title for r in roles()] + list(person_words('member')))}){WE}")
_CAP_RE = re.compile(CAP)
_NAME = rf"(?P<name>(?:{alternation(surnames())}){WE}(?:[ ]+{_GIVEN}){{1,3}}){WE}"
#: After a post title and the body it is held in, a full name closing the phrase (a
#: lower-case word or punctuation follows): "Giám đốc | Sở Tài chính Nông Thị Thu Hà | trình bày".
_NAME_AFTER_POST = re.compile(
    rf"\s+(?:[^\s,;.:()]+\s+){{1,9}}?"
    rf"(?P<name>(?:{alternation(surnames())}){WE}(?:\s+{_GIVEN}){{2,3}}){WE}"
    rf"(?=\s*(?:[,;.:(]|$)|\s+[{LOWER}])")

_TITLE_FORMS = {t.upper() for t in _TITLES}
#: Openers before a name, longest first (``_after`` takes the first that fits).
_PLURAL_HONORIFICS = tuple(sorted(person_words("plural"), key=len, reverse=True))
_SIGNER_FIELDS = tuple(sorted(person_words("signer"), key=len, reverse=True))
_HONORIFICS_LONGEST = tuple(sorted(_HONORIFIC, key=len, reverse=True))
_NEXT_NAME_RE = re.compile(rf"\s*(?:,|\s+và)\s+{_NAME}")
#: What may follow the signer's name on its line in a legal-document database.
_AFTER_SIGNER = re.compile(rf"[ \t]+(?:{alternation(person_words('field'))}){WE}|[ \t]*(?:\n|$)")
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
_CREDIT_RE = re.compile(rf"(?:^|(?<=[.|]\s)|(?<=\n))[ \t]*(?:{alternation(person_words('credit'))})"
                        r"[ \t]*:[ \t]*(?P<items>[^\n|]{2,120})", re.MULTILINE)
_CREDIT_NAME = re.compile(rf"(?P<name>{CAP}(?:[ \t]+{CAP}){{1,3}})[ \t]*$")


def _name_from(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The full name that begins at ``pos`` and ends by ``end``: a family name as the
    lexicon writes it and one to three capitalised syllables on its line, up to a whole
    post title ("Nguyễn Văn | Phó Chủ tịch")."""
    words = [m for m in PIECE.finditer(text, pos, end)]
    if not words or words[0].start() != pos or words[0].group() not in _SURNAMES:
        return None
    last = words[0]
    for word in words[1:4]:
        gap = text[last.end():word.start()]
        if not gap or gap.strip(" ") or not _CAP_RE.fullmatch(word.group()) or _TITLE_AT.match(text, word.start()):
            break
        last = word
    return (pos, last.end()) if last is not words[0] else None


def _after(text: str, pos: int, end: int, words: tuple[str, ...]) -> int | None:
    """Where the name begins after the first of ``words`` (longest first) that opens the
    stretch at ``pos``, and a colon, if one does."""
    pos += len(text[pos:end]) - len(text[pos:end].lstrip())
    written = " ".join(text[pos:end].split())
    opener = next((w for w in words if written.startswith(w + " ")
                   or written.startswith(w + ":")), None)
    if opener is None:
        return None
    k = pos + len(opener.split()[0])
    for word in opener.split()[1:]:
        k = text.index(word, k) + len(word)
    return k + len(re.match(r"\s*:?\s*", text[k:end]).group())


def _honorific(text: str, found: Found) -> tuple[int, int] | None:
    """"đồng chí | Nguyễn Quang Tuấn", "ông | Hoàng Văn A"."""
    begin = _after(text, found.begin, found.end, _HONORIFICS_LONGEST)
    return begin is not None and _name_from(text, begin, found.end)


def _signer(text: str, found: Found) -> tuple[int, int] | None:
    """"Người ký : | Dương Ngọc Long", on one line: the shortest name that the end of the
    line or the next field of the database follows."""
    if "\n" in text[found.begin:found.end]:
        return None
    begin = _after(text, found.begin, found.end, _SIGNER_FIELDS)
    longest = begin is not None and _name_from(text, begin, found.end)
    if not longest:
        return None
    ends = [m.end() for m in PIECE.finditer(text, begin, longest[1])][1:]  # after each given syllable
    return next(((begin, e) for e in ends if _AFTER_SIGNER.match(text, e)), None)


def _titled(text: str, found: Found) -> tuple[int, int] | None:
    """"Lê Trí Thức | - Tỉnh ủy viên, …": the name before the comma or dash, when a post
    title (as roles.tsv writes it, or a title of membership) follows."""
    cut = found.end - 1  # the comma or dash
    after = cut + 1 + len(text[cut + 1:]) - len(text[cut + 1:].lstrip())
    if not _POST_TITLE_AT.match(text, after):
        return None
    name = _name_from(text, found.begin, cut)
    return name if name and not text[name[1]:cut].strip() else None


def _after_post(text: str, found: Found) -> tuple[int, int] | None:
    """"Giám đốc Sở Tài chính | Nông Thị Thu Hà | trình bày"."""
    if found.written not in _TITLE_SET:
        return None  # a post title in lower case is no title before a name
    m = _NAME_AFTER_POST.match(text, found.end)
    return m and m.span("name")


#: What finds the name in the matches of each label of kg/patterns/persons.jsonl, in the
#: order they are read within a sentence (a name found once is not found again).
HOOKS = {"honorific": _honorific, "signer": _signer, "titled": _titled, "after_post": _after_post,
         "plural": None}  # the list after "các đồng chí" is read by ``_listed``, after every sentence


@component("person", requires=("norm", "norm_sentences", "zones", "syllables"), assigns=("mentions",))
def find_persons(doc: Doc) -> Doc:
    seen: set[int] = set()
    for item in patterns("persons").read(doc, HOOKS, "person", later=("plural",)):
        if item.label == "plural":
            _listed(doc, item)
            continue
        span = HOOKS[item.label](item.text, item)
        if not span:
            continue
        start, end = span
        written = item.text[start:end]
        if (after := _LEADING_HONORIFIC.match(written)) and _NAME_RE.fullmatch(written[after.end():]):
            start += after.end()  # "Ông Lê Minh Tuấn": Ông is a surname too, but not here
        if item.base + start in seen:
            continue
        seen.add(item.base + start)
        _add(doc, item.base + start, item.base + end, item.text[start:end])
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


def _listed(doc: Doc, found: Found) -> None:
    """The names listed after a plural honorific ("Các đồng chí A, B và C"), each a person."""
    text, written = found.text, found.written
    if not (written[:3] in ("các", "Các", "CÁC") and written[4:].startswith(tuple(_PLURAL_HONORIFICS))):
        return
    begin = _after(text, found.begin + 3, found.end, _PLURAL_HONORIFICS)
    name = begin is not None and _name_from(text, begin, found.end)
    if not name:
        return
    _add(doc, found.base + name[0], found.base + name[1], text[name[0]:name[1]])
    full, pos = doc.norm.text, found.base + name[1]
    while nxt := _NEXT_NAME_RE.match(full, pos):
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
