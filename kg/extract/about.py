"""What a resolution is about:

- the wards, places and projects named in the "về …" clause that follows it ("Nghị quyết
  số 40-NQ/TU … về xây dựng và phát triển thành phố Lạng Sơn …"), up to the end of the
  clause, and the bodies named there after what is done to them ("về việc kiện toàn Ban
  Chỉ đạo …", "về … hoạt động của Liên hiệp các Hội …": lexicon/unit_changes.tsv);
- the units it establishes, dissolves, merges or recognises (lexicon/unit_changes.tsv): in
  its own sentence when the change is made "theo <Resolution>" ("Xã X được thành lập trên
  cơ sở sáp nhập 4 xã … theo Nghị quyết số …"), and in the paragraph that says what it
  decides ("Theo đó, huyện A giải thể xã B …; thành lập xã C"), past a photo's caption
  between them.

What an event is about: the project its name names ("Lễ khánh thành công trình thanh niên
“…”"), and the unit whose founding it marks ("Họp mặt truyền thống 35 năm thành lập phường
X": the words before the unit in kg/patterns/relations.jsonl, ``about.event_unit``).
"""
from __future__ import annotations

import re

from ..lexicon import unit_changes
from ..model import Doc
from ..patterns import patterns
from ..pipeline import component
from ._base import WB, WE, alternation
from ._relate import add_fact, mentions_in, sentence_range

_CLAUSE_END = re.compile(r"[;:]|\.\s|\.$")
_TOPICS = ("Ward", "Place", "Project", "Organisation")
#: "… của Bộ Chính trị": the issuer of another document named in the clause, not a topic
#: (a place after "của" is whose units are meant: "các xã, phường của tỉnh Thanh Hóa").
_ISSUER_BEFORE = re.compile(r"(?:của|do)\s+$")
_CHANGE = re.compile(rf"{WB}(?:{alternation(unit_changes())}){WE}")
_ACCORDING_TO = re.compile(r"\btheo\s+$")
_ACCORDINGLY = re.compile(r"\s*Theo đó\b")
_BASIS = re.compile(r"\btrên cơ sở\b")
_PASSIVE = re.compile(r"\s+được\s+$")


@component("about", requires=("entities", "syllables"), assigns=("facts",))
def find_topics(doc: Doc) -> Doc:
    text, rules = doc.norm.text, patterns("relations")
    for res in (m for m in doc.mentions if m.type == "Resolution"):
        b, e = sentence_range(doc, res.norm[0])
        about = rules.opening(doc.syllables, res.norm[1], e, "about.clause")  # "… về …"
        if about is None or len(text[res.norm[1]:about]) > 200:
            continue
        stop = _CLAUSE_END.search(text, about, e)
        end = stop.start() if stop else e
        for topic in mentions_in(doc, about, end):
            if topic.type not in _TOPICS:
                continue
            if topic.type == "Organisation" and not _done_to(text, about, topic.norm[0]):
                continue  # a body in the clause is its topic only after what is done to it
            add_fact(doc, "about", res.entity, topic.entity, res, "about")
    _changed_units(doc)
    _event_topics(doc)
    return doc


def _event_topics(doc: Doc) -> None:
    rules = patterns("relations")
    for ev in (m for m in doc.mentions if m.type == "Event"):
        inside = [m for m in mentions_in(doc, ev.norm[0], ev.norm[1]) if m is not ev]
        for topic in inside:
            if topic.type == "Project":
                add_fact(doc, "about", ev.entity, topic.entity, ev, "about")
        for _, end in rules.search(doc.syllables, ev.norm[0], ev.norm[1], "about.event_unit"):
            unit = next((m for m in inside if m.type in ("Ward", "Place") and m.norm[0] > end
                         and not doc.norm.text[end:m.norm[0]].strip()), None)
            if unit is not None:
                add_fact(doc, "about", ev.entity, unit.entity, ev, "about")


def _done_to(text: str, begin: int, at: int) -> bool:
    """Whether the clause text[begin:at] says what is done to the body named at ``at`` (a
    word of unit_changes.tsv before it), and the body is not the issuer of another document
    ("… của Bộ Chính trị"), but where "của" is part of those words ("hoạt động của X")."""
    changes = list(_CHANGE.finditer(text, begin, at))
    if not changes:
        return False
    if changes[-1].end() >= at - 1:
        return True  # "… hoạt động của | Liên hiệp các Hội …"
    return not _ISSUER_BEFORE.search(text, max(0, at - 8), at)


def _changed(doc: Doc, res, b: int, e: int) -> None:
    """The communes in text[b:e] that a verb of change acts on ("giải thể xã A", "xã B được
    thành lập"): what ``res`` decides about; not those it is made from ("trên cơ sở sáp nhập
    xã C …")."""
    text = doc.norm.text
    change = _CHANGE.search(text, b, e)
    if change is None:
        return
    basis = _BASIS.search(text, change.start(), e)
    end = basis.start() if basis else e
    subject = _PASSIVE.search(text, b, change.start())
    start = change.start()
    if subject:  # "Xã Hồ Vương được thành lập …": the commune before "được"
        before = [u for u in mentions_in(doc, b, subject.start()) if u.type == "Ward"]
        start = before[-1].norm[0] if before else start
    for unit in mentions_in(doc, start, end):
        if unit.type == "Ward":
            add_fact(doc, "about", res.entity, unit.entity, res, "about")


def _changed_units(doc: Doc) -> None:
    text = doc.norm.text
    resolutions = [m for m in doc.mentions if m.type == "Resolution"]
    for res in resolutions:
        b, e = sentence_range(doc, res.norm[0])
        if _ACCORDING_TO.search(text, max(b, res.norm[0] - 8), res.norm[0]):  # "… theo Nghị quyết số …"
            _changed(doc, res, b, res.norm[0])
        # the paragraph after the resolution's sentence that says what it decides
        nxt = _accordingly(text, e)
        if nxt is not None:
            paragraph_end = text.find("\n", nxt)
            _changed(doc, res, nxt, paragraph_end if paragraph_end >= 0 else len(text))


#: Lines a page may put between a sentence and the next paragraph: a photo's caption
#: ("Ảnh minh họa"), a credit; short, and not ending a sentence.
_CAPTION = re.compile(r"[^\n]{0,80}")
CAPTIONS_SKIPPED = 2


def _accordingly(text: str, end: int) -> int | None:
    """Where the words after "Theo đó" begin, when the paragraph that follows ``end`` (past
    up to ``CAPTIONS_SKIPPED`` caption lines) opens with them; else None."""
    pos, skipped = end, 0
    while True:
        nxt = _ACCORDINGLY.match(text, pos)
        if nxt:
            return nxt.end()
        while pos < len(text) and text[pos] in " \t\n":
            pos += 1
        line = _CAPTION.match(text, pos)
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if skipped >= CAPTIONS_SKIPPED or line.end() < line_end or text[pos:line_end].rstrip().endswith((".", ":", ";")):
            return None
        pos, skipped = line_end, skipped + 1
