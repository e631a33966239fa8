"""Places other than wards: provinces, cities, districts, villages and neighbourhoods
(tỉnh, thành phố, huyện, quận, thị xã, thôn, khối, bản, ấp, xóm, buôn, khu phố, tổ dân
phố) by a level word and a proper name or a number: "thành phố Lạng Sơn", "huyện Chi
Lăng", "thôn Tằng Khảm", "khối 2", "ấp Đồn Điền 1", "tổ dân phố số 8"; a city written as
"TP" glued to its initials; and venues named after "tại" or "ở" ("tại Hội trường 19-5",
"tại cửa khẩu quốc tế Hữu Nghị": lexicon/venues.tsv). Wards are in ward.py.
"""
from __future__ import annotations

import re

from ..model import Doc
from ..pipeline import component
from ..lexicon import level_words, venue_heads
from ._base import NUMERAL, WB, WE, add_mention, alternation, label, phrase_end, sentences
from ..lexicon.units import gazetteer
from ._jurisdiction import GLUED, LEVEL_ABBREVIATIONS, UNIT_NAME, Jurisdiction, completed, glued_city

#: Levels of the official list other than communes (wards are in ward.py), and the villages
#: and neighbourhoods below communes (jurisdictions.tsv).
_AREA_LEVELS = set(level_words("province", "district"))
_VILLAGE_WORDS = list(level_words("village"))
_PLACE_WORDS = [*level_words("province", "district"), *_VILLAGE_WORDS]


def _forms(words):
    return [v for w in words for v in (w, w.capitalize(), w.upper())]


#: Levels whose units may be numbered: villages and blocks, and the urban districts of a
#: city ("Quận 8" of Hồ Chí Minh City).
_NUMBERED_LEVELS = {*_VILLAGE_WORDS, "quận"}
#: A number names a village or a block ("khối 2"), not a district ("huyện 427,5 tỷ").
_UNIT = (rf"(?P<level>{alternation(_forms(_PLACE_WORDS))}){WE}[ ]+"
         rf"(?P<name>{UNIT_NAME}(?:[ ]+{NUMERAL}{WE})?|(?:số[ ]+)?(?P<number>{NUMERAL}){WE}(?![,.]\d))")
_UNIT_RE = re.compile(WB + _UNIT)
#: A city or town written with its level abbreviated: "TP. Pleiku", "TX Đông Triều".
_SHORT_RE = re.compile(rf"{WB}(?P<level>{alternation(v for a in LEVEL_ABBREVIATIONS for v in (a, a.capitalize()))})"
                       rf"(?:\.|{WE})[ ]+(?P<name>{UNIT_NAME})")
_GLUED_RE = re.compile(rf"{WB}(?P<glued>{GLUED}){WE}")
_RANK = {**{w: 0 for w in _VILLAGE_WORDS}, **{w: 2 for w in level_words("district")},
         **{w: 3 for w in level_words("province")}}
_IN_RE = re.compile(rf",?[ ]+(?P<level>{alternation(_PLACE_WORDS)}){WE}[ ]+(?P<name>{UNIT_NAME})")


def unit_name(level: str, name: str) -> str:
    """"phường Vĩnh Trại" from its level word and proper name, in any case as written."""
    name = " ".join(name.split())
    if name.isupper() and len(name) > 3:
        name = name.title()
    return f"{' '.join(level.lower().split())} {name}"


@component("place",
           requires=("norm", "norm_sentences", "context"),
           assigns=("mentions", "attrs.level", "attrs.code", "attrs.located_in"))
def find_places(doc: Doc) -> Doc:
    for base, text in sentences(doc):
        for m in _UNIT_RE.finditer(text):
            level = " ".join(m.group("level").lower().split())
            if m.group("number") and level not in _NUMBERED_LEVELS:
                continue
            name, end = unit_name(level, m.group("name")), m.end()
            if level in _AREA_LEVELS:  # "huyện A lưới": the official name, its end
                jur, end = completed(text, m.end(), Jurisdiction(level, " ".join(m.group("name").split())))
                name = unit_name(level, jur.name)
            attrs = {"level": level}
            area = gazetteer().area(name) if level in _AREA_LEVELS else None
            if area:
                attrs["code"] = area[0]
            elif level in _AREA_LEVELS and m.group("name").isupper() and not m.group("level").islower():
                continue  # "VÌ THÀNH PHỐ VĂN MINH": a headline's words in capitals, no unit the lists know
            inside = _IN_RE.match(text, end)
            if inside and _RANK[" ".join(inside.group("level").split())] > _RANK[level]:  # not a list of peers
                attrs["located_in"] = unit_name(inside.group("level"), inside.group("name")).lower()
            add_mention(doc, "Place", base + m.start(), base + end, name=name,
                        key=name.lower(), source="place", **attrs)
        for m in _SHORT_RE.finditer(text):
            level = LEVEL_ABBREVIATIONS[m.group("level").upper()]
            name = unit_name(level, m.group("name"))
            area = gazetteer().area(name)
            add_mention(doc, "Place", base + m.start(), base + m.end(), name=name, key=name.lower(),
                        source="place", level=level, **({"code": area[0]} if area else {}))
        for m in _GLUED_RE.finditer(text):
            city = glued_city(m.group("glued"), doc.context.get("home", {}))
            if city:
                add_mention(doc, "Place", base + m.start(), base + m.end(), name=str(city),
                            key=str(city).lower(), source="place", level=city.level_word)
    _venues(doc)
    return doc


_VENUE_RE = re.compile(rf"{WB}(?:tại|ở){WE}\s+(?P<head>{alternation(venue_heads())}){WE}", re.IGNORECASE)
_VENUE_STOP = re.compile(r"\s*[,(;:]")
#: How many words a venue's name may have after its head ("quốc tế Hữu Nghị", "19-5").
VENUE_WORDS = 8


def _venues(doc: Doc) -> None:
    for base, text in sentences(doc):
        for m in _VENUE_RE.finditer(text):
            end = phrase_end(text, m.end("head"), max_words=VENUE_WORDS, parens=False)
            if (cut := _VENUE_STOP.search(text, m.end("head"), end)) is not None:
                end = cut.start()  # "cửa khẩu X, tỉnh Y": the venue ends at the comma
            name = label(text[m.start("head"):end])
            if end > m.end("head") and name:
                add_mention(doc, "Place", base + m.start("head"), base + m.start("head") + len(name), name=name,
                            key=name.lower(), source="place", level="venue")
