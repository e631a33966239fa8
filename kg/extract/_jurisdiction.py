"""Jurisdictions: "thành phố Lạng Sơn", "TP", "tỉnh", "phường Vĩnh Trại" after a body's name.

A body named with a level word and no proper name ("UBND thành phố", "UBND tỉnh") is the
body of the document's own unit of that level (its home, found by ``kg.text.context``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import abbreviations
from ._base import NUMERAL, PROPER, WB, WE, alternation

#: Level words that can follow a body's name, and the level each stands for.
LEVEL_WORDS = {
    "tỉnh": "province", "thành phố": "district", "TP": "district", "huyện": "district",
    "quận": "district", "thị xã": "district", "phường": "commune", "xã": "commune",
    "thị trấn": "commune",
}
#: Written with its proper name glued into one abbreviation (TPLS = thành phố Lạng Sơn).
GLUED = {a: e for a, e in abbreviations().items() if a.startswith("TP") and a != "TP"}

_LEVEL_FORMS = [f for w in LEVEL_WORDS for f in {w, w.capitalize(), w.upper()}]
JUR = (rf"(?:(?P<glued>{alternation(GLUED)}){WE}|(?P<jlevel>{alternation(_LEVEL_FORMS)}){WE}"
       rf"(?:\.?[ ]+(?P<jname>{PROPER}|{NUMERAL}))?)")
JUR_RE = re.compile(WB + JUR)

#: The party committee that leads the party organisation of each kind of unit.
PARTY_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy",
                   "quận": "Quận ủy", "thị xã": "Thị ủy", "phường": "Đảng ủy phường",
                   "xã": "Đảng ủy xã", "thị trấn": "Đảng ủy thị trấn"}
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


def from_match(m: re.Match, home: dict) -> Jurisdiction | None:
    """The jurisdiction a JUR match names, completed from the document's home units."""
    if m.group("glued"):
        level_word, _, name = GLUED[m.group("glued")].partition(" ")
        if level_word != "thành":
            return Jurisdiction(level_word, name)
        return Jurisdiction("thành phố", name.removeprefix("phố "))
    if not m.group("jlevel"):
        return None
    word = " ".join(m.group("jlevel").split())
    word = "thành phố" if word == "TP" else word.lower()
    name = " ".join((m.group("jname") or "").split())
    if not name:
        known = home.get(word)
        if known is None:
            return Jurisdiction(word, "")
        return known
    return Jurisdiction(word, name)
