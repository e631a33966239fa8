"""Places other than wards: provinces, cities, districts, villages and neighbourhoods
(tỉnh, thành phố, huyện, quận, thị xã, thôn, khối, bản, ấp, xóm, buôn, khu phố, tổ dân
phố) by a level word and a proper name or a number: "thành phố Lạng Sơn", "huyện Chi
Lăng", "thôn Tằng Khảm", "khối 2", "ấp Đồn Điền 1", "tổ dân phố số 8"; a city written as
"TP" glued to its initials; and venues named after "tại" or "ở" ("tại Hội trường 19-5",
"tại cửa khẩu quốc tế Hữu Nghị": lexicon/venues.tsv). Wards are in ward.py.

Where a place is named is the patterns of kg/patterns/places.jsonl; each label there has a
hook here (``HOOKS``) that reads the name after the level word or the venue's head.
"""
from __future__ import annotations

import re

from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ..lexicon import level_words
from ._base import NUMERAL, WE, add_mention, alternation, label, phrase_end
from ..lexicon.units import gazetteer
from ._jurisdiction import LEVEL_ABBREVIATIONS, UNIT_NAME, Jurisdiction, completed, glued_city

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
_PLACE_FORMS = set(_forms(_PLACE_WORDS))
_UNIT_AFTER = re.compile(rf"[ ]+(?P<name>{UNIT_NAME}(?:[ ]+{NUMERAL}{WE})?|(?:số[ ]+)?(?P<number>{NUMERAL}){WE}(?![,.]\d))")
#: A city or town written with its level abbreviated: "TP. Pleiku", "TX Đông Triều".
_SHORT_FORMS = {v for a in LEVEL_ABBREVIATIONS for v in (a, a.capitalize())}
_SHORT_AFTER = re.compile(rf"\.?[ ]+(?P<name>{UNIT_NAME})")
_RANK = {**{w: 0 for w in _VILLAGE_WORDS}, **{w: 2 for w in level_words("district")},
         **{w: 3 for w in level_words("province")}}
_IN_RE = re.compile(rf",?[ ]+(?P<level>{alternation(_PLACE_WORDS)}){WE}[ ]+(?P<name>{UNIT_NAME})")


def unit_name(level: str, name: str) -> str:
    """"phường Vĩnh Trại" from its level word and proper name, in any case as written."""
    name = " ".join(name.split())
    if name.isupper() and len(name) > 3:
        name = name.title()
    return f"{' '.join(level.lower().split())} {name}"


def _unit(doc: Doc, found: Found) -> int | None:
    """"huyện Chi Lăng", "khối 2", "tổ dân phố số 8": a unit by its level word and name;
    where its name ends."""
    text, base = found.text, found.base
    if found.written not in _PLACE_FORMS or not (m := _UNIT_AFTER.match(text, found.end)):
        return None
    level = found.written.lower()
    if m.group("number") and level not in _NUMBERED_LEVELS:
        return None
    name, end = unit_name(level, m.group("name")), m.end()
    if level in _AREA_LEVELS:  # "huyện A lưới": the official name, its end
        jur, end = completed(text, m.end(), Jurisdiction(level, " ".join(m.group("name").split())))
        name = unit_name(level, jur.name)
    attrs = {"level": level}
    area = gazetteer().area(name) if level in _AREA_LEVELS else None
    if area:
        attrs["code"], attrs["official_name"] = area
    elif level in _AREA_LEVELS and m.group("name").isupper() and not found.written.islower():
        return m.end()  # "VÌ THÀNH PHỐ VĂN MINH": a headline's words in capitals, no unit the lists know
    inside = _IN_RE.match(text, end)
    if inside and _RANK[" ".join(inside.group("level").split())] > _RANK[level]:  # not a list of peers
        attrs["located_in"] = unit_name(inside.group("level"), inside.group("name")).lower()
    add_mention(doc, "Place", base + found.begin, base + end, name=name, key=name.lower(), source="place", **attrs)
    return m.end()


def _short(doc: Doc, found: Found) -> None:
    """"TP. Pleiku", "TX Đông Triều": a city or town with its level abbreviated."""
    text = found.text
    if found.written not in _SHORT_FORMS or not (m := _SHORT_AFTER.match(text, found.end)):
        return
    level = LEVEL_ABBREVIATIONS[found.written.upper()]
    name = unit_name(level, m.group("name"))
    area = gazetteer().area(name)
    add_mention(doc, "Place", found.base + found.begin, found.base + m.end(), name=name, key=name.lower(),
                source="place", level=level, **({"code": area[0]} if area else {}))


def _glued(doc: Doc, found: Found) -> None:
    """"TPLS": the document's own city, by its initials."""
    city = glued_city(found.written, doc.context.get("home", {}))
    if city:
        add_mention(doc, "Place", found.base + found.begin, found.base + found.end, name=str(city),
                    key=str(city).lower(), source="place", level=city.level_word)




@component("place",
           requires=("norm", "norm_sentences", "context", "syllables"),
           assigns=("mentions", "attrs.level", "attrs.code", "attrs.official_name", "attrs.located_in"))
def find_places(doc: Doc) -> Doc:
    taken = (-1, 0)  # (sentence, offset): where the last unit's name ended, which no level word inside starts again
    for found in patterns("places").read(doc, HOOKS, "place", later=("venue",)):
        if found.label != "unit":
            HOOKS[found.label](doc, found)
        elif taken[0] != found.base or found.begin >= taken[1]:
            end = _unit(doc, found)
            if end is not None:
                taken = (found.base, end)
    return doc


_VENUE_STOP = re.compile(r"\s*[,(;:]")
#: How many words a venue's name may have after its head ("quốc tế Hữu Nghị", "19-5").
VENUE_WORDS = 8


def _venue(doc: Doc, found: Found) -> None:
    """"tại | Hội trường 19-5", "ở | cửa khẩu quốc tế Hữu Nghị": a venue, up to a comma."""
    text = found.text
    head_at = found.begin + len(found.written.split()[0])
    head_at += len(text[head_at:]) - len(text[head_at:].lstrip())
    end = phrase_end(text, found.end, max_words=VENUE_WORDS, parens=False)
    if (cut := _VENUE_STOP.search(text, found.end, end)) is not None:
        end = cut.start()  # "cửa khẩu X, tỉnh Y": the venue ends at the comma
    name = label(text[head_at:end])
    if end > found.end and name:
        add_mention(doc, "Place", found.base + head_at, found.base + head_at + len(name), name=name,
                    key=name.lower(), source="place", level="venue")


#: What reads the matches of each label of kg/patterns/places.jsonl, in the order they are
#: read within a sentence; venues after every sentence's units.
HOOKS = {"unit": _unit, "short": _short, "glued": _glued, "venue": _venue}
