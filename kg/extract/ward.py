"""Wards (phường, xã, thị trấn), checked against the official list of administrative units.

After a level word, the longest run of up to five syllables that names an official unit
("phường Vĩnh Trại", "xã Mai pha" as misspelt: the list gives the right form) is a
ward. Where several units share the name, the one the text places ("xã A, huyện B") wins,
then one in the document's own province, then one of the document's era (the 2025 list
for documents dated from July 2025), then one in the document's own district; a name still ambiguous is kept without
a code. Each ward keeps its official code, the district the list puts it
in, and the commune that the 2025 reorganisation merged it into.

Where a ward may be named is the patterns of kg/patterns/wards.jsonl (its level word);
the hook here (``HOOKS``) is the gazetteer check.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..lexicon import level_words
from ..lexicon.units import REORGANISED, Unit, gazetteer, unit_key
from ..text.normalise import fold
from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ._base import LOWER, UPPER, add_mention
from ._jurisdiction import JUR_RE, from_match, home_of
from .place import unit_name

_LEVELS = list(level_words("commune"))
_FORMS = [f for w in _LEVELS for f in (w, w.capitalize(), w.upper())]
_SYL = rf"[{UPPER}{LOWER}\d]+"
_FORM_SET = set(_FORMS)
#: What may name a unit after its level word: up to five syllables ("4 xã: A, B và C": a
#: colon may open the list).
_REST = re.compile(rf"(?:\s*:)?(?:\s+{_SYL}){{1,5}}")
#: "xã Thanh Thịnh (Chợ Mới)": the district of a ward, named alone in brackets after it.
_BRACKETED = re.compile(rf"\s*\((?P<name>(?=[{UPPER}]){_SYL}(?:\s+{_SYL}){{0,3}})\)")
_DISTRICT_LEVEL = re.compile(r"^(?:huyen|thanhpho|thixa|quan)")


def _district_is(unit: Unit, stated: str) -> bool:
    """Whether ``stated`` (a key, with or without its level word) names the unit's district."""
    district = unit_key(unit.district)
    return bool(district) and (district == stated or _DISTRICT_LEVEL.sub("", district) == stated)


def _score(unit: Unit, home: dict, stated: str | None, era: str) -> tuple:
    province = home.get("tỉnh")
    district = home_of(home, "district")
    return (
        stated is not None and _district_is(unit, stated),
        province is not None and unit_key(unit.province) == unit_key(str(province)),
        unit.era == era if era == "2025" else False,
        district is not None and unit_key(unit.district) == unit_key(str(district)),
        unit.era == era,
    )


def era_of(doc: Doc) -> str:
    """Which list a document's wards come from: the 2025 one for documents dated after
    the reorganisation took effect, else the one before."""
    date = doc.context.get("posted") or doc.context.get("date") or ""
    return "2025" if date[:7] >= REORGANISED[:7] else "legacy"


def choose(units: list[Unit], home: dict, stated: str | None = None, era: str = "legacy") -> Unit | None:
    """The one unit the context points to, or None when it does not settle the choice."""
    if len(units) == 1:
        return units[0]
    ranked = sorted(units, key=lambda u: _score(u, home, stated, era), reverse=True)
    if _score(ranked[0], home, stated, era) > _score(ranked[1], home, stated, era):
        return ranked[0]
    return None


_LIST_SEP = re.compile(r"\s*(?:,|và)\s*")
#: "các xã", "4 xã": a level word that opens a list of several units.
_PLURAL_BEFORE = re.compile(r"(?:các|\d+)\s+$")
#: A name in such a list that the official lists do not have (a commune dissolved before
#: them): one to three capitalised syllables, then the list goes on or ends.
_UNLISTED = re.compile(rf"(?P<name>[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,2}})(?=\s*(?:,|và\s|;|\.|$))")
_NEXT_RE = re.compile(rf"(?P<rest>{_SYL}(?:\s+{_SYL}){{0,4}})")


def _longest_unit(gaz, level: str, text: str, start: int, end: int, home: dict):
    """The longest run of syllables in text[start:end] that, after ``level``, names a unit:
    (units, end of the run), or None."""
    syllables = list(re.finditer(_SYL, text[:end]))
    syllables = [s for s in syllables if s.start() >= start][:5]
    if not syllables or not (syllables[0].group()[0].isupper() or syllables[0].group()[0].isdigit()):
        return None  # "xã hội", "phường này": not a name
    for n in range(len(syllables), 0, -1):
        written = level + " " + " ".join(s.group() for s in syllables[:n])
        # the key folds diacritics away; the name must still be spelt as the list spells it
        units = [u for u in gaz.lookup(written) if fold(u.name).lower() == fold(written).lower()]
        if units:
            return units, syllables[n - 1].end()
    return _misspelt(gaz, level, syllables, home) or _relevelled(gaz, level, syllables)


