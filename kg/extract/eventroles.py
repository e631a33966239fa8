"""Organisers and participants of events.

Organisers:

- "<Organisation> (đã) tổ chức <Event>", and each body of a list before it ("Huyện ủy,
  HĐND, UBND huyện X đã tổ chức …"), "X phối hợp với Y tổ chức <Event>", "<Event> do X
  (và Y) tổ chức / chủ trì";
- the body a meeting's own name says it is of ("Kỳ họp thứ 15 HĐND tỉnh", "Hội nghị lần
  thứ 25 Ban Chấp hành Đảng bộ tỉnh"), not the issuer of a document the name cites.

Participants:

- persons in the sentence of an event that says they attend, chair or lead it ("dự",
  "tham dự", "chủ trì", "trưởng đoàn", "làm việc với");
- persons in a later sentence that speaks of the document's main event without naming it
  again ("Cùng dự có các đồng chí: …", "Tại hội nghị, đồng chí X trình bày …"); the main
  event is the first event named in the sentence the lead's date opens, else the first
  event the document names;
- the bodies and persons a working session or visit lists (visit.py);
- the bodies whose representatives a sentence of an event names ("Tham dự có đại diện
  lãnh đạo Tỉnh ủy, HĐND, UBND tỉnh") or that make up a delegation in it ("đoàn công tác
  Thành ủy, HĐND, UBND thành phố … đến học tập …"), listed right after those words
  (lexicon/attendance.tsv); not the event's organisers.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import attendance_words, event_words
from ..model import Doc
from ..patterns import patterns
from ..pipeline import component
from ._base import alternation
from ._relate import add_fact, entity_by_key, has_fact, linked, main_event, mentions_in, sentence_range, words_in

#: Meetings whose name says whose meeting it is ("Kỳ họp thứ 15 HĐND tỉnh").
_MEETING = re.compile(rf"(?:{alternation(event_words('meeting'))})\b")


@component("eventroles", requires=("entities", "syllables", "attrs.participants"), assigns=("facts",))
def find_event_roles(doc: Doc) -> Doc:
    events = sorted((m for m in doc.mentions if m.type == "Event"), key=lambda m: m.norm)
    for ev in events:
        for type_, key in ev.attrs.participants:  # named by the visit extractor
            agent = entity_by_key(doc, type_, key)
            if agent is not None:
                add_fact(doc, "participant", ev.entity, agent, ev, "eventroles")
        for org in linked(doc, ev, "Organisation", before="organisedBy.before", after="organisedBy.after"):
            for body in [org] + (_listed_before(doc, org) if org.norm[1] <= ev.norm[0] else []):
                add_fact(doc, "organisedBy", ev.entity, body.entity, ev, "eventroles")
        if ev.source == "event" and _MEETING.match(ev.name):
            # whose meeting the name says, before any document it names ("Hội nghị sơ kết
            # Chỉ thị số 05-CT/TW của Bộ Chính trị": the Politburo issued, not organised)
            cited = [r.norm[0] for r in mentions_in(doc, ev.norm[0] + 1, ev.norm[1], "Resolution")]
            own_end = min(cited, default=ev.norm[1])
            for org in mentions_in(doc, ev.norm[0], own_end, "Organisation"):
                add_fact(doc, "organisedBy", ev.entity, org.entity, ev, "eventroles")
        b, e = _statement(doc, *sentence_range(doc, ev.norm[0]))
        if patterns("relations").search(doc.syllables, b, e, "participant.takes_part"):
            for agent in mentions_in(doc, b, e, "Person"):
                add_fact(doc, "participant", ev.entity, agent.entity, ev, "eventroles")
    if events:
        _main_event_participants(doc, events)
        _participating_bodies(doc, events)
    return doc


#: What may stand between the bodies a delegation lists.
_LIST_GAP = re.compile(r"(?:,|;|và|-|–|:)?")


def _listed_before(doc: Doc, org) -> list:
    """The bodies listed before ``org`` in one list with it ("Huyện ủy, HĐND, UBND, UBMTTQ
    huyện X đã tổ chức …"), nearest first."""
    b, _ = sentence_range(doc, org.norm[0])
    text = doc.norm.text
    before = sorted((m for m in mentions_in(doc, b, org.norm[0], "Organisation")), key=lambda m: -m.norm[1])
    out, start = [], org.norm[0]
    for m in before:
        if m.norm[1] > start:
            continue  # inside a body already taken ("HĐND" inside "Thường trực HĐND")
        if not _LIST_GAP.fullmatch(" ".join(text[m.norm[1]:start].split())) or m.norm[1] == start:
            break
        out.append(m)
        start = m.norm[0]
    return out


def _participating_bodies(doc: Doc, events) -> None:
    main = main_event(doc, events)
    words = attendance_words()
    starts = [ev.norm[0] for ev in events]
    text = doc.norm.text
    for b, e in doc.norm_sentences:
        b, e = _statement(doc, b, e)
        found = words_in(doc, b, e, words)
        if not found:
            continue
        own = events[bisect_left(starts, b):bisect_left(starts, e)]
        target = own[0] if own else main if b >= main.norm[0] else None
        if target is None:
            continue
        orgs = sorted((m for m in mentions_in(doc, b, e, "Organisation")
                       if not any(ev.norm[0] <= m.norm[0] < ev.norm[1] for ev in own)), key=lambda m: m.norm)
        for _, end in found:  # the bodies listed right after the words
            for m in orgs:
                if m.norm[0] < end:
                    continue
                if not _LIST_GAP.fullmatch(" ".join(text[end:m.norm[0]].split())):
                    break
                end = max(end, m.norm[1])
                if not has_fact(doc, "organisedBy", target.entity, m.entity):
                    add_fact(doc, "participant", target.entity, m.entity, m, "eventroles")


def _statement(doc: Doc, b: int, e: int) -> tuple[int, int]:
    """A sentence with the items of its list that follow it after semicolons ("… chủ trì
    của các đồng chí: A - …; B - …; C - …."), which the segmenter makes sentences of their own."""
    text = doc.norm.text
    i = bisect_left(doc.norm_sentences, (b, e))
    while text[b:e].rstrip().endswith(";") and i + 1 < len(doc.norm_sentences):
        i += 1
        e = doc.norm_sentences[i][1]
    return b, e


def _titled(doc: Doc, events) -> set[int]:
    """The events named inside a document's title ("… triển khai Nghị quyết Đại hội Đảng bộ xã
    …"): they are not what their sentence is about. Returned as ids."""
    titles = sorted(m.norm for m in doc.mentions if m.type == "Resolution")
    starts = [b for b, _ in titles]
    inside = set()
    for ev in events:
        i = bisect_left(starts, ev.norm[0] + 1)  # the titles that begin at or before the event
        if any(b <= ev.norm[0] and ev.norm[1] <= e for b, e in titles[max(0, i - 3):i]):
            inside.add(id(ev))
    return inside


def _main_event_participants(doc: Doc, events) -> None:
    main = main_event(doc, events)
    titled = _titled(doc, events)
    starts = [ev.norm[0] for ev in events if id(ev) not in titled]  # sorted: events are in text order
    for b, e in doc.norm_sentences:
        if b < main.norm[0] or bisect_left(starts, e) > bisect_left(starts, b):  # an event of its own
            continue
        b, e = _statement(doc, b, e)
        # a sentence about the main event that does not name it: who attended, spoke or chaired
        if patterns("relations").search(doc.syllables, b, e, "participant.main_event"):
            for person in mentions_in(doc, b, e, "Person"):
                add_fact(doc, "participant", main.entity, person.entity, person, "eventroles")
