"""Working sessions and working visits, named by who meets whom or by their purpose.

- "<A> làm việc với <B>, <C> và <D>" (a delegation or a body meets others): the event
  "Buổi làm việc của A với B, C và D", named with the full names of the bodies; all of them
  take part in it.
- "đoàn công tác <A>, <B> … do đồng chí X làm trưởng đoàn (đã) đến <purpose>": the visit,
  named by its purpose ("Học tập, trao đổi kinh nghiệm … tại huyện Y"); the bodies of the
  delegation and its head take part.

This component reads the mentions the other extractors found (organisations, wards,
persons) and adds an event mention whose ``participants`` the relation stage links.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import word_list
from ..model import Doc, Mention
from ..pipeline import component
from ._base import add_mention, alternation, same_name_key, sentences

_MEETS = re.compile(r"\s*(?:đã\s+|sẽ\s+)?(?:có\s+)?(?:buổi\s+)?làm việc với\s+")
_JOIN = re.compile(r"\s*(?:,|và)\s*")
_DELEGATION = re.compile(r"[Đđ]oàn công tác(?:\s+của)?\s+")
_HEAD = re.compile(rf"\s*,?\s*do\s+(?:{alternation(word_list('honorifics.tsv'))})\s+")  # "do | đồng chí | X"
_GOES_TO = re.compile(r"(?:đã\s+)?đến\s+(?=[^\W\d_])")
_MEETS_LATER = re.compile(r"(?:đã\s+|sẽ\s+)?làm việc với\s+")
_AGENTS = ("Organisation", "Ward")


def _run(doc: Doc, mentions: list[Mention], pos: int, limit: int) -> tuple[list[Mention], int]:
    """The agents named one after another from ``pos``, joined by commas or "và"."""
    text = doc.norm.text
    found: list[Mention] = []
    while True:
        nxt = next((m for m in mentions if m.norm[0] == pos and m.type in _AGENTS), None)
        if nxt is None:
            break
        nxt = max((m for m in mentions if m.norm[0] == pos and m.type in _AGENTS), key=lambda m: m.norm[1])
        found.append(nxt)
        join = _JOIN.match(text, nxt.norm[1], limit)
        if not join:
            return found, nxt.norm[1]
        pos = join.end()
    return found, found[-1].norm[1] if found else pos


def _participants(ms: list[Mention]) -> list[tuple[str, str]]:
    """The agents among them: a ward met with stands for its authorities, named apart."""
    return [(m.type, m.key) for m in ms if m.type != "Ward"]


@component("visit", requires=("mentions", "norm_sentences"), assigns=("mentions", "attrs.participants"))
def find_visits(doc: Doc) -> Doc:
    text = doc.norm.text
    mentions = sorted(doc.mentions, key=lambda m: m.norm)
    starts = [m.norm[0] for m in mentions]
    for base, sentence in sentences(doc):
        end_of_sentence = base + len(sentence.rstrip(" ."))
        inside = mentions[bisect_left(starts, base):bisect_left(starts, end_of_sentence)]
        persons = [m for m in inside if m.type == "Person"]
        # "<A> làm việc với <B> và <C>"
        for host in (m for m in inside if m.type in _AGENTS):
            meets = _MEETS.match(text, host.norm[1], end_of_sentence)
            if meets:
                _meeting(doc, inside, host, meets, end_of_sentence, [])
        # "đoàn công tác <A>, <B> … do đồng chí X làm trưởng đoàn đã đến <purpose>" or
        # "… làm việc với <B>"
        for m in _DELEGATION.finditer(sentence):
            members, end = _run(doc, inside, base + m.end(), end_of_sentence)
            if not members:
                continue
            head = _HEAD.match(text, end)
            leaders = [p for p in persons if head and p.norm[0] >= head.end()][:1]
            meets = _MEETS_LATER.search(text, end, end_of_sentence)
            if meets and len(members) == 1 and not _MEETS.match(text, members[0].norm[1]):
                _meeting(doc, inside, members[0], meets, end_of_sentence, leaders)
            goes = _GOES_TO.search(text, end, end_of_sentence)
            if not goes or goes.start() - end > 200:
                continue
            purpose = " ".join(text[goes.end():end_of_sentence].split())
            if len(purpose.split()) < 3:
                continue
            name = purpose[0].upper() + purpose[1:]
            add_mention(doc, "Event", goes.end(), end_of_sentence, name=name,
                        key=same_name_key(name, doc.stem), source="visit",
                        participants=_participants(members + leaders))
    return doc


def _meeting(doc: Doc, inside: list[Mention], host: Mention, meets: re.Match, limit: int,
             leaders: list[Mention]) -> None:
    guests, end = _run(doc, inside, meets.end(), limit)
    if not guests:
        return
    names = [g.name for g in guests]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    name = f"Buổi làm việc của {host.name} với {listed}"
    add_mention(doc, "Event", meets.start(), end, name=name, key=f"{doc.stem} {name}".lower(),
                source="visit", participants=_participants([host, *guests, *leaders]))