def _relevelled(gaz, level: str, syllables):
    """A commune the lists know at another level: "xã Hoàng Quế" written before it became
    "phường Hoàng Quế". (units, end, its name at the level written); the unit says where it
    lies, not which it is (it is another unit in the graph: the list gives no code for it)."""
    for n in range(len(syllables), 0, -1):
        name = " ".join(s.group() for s in syllables[:n])
        if not all(s.group()[0].isupper() for s in syllables[:n]):
            continue
        for other in _LEVELS:
            if other == level:
                continue
            units = [u for u in gaz.lookup(f"{other} {name}") if fold(u.short).lower() == fold(name).lower()]
            if units:
                return _Relevelled(units), syllables[n - 1].end()
    return None


class _Relevelled(list):
    """Units of another level that bear the name of a ward written at this one."""


#: How alike a misspelt name must be to a ward of the document's own district.
MISSPELT_RATIO = 0.85


def _misspelt(gaz, level: str, syllables, home: dict):
    """A ward of the document's district written with a typo ("xã Hòng Đồng"): the closest
    official name of the same length in syllables, if it is close enough."""
    district = home_of(home, "district")
    if district is None:
        return None
    best, best_ratio = None, MISSPELT_RATIO
    for n in range(min(len(syllables), 4), 1, -1):
        written = unit_key(level + " " + " ".join(s.group() for s in syllables[:n]))
        for unit in gaz.in_district(str(district)):
            if unit.level != level or len(unit.short.split()) != n:
                continue
            ratio = SequenceMatcher(None, written, unit.key).ratio()
            if ratio > best_ratio:
                best, best_ratio = ([unit], syllables[n - 1].end()), ratio
    return best


def _stated_district(text: str, end: int, home: dict) -> str | None:
    """The district or city written right after a ward ("xã Sơn Hà, huyện Hữu Lũng"), or
    its province ("xã Bình Sơn, tỉnh Ninh Bình")."""
    after = JUR_RE.match(text, end + len(text[end:]) - len(text[end:].lstrip(", ")))
    if after and after.group("jlevel"):
        j = from_match(after, home)
        if j and j.name and j.level in ("district", "province"):  # a 2025 commune has no district
            return str(j)
    return None


def _bracketed(text: str, end: int, units: list[Unit]):
    """The district named in brackets right after a ward, if one of the ward's candidate
    units lies in it: (its key, the match)."""
    m = _BRACKETED.match(text, end)
    if m and any(_district_is(u, unit_key(m["name"])) for u in units):
        return unit_key(m["name"]), m
    return None, None


def _add(doc: Doc, gaz, base: int, begin: int, end: int, level: str, units: list[Unit],
         stated: str | None, text: str = "") -> tuple[Unit | None, int]:
    """Record the ward; the end of what it takes (with a district in brackets after it)."""
    home = doc.context.get("home", {})
    bracket_key, bracket = _bracketed(text, end, units) if stated is None else (None, None)
    unit = choose(units, home, unit_key(stated) if stated else bracket_key, era_of(doc))
    short = (unit or units[0]).short
    name = short if short.lower().startswith(level + " ") else f"{level} {short}"  # "Phường 3": its level is its name
    attrs = {"located_in": stated.lower() if stated else None}
    if isinstance(units, _Relevelled):  # where it lies, from the unit of the other level
        if unit is not None and unit.district:
            attrs["located_in"] = attrs["located_in"] or unit.district.lower()
        add_mention(doc, "Ward", base + begin, base + end, name=name, key=unit_key(name), source="ward", **attrs)
        return unit, end
    if unit is not None:
        attrs.update(code=unit.code, era=unit.era, official_name=unit.name,
                     successor=gaz.successor(unit))
        attrs["located_in"] = attrs["located_in"] or unit.district.lower() or None
    key = unit.iri_key if unit is not None else unit_key(name)
    add_mention(doc, "Ward", base + begin, base + end, name=name, key=key, source="ward", **attrs)
    if bracket is not None and unit is not None and unit.district:
        district = unit_name(*unit.district.split(" ", 1)) if " " in unit.district else unit.district
        for level_word in ("thành phố", "thị xã", "huyện", "quận"):
            if unit.district.lower().startswith(level_word):
                district = unit_name(level_word, unit.district[len(level_word):])
        add_mention(doc, "Place", base + bracket.start("name"), base + bracket.end("name"), name=district,
                    key=district.lower(), source="ward", level=district.split(" ")[0])
        return unit, bracket.end()
    return unit, end


