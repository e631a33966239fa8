"""Where projects, events and organisations are, as the text states it.

- A ward or place inside the name of a project or event ("Mở rộng đường X, phường Chi
  Lăng", "… trên địa bàn thành phố Lạng Sơn"): the wards, or the places when it names
  no ward; not the unit of a body the event's name says it is of ("Đại hội Đảng bộ quận
  X": the congress of the district's party organisation, wherever it is held).
- "tại <ward or place>" right after a project, event or organisation ("Chợ Tết … tại thị
  trấn X"), or right before an event in its sentence ("Tại phường X, hội nghị …").
- A named organisation followed by its place (", tỉnh Lạng Sơn").
- "<Event> … <happens> … tại <place>": the place that follows a verb saying the event
  takes place (lexicon/happening.tsv: "diễn ra", "được tổ chức" …), with no other event,
  project or place between ("Lễ công bố sẽ được tổ chức vào ngày 25/9 tại Hội trường
  19-5").
- The venue a notice gives its own event on a line of its own: "Địa điểm: Tại Hội trường
  HĐND – UBND tỉnh."
- Communes listed with a district in brackets after the last: "4 xã: A, B, C, D (TX Đông
  Triều)" places each of them in it.
- The communes a district or province acts on, in a sentence it opens with what it does to
  them (lexicon/unit_changes.tsv): "Huyện Văn Lãng thành lập xã A, B và giải thể các xã C,
  D …" places A, B, C and D in huyện Văn Lãng.
"""
from __future__ import annotations

import re

from ..lexicon import happening_verbs, level_words, unit_changes
from ..model import Doc
from ..patterns import patterns
from ..pipeline import component
from ._base import WE, alternation
from ._relate import add_fact, main_event, mention_at, mentions_in, sentence_range

_PLACES = ("Ward", "Place")
#: Villages and neighbourhoods are part of a project's description, not where the
#: graph locates it: the ward that holds them is. An event is where it is held ("ấp X").
_VILLAGE_LEVELS = set(level_words("village"))
_HAPPENS = re.compile(rf"\b(?:{alternation(happening_verbs())}){WE}")
_AT_END = re.compile(r"(?:tại|ở)\s*$")
_VENUE_LINE = re.compile(r"(?:^|\n)\s*(?:[-–+•]\s*)?Địa điểm\s*:\s*(?:[Tt]ại\s+)?")


@component("located", requires=("entities", "syllables", "attrs.level"), assigns=("facts",))
def find_locations(doc: Doc) -> Doc:
    for m in doc.mentions:
        if m.type not in ("Project", "Event", "Organisation"):
            continue
        b, e = sentence_range(doc, m.norm[0])
        places = [p for p in mentions_in(doc, b, e)
                  if p.type in _PLACES and (m.type != "Project" or p.attrs.level not in _VILLAGE_LEVELS)]
        if m.type in ("Project", "Event"):
            inside = [p for p in places if m.norm[0] < p.norm[0] and p.norm[1] <= m.norm[1]]
            if m.type == "Event":  # "Đại hội Đảng bộ quận X": the body's unit, not where it is held
                bodies = [o.norm for o in mentions_in(doc, m.norm[0], m.norm[1], "Organisation")]
                inside = [p for p in inside if not any(b <= p.norm[0] and p.norm[1] <= e for b, e in bodies)]
            wards = [p for p in inside if p.type == "Ward"]
            for p in wards or inside:
                add_fact(doc, "locatedIn", m.entity, p.entity, m, "located")
        after = [p for p in places if p.norm[0] >= m.norm[1]]
        rules = patterns("relations")
        if after and rules.fullmatch(doc.syllables, m.norm[1], after[0].norm[0], "locatedIn.after"):
            add_fact(doc, "locatedIn", m.entity, after[0].entity, m, "located")
        elif m.type == "Organisation" and after and rules.fullmatch(doc.syllables, m.norm[1], after[0].norm[0],
                                                                    "locatedIn.organisation"):
            add_fact(doc, "locatedIn", m.entity, after[0].entity, m, "located")
        elif m.type == "Event" and after:
            _held_at(doc, m, after[0])
    _venue_line(doc)
    _acting_unit(doc)
    _bracketed_district(doc)
    return doc


_OPEN = re.compile(r"\s*\(\s*$")
_CLOSE = re.compile(r"\s*\)")
_LIST_JOIN = re.compile(r"\s*(?:,|và|;)\s*")


def _bracketed_district(doc: Doc) -> None:
    text = doc.norm.text
    for place in (m for m in doc.mentions if m.type == "Place" and m.attrs.level in _AREA_LEVELS):
        b, _ = sentence_range(doc, place.norm[0])
        opened = _OPEN.search(text, max(b, place.norm[0] - 4), place.norm[0])
        if not opened or not _CLOSE.match(text, place.norm[1]):
            continue
        wards = sorted((m for m in mentions_in(doc, b, opened.start()) if m.type == "Ward"), key=lambda m: -m.norm[1])
        end = opened.start()
        for ward in wards:  # back through the list that ends right before the bracket
            if ward.norm[1] != end and not _LIST_JOIN.fullmatch(text, ward.norm[1], end):
                break
            add_fact(doc, "locatedIn", ward.entity, place.entity, ward, "located")
            end = ward.norm[0]


_ACTS_ON = re.compile(rf"\s*(?:{alternation(unit_changes())}){WE}")
_AREA_LEVELS = set(level_words("province", "district"))


def _acting_unit(doc: Doc) -> None:
    """Wards in a sentence that a district or province opens with a change it makes."""
    text = doc.norm.text
    for b, e in doc.norm_sentences:
        named = sorted(mentions_in(doc, b, e), key=lambda m: m.norm)
        if not named or named[0].type != "Place" or named[0].attrs.level not in _AREA_LEVELS \
                or text[b:named[0].norm[0]].strip() or not _ACTS_ON.match(text, named[0].norm[1]):
            continue
        for ward in (m for m in named[1:] if m.type == "Ward"):
            add_fact(doc, "locatedIn", ward.entity, named[0].entity, ward, "located")


def _venue_line(doc: Doc) -> None:
    events = sorted((m for m in doc.mentions if m.type == "Event"), key=lambda m: m.norm)
    if not events:
        return
    main = main_event(doc, events)
    for line in _VENUE_LINE.finditer(doc.norm.text):
        place = mention_at(doc, line.end())
        if place is not None and place.type in _PLACES:
            add_fact(doc, "locatedIn", main.entity, place.entity, place, "located")


def _held_at(doc: Doc, event, place) -> None:
    """``event`` is held at ``place`` when the words between say it takes place and end
    with "tại" or "ở", and no other event, project or place is named between."""
    text = doc.norm.text
    between = text[event.norm[1]:place.norm[0]]
    if len(between) > 120 or not _HAPPENS.search(between) or not _AT_END.search(between):
        return
    if any(o.type in ("Event", "Project", *_PLACES) and o is not event
           for o in mentions_in(doc, event.norm[1], place.norm[0])):
        return
    add_fact(doc, "locatedIn", event.entity, place.entity, event, "located")
