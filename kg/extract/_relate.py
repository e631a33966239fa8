"""What the relation extractors share: finding entities by position, key or head, and
recording a fact with its sentence."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..model import Doc, Entity, Fact, Mention
from ..patterns import patterns


#: The longest name a mention has (characters): how far back a name may begin.
MAX_NAME = 1000


class _Index:
    """Mentions by where they start, entities by key, sentences by start, facts by what
    they say: so that each lookup of the relation stage costs a bisection or a hash, not
    a pass over the document. Built again whenever what it indexes has changed."""

    def __init__(self, doc: Doc):
        self.sizes = _sizes(doc)
        self.order = {id(m): i for i, m in enumerate(doc.mentions)}
        self.by_start = sorted(doc.mentions, key=lambda m: m.norm[0])
        self.starts = [m.norm[0] for m in self.by_start]
        self.entities = {(e.type, e.key): e for e in reversed(doc.entities)}
        self.sentences = [b for b, _ in doc.norm_sentences]
        self.facts = {(f.predicate, id(f.subject), id(f.object), f.role) for f in doc.facts}


def _sizes(doc: Doc) -> tuple:
    return (id(doc.mentions), len(doc.mentions), id(doc.entities), len(doc.entities), len(doc.norm_sentences),
            id(doc.facts), len(doc.facts))


def _index(doc: Doc) -> _Index:
    index = doc.context.get("_relate_index")
    if index is None or index.sizes != _sizes(doc):
        index = doc.context["_relate_index"] = _Index(doc)
    return index


def mention_at(doc: Doc, pos: int, type_: str | None = None) -> Mention | None:
    """The longest mention that starts at normalised offset ``pos`` (the first of those as
    long, in the document's order)."""
    index = _index(doc)
    best = None
    for m in index.by_start[bisect_left(index.starts, pos):bisect_right(index.starts, pos)]:
        if type_ is None or m.type == type_:
            if best is None or m.norm[1] > best.norm[1] or (
                    m.norm[1] == best.norm[1] and index.order[id(m)] < index.order[id(best)]):
                best = m
    return best


def mentions_in(doc: Doc, begin: int, end: int, type_: str | None = None) -> list[Mention]:
    """Mentions inside the normalised range [begin, end), in the document's order."""
    index = _index(doc)
    found = [m for m in index.by_start[bisect_left(index.starts, begin):bisect_left(index.starts, end)]
             if m.norm[1] <= end and (type_ is None or m.type == type_)]
    return sorted(found, key=lambda m: index.order[id(m)])


def entity_by_key(doc: Doc, type_: str, key: str) -> Entity | None:
    return _index(doc).entities.get((type_, key))


def sentence_range(doc: Doc, pos: int) -> tuple[int, int]:
    i = bisect_right(_index(doc).sentences, pos) - 1
    if i >= 0:
        b, e = doc.norm_sentences[i]
        if b <= pos < e:
            return b, e
    return 0, len(doc.norm.text)


def has_fact(doc: Doc, predicate: str, subject: Entity, obj: Entity, role: str | None = None) -> bool:
    """Whether the document already states this fact (a lookup in the index)."""
    return (predicate, id(subject), id(obj), role) in _index(doc).facts


def add_fact(doc: Doc, predicate: str, subject: Entity, obj: Entity, at: Mention,
             source: str, role: str | None = None) -> None:
    """Record a fact read in the sentence of mention ``at`` (once per document)."""
    if subject is obj:
        return
    index = _index(doc)
    key = (predicate, id(subject), id(obj), role)
    if key in index.facts:
        return
    doc.facts.append(Fact(predicate, subject, obj, doc.sentence_of(at.span), role, source))
    index.facts.add(key)
    index.sizes = _sizes(doc)


def words_in(doc: Doc, begin: int, end: int, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where in the normalised range [begin, end) one of ``words`` is a word of its own
    (one to three of the tagger's words: "dự" the verb, not the "dự" of "dự án")."""
    from ..text.tokenize import token_index

    wanted = {w.lower() for w in words}
    longest = max((len(w.split()) for w in wanted), default=0)
    text, tokens = doc.norm.text, doc.tokens
    found = []
    i = token_index(doc, begin)
    while i < len(tokens) and tokens[i].end <= end:
        for n in range(min(3, longest), 0, -1):
            last = tokens[min(i + n, len(tokens)) - 1]
            if i + n <= len(tokens) and last.end <= end and \
                    " ".join(text[tokens[i].begin:last.end].lower().split()) in wanted:
                found.append((tokens[i].begin, last.end))
                break
        i += 1
    return found


def linked(doc: Doc, anchor: Mention, type_: str, *, before: str | None,
           after: str, anchor_end: int | None = None) -> list[Mention]:
    """Mentions of ``type_`` in the sentence of ``anchor`` tied to it by the words between,
    as the patterns of ``kg/patterns/relations.jsonl`` labelled ``before`` and ``after``
    say: ``X <before> anchor`` ("Thành ủy | đã ban hành | <Nghị quyết>") or ``anchor <after>
    X`` ("<Nghị quyết> | của | Thành ủy"); those after the anchor first; ``before`` None:
    none before. ``anchor_end`` moves the anchor's end to the end of the list it stands in
    ("Chỉ thị số 04, 05 … của X")."""
    rules = patterns("relations")
    b, e = sentence_range(doc, anchor.norm[0])
    end = anchor.norm[1] if anchor_end is None else anchor_end
    found_after, found_before = [], []
    for m in mentions_in(doc, b, e, type_):
        if m.norm[0] >= end and rules.fullmatch(doc.syllables, end, m.norm[0], after):
            found_after.append(m)
        elif before and m.norm[1] <= anchor.norm[0] and rules.fullmatch(doc.syllables, m.norm[1], anchor.norm[0], before):
            found_before.append(m)
    return found_after + found_before


def main_event(doc: Doc, events):
    """The document's own event: the first event named after the lead's date in its
    sentence ("Ngày 15/7, Ban Chấp hành … tổ chức Hội nghị lần thứ 22 …"; "Hòa chung
    không khí của Ngày hội … trên cả nước, sáng 11/11, ấp … tổ chức Ngày hội …"), else the
    first in that sentence; a headline may name first an event the page is only about
    ("… dự kiến nội dung kỳ họp thứ chín"). Without such a lead, the first event named."""
    lead = doc.context.get("date_at") if doc.context.get("date_source") == "lead" else None
    if lead:
        b, e = sentence_range(doc, lead[0])
        inside = [ev for ev in events if b <= ev.norm[0] < e]
        after = [ev for ev in inside if ev.norm[0] >= lead[1]]
        if after or inside:
            return (after or inside)[0]
    return events[0]