def _same_area(a: Unit | None, units: list[Unit], home: dict) -> bool:
    """Whether a ward named next in a list lies where the previous one does (its district,
    or its province for 2025 units and beside one: "sáp nhập hai xã A và B", the 2025
    commune A and the old commune B), or, failing that, in the document's own province."""
    if a is not None:
        return any(u.province == a.province and (u.district == a.district or "2025" in (u.era, a.era))
                   for u in units)
    province = home.get("tỉnh")
    return province is not None and any(unit_key(u.province) == unit_key(str(province)) for u in units)


def _any_level(gaz, short: str) -> list[Unit]:
    """The communes of every level whose name is ``short``."""
    return [u for level in _LEVELS for u in gaz.lookup(f"{level} {short}")
            if fold(u.short).lower() == fold(short).lower()]


def _beside(gaz, level: str, previous: str, short: str) -> list[Unit]:
    """The units named ``short`` that lie in a district where a unit named ``previous`` lies,
    at any level ("4 xã: Hồng Phong, Tràng An, …": communes of one district that the lists
    know as wards); those of ``level`` if any, else the others as relevelled."""
    areas = {(u.province, u.district) for u in _any_level(gaz, previous)}
    found = [u for u in _any_level(gaz, short) if (u.province, u.district) in areas]
    return [u for u in found if u.level == level] or (_Relevelled(found) if found else [])


def _from_level(doc: Doc, found: Found) -> None:
    """The ward named after a level word, checked against the official lists, and the
    wards listed after it under the same level word."""
    gaz, home, text, base = gazetteer(), doc.context.get("home", {}), found.text, found.base
    if found.written not in _FORM_SET or not (rest := _REST.match(text, found.end)):
        return
    level = found.written.lower()
    found_unit = _longest_unit(gaz, level, text, rest.start(), rest.end(), home)
    if not found_unit:
        return
    units, end = found_unit
    previous = " ".join(text[rest.start():end].split()).lstrip(": ")
    plural = bool(_PLURAL_BEFORE.search(text, max(0, found.begin - 8), found.begin))
    unit, end = _add(doc, gaz, base, found.begin, end, level, units, _stated_district(text, end, home), text)
    # "phường Chi Lăng, Hoàng Văn Thụ và Tam Thanh": one level word, several wards;
    # "các xã A (huyện B), C (huyện D)": each placed by the district in brackets.
    while (sep := _LIST_SEP.match(text, end)) and (nxt := _NEXT_RE.match(text, sep.end())):
        found_unit = _longest_unit(gaz, level, text, nxt.start(), nxt.end(), home)
        if found_unit:
            units, new_end = found_unit
            placed = _bracketed(text, new_end, units)[0] is not None
            if not placed and not _same_area(unit, units, home):
                units = _beside(gaz, level, previous, " ".join(text[sep.end():new_end].split()))
        if not found_unit or not units:
            if plural and (gone := _UNLISTED.match(text, sep.end())):
                # "giải thể các xã A, B và C": a commune the lists no longer have here
                name = f"{level} {' '.join(gone.group('name').split())}"
                add_mention(doc, "Ward", base + sep.end(), base + gone.end("name"), name=name,
                            key=unit_key(name), source="ward")
                end = gone.end("name")
                continue
            break
        previous = " ".join(text[sep.end():new_end].split())
        unit, end = _add(doc, gaz, base, sep.end(), new_end, level, units,
                         _stated_district(text, new_end, home), text)


#: What reads the matches of each label of kg/patterns/wards.jsonl.
HOOKS = {"level": _from_level}


@component("ward",
           requires=("norm", "norm_sentences", "context", "syllables"),
           assigns=("mentions", "attrs.code", "attrs.era", "attrs.official_name", "attrs.successor",
                    "attrs.located_in", "attrs.level"))
def find_wards(doc: Doc) -> Doc:
    for found in patterns("wards").read(doc, HOOKS, "ward"):
        HOOKS[found.label](doc, found)
    return doc
