"""Organisers and participants of events.

"<Organisation> (đã) tổ chức <Event>", "<Event> do <Organisation> tổ chức": the organiser.
Persons and organisations in the sentence of an event that say they attend, chair or lead
it ("dự", "tham dự", "chủ trì", "trưởng đoàn", "làm việc với") take part in it.
"""
from __future__ import annotations

import re

from ..model import Doc
from ..pipeline import component
from ._relate import add_fact, entity_by_key, linked, mentions_in, sentence_range

_ORGANISES = re.compile(r"(?:đã\s+|long trọng\s+)?(?:tổ chức|khai mạc|triệu tập)")
_BY = re.compile(r"(?:,\s*)?do")
_TAKES_PART = re.compile(r"\b(?:dự|tham dự|chủ trì|trưởng đoàn|làm việc với|tham gia)\b")


@component("eventroles", requires=("entities",), assigns=("facts",))
def find_event_roles(doc: Doc) -> Doc:
    for ev in (m for m in doc.mentions if m.type == "Event"):
        for type_, key in ev.attrs.get("participants", ()):  # named by the visit extractor
            agent = entity_by_key(doc, type_, key)
            if agent is not None:
                add_fact(doc, "participant", ev.entity, agent, ev, "eventroles")
        for org in linked(doc, ev, "Organisation", before=_ORGANISES, after=_BY):
            add_fact(doc, "organisedBy", ev.entity, org.entity, ev, "eventroles")
        b, e = sentence_range(doc, ev.norm[0])
        if _TAKES_PART.search(doc.norm.text[b:e]):
            for agent in mentions_in(doc, b, e, "Person"):
                add_fact(doc, "participant", ev.entity, agent.entity, ev, "eventroles")
    return doc
