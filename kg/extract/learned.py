"""Where the learned span model (``kg.learn``) changes what the rules found.

Runs after every rule extractor (stage ``model``). The model's ``.json`` says, per entity
type, which policies it is used with (those that cross-validation showed to help):

- ``add``: a span of the type, of two syllables or more, that overlaps no rule mention
  becomes a mention (the model adds what the rules missed);
- ``veto``: a rule mention of the type to none of whose syllables the model gives the
  type a probability of ``VETO_BELOW`` or more is dropped;
- ``bounds``: a rule mention of the type that exactly one span of the type overlaps
  takes the span's bounds (the name ends where the model says).
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from pathlib import Path

from ..lexicon import expand
from ..model import Doc, Mention
from ..pipeline import component
from ._base import add_mention, label, make_mention, same_name_key

SOURCE = "learned"


def _name(type_: str, surface: str) -> str:
    return expand(surface) if type_ == "Organisation" else surface


def _key(type_: str, name: str, doc: Doc) -> str:
    if type_ in ("Event", "Project"):
        return same_name_key(name, doc.stem)  # descriptive names: within their document
    return name.lower()


def _add(doc: Doc, spans, types: set[str]) -> None:
    text = doc.norm.text
    ruled = sorted(m.norm for m in doc.mentions)
    begins = [b for b, _ in ruled]
    reach = list(accumulate((e for _, e in ruled), max))  # the furthest end so far
    for type_, b, e in spans:  # disjoint, so only the rules' can overlap
        surface = label(text[b:e])
        if type_ not in types or len(surface.split()) < 2:
            continue
        i = bisect_left(begins, e)  # the rule mentions that begin before the span ends
        if i and reach[i - 1] > b:
            continue
        name = _name(type_, surface)
        add_mention(doc, type_, b, e, name=name, key=_key(type_, name, doc), source=SOURCE)


#: A rule mention is vetoed only when the model gives its type less than this probability
#: at every one of its syllables.
VETO_BELOW = 0.2


def _veto(doc: Doc, tagged, types: set[str]) -> None:
    """Drop the rule mentions of ``types`` in which the model sees nothing of their type."""
    starts, probs = [], []
    for tokens, _, p in tagged:
        for (b, _), pt in zip(tokens, p):
            starts.append(b)
            probs.append(pt)
    kept: list[Mention] = []
    for m in doc.mentions:
        if m.type in types:
            i = bisect_left(starts, m.norm[0])
            inside = []
            while i < len(starts) and starts[i] < m.norm[1]:
                inside.append(probs[i].get(m.type, 0.0))
                i += 1
            if inside and max(inside) < VETO_BELOW:
                continue
        kept.append(m)
    doc.mentions = kept


def _bounds(doc: Doc, spans, types: set[str]) -> None:
    """A rule mention that one span of its type overlaps takes the span's bounds."""
    text = doc.norm.text
    by_type: dict[str, list[tuple[int, int]]] = {}
    for type_, b, e in spans:
        by_type.setdefault(type_, []).append((b, e))
    for t in by_type:
        by_type[t].sort()
    out = []
    for m in doc.mentions:
        own = by_type.get(m.type) if m.type in types else None
        if own:
            i = bisect_left(own, (m.norm[1], -1))
            near = [s for s in own[max(0, i - 2):i] if s[1] > m.norm[0]]
            if len(near) == 1 and near[0] != m.norm and len(label(text[near[0][0]:near[0][1]]).split()) >= 2:
                b, e = near[0]
                name = _name(m.type, label(text[b:e]))
                key = _key(m.type, name, doc) if m.type in ("Event", "Project") else m.key
                out.append(make_mention(doc, m.type, b, e, name=name, key=key, source=SOURCE, **dict(m.attrs.items())))
                continue
        out.append(m)
    doc.mentions = out


@component("learned", requires=("mentions", "norm_sentences", "tokens"), assigns=("mentions",),
           stage="model", factory=True)
def make_learned(model: Path | None = None):
    """The component with the model at ``model`` (None: it changes nothing)."""
    if model is None:
        return lambda doc: doc
    from ..learn import SpanModel

    span_model = SpanModel(model)
    uses = span_model.info.uses
    types = {p: {t for t, ps in uses.items() if p in ps} for p in ("add", "veto", "bounds")}

    def use_model(doc: Doc) -> Doc:
        if not uses:
            return doc
        tagged = span_model.tag(doc)
        spans = span_model.spans(doc, tagged)
        if types["veto"]:
            _veto(doc, tagged, types["veto"])
        if types["bounds"]:
            _bounds(doc, spans, types["bounds"])
        if types["add"]:
            _add(doc, spans, types["add"])
        return doc

    return use_model
