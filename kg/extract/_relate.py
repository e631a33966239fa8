"""What the relation extractors share: finding entities by position, key or head, and
recording a fact with its sentence."""
from __future__ import annotations

import re

from ..model import Doc, Entity, Fact, Mention


def mention_at(doc: Doc, pos: int, type_: str | None = None) -> Mention | None:
    """The longest mention that starts at normalised offset ``pos``."""
    best = None
    for m in doc.mentions:
        if m.norm[0] == pos and (type_ is None or m.type == type_):
            if best is None or m.norm[1] > best.norm[1]:
                best = m
    return best


def mentions_in(doc: Doc, begin: int, end: int, type_: str | None = None) -> list[Mention]:
    """Mentions inside the normalised range [begin, end), in text order."""
    return [m for m in doc.mentions if begin <= m.norm[0] and m.norm[1] <= end
            and (type_ is None or m.type == type_)]


def entity_by_key(doc: Doc, type_: str, key: str) -> Entity | None:
    for e in doc.entities:
        if e.type == type_ and e.key == key:
            return e
    return None


def sentence_range(doc: Doc, pos: int) -> tuple[int, int]:
    for b, e in doc.norm_sentences:
        if b <= pos < e:
            return b, e
    return 0, len(doc.norm.text)


def add_fact(doc: Doc, predicate: str, subject: Entity, obj: Entity, at: Mention,
             source: str, role: str | None = None) -> None:
    """Record a fact read in the sentence of mention ``at`` (once per document)."""
    if subject is obj:
        return
    for f in doc.facts:
        if (f.predicate, f.subject, f.object, f.role) == (predicate, subject, obj, role):
            return
    doc.facts.append(Fact(predicate, subject, obj, doc.sentence_of(at.span), role, source))


def gap(doc: Doc, left: Mention, right: Mention) -> str:
    """The normalised text between two mentions, white space folded."""
    return " ".join(doc.norm.text[left.norm[1]:right.norm[0]].split())


def linked(doc: Doc, anchor: Mention, type_: str, *, before: re.Pattern | None,
           after: re.Pattern, anchor_end: int | None = None) -> list[Mention]:
    """Mentions of ``type_`` in the sentence of ``anchor`` tied to it by the words between:
    ``X <before> anchor`` ("Thành ủy đã ban hành <Nghị quyết>") or ``anchor <after> X``
    ("<Nghị quyết> của Thành ủy"); those after the anchor first; ``before`` None: none before. ``anchor_end`` moves the
    anchor's end to the end of the list it stands in ("Chỉ thị số 04, 05 … của X")."""
    b, e = sentence_range(doc, anchor.norm[0])
    end = anchor.norm[1] if anchor_end is None else anchor_end
    found_after, found_before = [], []
    for m in mentions_in(doc, b, e, type_):
        if m.norm[0] >= end and after.fullmatch(" ".join(doc.norm.text[end:m.norm[0]].split())):
            found_after.append(m)
        elif before and m.norm[1] <= anchor.norm[0] and before.fullmatch(gap(doc, m, anchor)):
            found_before.append(m)
    return found_after + found_before
