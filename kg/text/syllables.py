"""The token layer: the whole normalised text as a spaCy ``Doc`` of syllables.

Vietnamese is written in syllables separated by spaces; a word is one or more of them
("tổ chức", "Ủy ban"). The layer has one spaCy token per syllable, punctuation mark and
run of white space other than a single space, so that ``doc.syllables.text ==
doc.norm.text`` and every token's ``idx`` is a normalised offset. Each syllable carries:

- ``ORTH``, ``LOWER``, ``SHAPE``, ``IS_TITLE``, ``IS_UPPER``, ``IS_DIGIT``, ``IS_PUNCT``,
  ``IS_SPACE``: spaCy's own lexical attributes;
- ``TAG``: the part of speech of the word it belongs to, by underthesea's tagger (the
  ``tokens`` component; ``""`` outside sentences);
- ``._.word_start``: whether it begins a word of the tagger ("tổ" in "tổ chức": true,
  "chức": false), so that a pattern can ask for "dự" the verb and not the "dự" of "dự án";
- ``._.name_word``: whether it may be a word of a proper name: it begins with a capital
  letter or a digit ("Phú", "III", "HĐND", "19"; not "thị", not "(").

The patterns of ``kg/patterns/`` match on this layer with spaCy's ``Matcher``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from ..model import Doc
from ..pipeline import component

#: The extension attributes this component declares on spaCy's ``Token`` (name: default).
EXTENSIONS = {"word_start": False}
#: ... and those computed from the token's text when a pattern asks (name: getter).
GETTERS = {"name_word": lambda tok: tok.text[0].isupper() or tok.text[0].isdigit()}

#: A syllable or a punctuation mark: what the layer has a token for, white space aside.
PIECE = re.compile(r"\w+|[^\w\s]")


@cache
def vocab():
    """The one vocabulary of every layer (spaCy's multi-language lexical attributes)."""
    import spacy
    from spacy.tokens import Token

    for name, default in EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    for name, getter in GETTERS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)
    return spacy.blank("xx").vocab


def pieces(text: str) -> list[str]:
    """The syllables and punctuation marks of ``text``, as the layer has them."""
    return PIECE.findall(text)


def make_layer(text: str, words=()):
    """A spaCy ``Doc`` of the syllables of ``text``; ``words`` are the tagger's words as
    (begin, end, tag) offsets into ``text``, in order."""
    from spacy.tokens import Doc as SpacyDoc

    pieces, spaces, starts = [], [], []
    pos = 0
    for m in PIECE.finditer(text):
        gap = text[pos:m.start()]
        if gap:
            if gap.startswith(" ") and pieces and not spaces[-1]:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                pieces.append(gap)
                spaces.append(False)
                starts.append(pos + (len(text[pos:m.start()]) - len(gap)))
        pieces.append(m.group())
        spaces.append(False)
        starts.append(m.start())
        pos = m.end()
    tail = text[pos:]
    if tail.startswith(" ") and pieces and not spaces[-1]:
        spaces[-1], tail = True, tail[1:]
    if tail:
        pieces.append(tail)
        spaces.append(False)
        starts.append(len(text) - len(tail))
    tags = [""] * len(pieces)
    word_starts = []
    for b, e, tag in words:
        i = bisect_left(starts, b)
        if i < len(starts) and starts[i] == b:
            word_starts.append(i)
        while i < len(starts) and starts[i] < e:
            if not pieces[i].isspace():
                tags[i] = tag
            i += 1
    layer = SpacyDoc(vocab(), words=pieces, spaces=spaces, tags=tags)
    for i in word_starts:
        layer[i]._.word_start = True
    layer.user_data["kg_bounds"] = (starts, [b + len(p) for b, p in zip(starts, pieces)])
    return layer


@component("syllables", requires=("norm", "tokens"), assigns=("syllables",), stage="segment")
def add_syllables(doc: Doc) -> Doc:
    doc.syllables = make_layer(doc.norm.text, [(t.begin, t.end, t.tag) for t in doc.tokens])
    return doc


def _bounds(layer) -> tuple[list[int], list[int]]:
    """Where each token of the layer begins and ends (kept by ``make_layer``)."""
    return layer.user_data["kg_bounds"]


def token_range(layer, begin: int, end: int) -> tuple[int, int]:
    """The tokens of ``layer`` that lie inside the normalised range [begin, end), as a
    slice (start, stop) of token indices."""
    starts, ends = _bounds(layer)
    i = bisect_left(starts, begin)
    return i, max(i, bisect_right(ends, end))
