"""Jurisdictions: "thành phố Lạng Sơn", "TP", "tỉnh", "phường Vĩnh Trại" after a body's name.

A body named with a level word and no proper name ("UBND thành phố", "UBND tỉnh") is the
body of the document's own unit of that level (its home, found by ``kg.text.context``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalise import ascii_fold
from ..lexicon import abbreviations, jurisdiction_levels, level_words, surnames
from ..lexicon.units import gazetteer
from ._base import CAP, NUMERAL, PROPER, WB, WE, alternation

#: Level words that can follow a body's name, and the level each stands for (jurisdictions.tsv),
#: with those written short ("TP", "TX": abbreviations.tsv).
LEVEL_WORDS = {w: jurisdiction_levels()[w] for w in level_words("province", "district", "commune")}
LEVEL_WORDS.update({a: LEVEL_WORDS[e] for a, e in abbreviations().items() if e in LEVEL_WORDS and a.isupper()})
#: Level words written short (abbreviations.tsv): "TP" thành phố, "TX" thị xã.
LEVEL_ABBREVIATIONS = {w: abbreviations()[w] for w in LEVEL_WORDS if w.isupper()}
#: A city written as "TP" glued to the initials of its name (TPLS: thành phố Lạng Sơn).
GLUED = r"TP[A-ZĐ]{2,4}"

_LEVEL_FORMS = [f for w in LEVEL_WORDS for f in {w, w.capitalize(), w.upper()}]
#: After a level word, a person's full name is not the unit's name ("Chủ tịch UBND tỉnh | Trần
#: Huy Tuấn"), unless an official unit bears it ("phường Hoàng Văn Thụ", "thành phố Hồ Chí Minh").
_PERSON_LIKE = rf"(?:{alternation(surnames())}){WE}(?:\s+{CAP}){{2,3}}{WE}"
_UNIT_LIKE_PERSON = alternation(gazetteer().person_like_names(surnames()))
UNIT_NAME = rf"(?:(?=(?:{_UNIT_LIKE_PERSON}){WE})|(?!{_PERSON_LIKE})){PROPER}"
#: After a level word its unit's name; a dot only after the abbreviations "TP.", "TX." ("TP. Pleiku"),
#: never after a word that ends a sentence ("… Hội Nông dân huyện. Về phía xã …").
JUR = (rf"(?:(?P<glued>{GLUED}){WE}|(?P<jlevel>{alternation(_LEVEL_FORMS)}){WE}"
       rf"(?:(?:(?:(?<=TP)|(?<=Tp)|(?<=TX)|(?<=Tx))\.)?[ ]+(?P<jname>{UNIT_NAME}|{NUMERAL}))?)")
JUR_RE = re.compile(WB + JUR)

#: The party committee that leads the party organisation of each kind of unit.
PARTY_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy",
                   "quận": "Quận ủy", "thị xã": "Thị ủy", "phường": "Đảng ủy phường",
                   "xã": "Đảng ủy xã", "thị trấn": "Đảng ủy thị trấn",
                   "đặc khu": "Đảng ủy đặc khu"}
PARTY_LEVEL = {v: k for k, v in PARTY_COMMITTEE.items() if not v.startswith("Đảng ủy")}


@dataclass(frozen=True)
class Jurisdiction:
    level_word: str  # "thành phố"
    name: str  # "Lạng Sơn" ("" when unknown)

    @property
    def level(self) -> str:
        return LEVEL_WORDS[self.level_word]

    def __str__(self) -> str:
        return f"{self.level_word} {self.name}".strip()


_NEXT_SYLLABLE = re.compile(r"[ ]+([^\W\d_]+)")


def completed(text: str, end: int, jur: "Jurisdiction | None") -> tuple["Jurisdiction | None", int]:
    """A province's or district's name written with a later syllable in lower case ("huyện A
    lưới"): the jurisdiction and the end of its name, taken on while the official lists know
    the longer name and not the one written ("huyện A" is none, "huyện A Lưới" is)."""
    if jur is None or not jur.name or jur.level not in ("province", "district") or gazetteer().is_area(str(jur)):
        return jur, end
    name, pos = jur.name, end
    for _ in range(2):
        nxt = _NEXT_SYLLABLE.match(text, pos)
        if not nxt or not nxt.group(1).islower():
            break
        name, pos = f"{name} {nxt.group(1).capitalize()}", nxt.end()
        if gazetteer().is_area(f"{jur.level_word} {name}"):
            return Jurisdiction(jur.level_word, name), pos
    return jur, end


def home_of(home: dict, *levels: str) -> Jurisdiction | None:
    """The document's own unit of the first of ``levels`` it has one of ("commune",
    "district", "province"; see ``kg.text.context``)."""
    for level in levels:
        for unit in home.values():
            if unit.level == level:
                return unit
    return None


def initials(name: str) -> str:
    """"LS" for "Lạng Sơn": the first letter of each syllable, diacritics folded."""
    return "".join(ascii_fold(w)[:1] for w in name.split()).upper()


def glued_city(token: str, home: dict) -> "Jurisdiction | None":
    """The document's city whose initials follow "TP" in ``token``, if there is one."""
    city = home.get("thành phố")
    if city and city.name and initials(city.name) == token[2:].replace("Đ", "D"):
        return city
    return None


def from_match(m: re.Match, home: dict) -> Jurisdiction | None:
    """The jurisdiction a JUR match names, completed from the document's home units."""
    if m.group("glued"):
        return glued_city(m.group("glued"), home)
    if not m.group("jlevel"):
        return None
    word = " ".join(m.group("jlevel").split())
    word = LEVEL_ABBREVIATIONS.get(word.upper(), word.lower())
    name = " ".join((m.group("jname") or "").split())
    if name.isupper() and len(name) > 3:  # "THÀNH PHỐ LẠNG SƠN" in a header: the same city
        name = name.title()
    if not name:
        known = home.get(word)
        if known is None:
            return Jurisdiction(word, "")
        return known
    return Jurisdiction(word, name)
