"""What the span model sees of each syllable: the syllable and its neighbours, its shape,
the word and part of speech the tagger put it in, the public word lists it opens (heads
of bodies, events, works, programmes, post titles, level words), and what the rules made
of it (the type of the rule mention it lies in, as B-/I-).

A sequence is a sentence of the normalised text; a token is a syllable or a punctuation
mark (``Doc.tokens`` are words, which the features refer to).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .. import lexicon
from ..model import Doc

_SYLLABLE = re.compile(r"\w+|[^\w\s]")
#: A longest run of syllables of a word list that the features look for.
_MAX_PHRASE = 8


def syllables(doc: Doc) -> list[list[tuple[int, int]]]:
    """The syllables of each sentence: (begin, end) into ``Doc.norm.text``."""
    text = doc.norm.text
    return [[(m.start(), m.end()) for m in _SYLLABLE.finditer(text, b, e)] for b, e in doc.norm_sentences]


@cache
def _phrases() -> dict[tuple[str, ...], frozenset[str]]:
    """Each phrase of the word lists, as a tuple of lower-case syllables -> its kinds."""
    lists = {
        "org": [h.head for h in lexicon.org_heads()],
        "body": list(lexicon.body_heads()),
        "event": list(lexicon.event_heads()),
        "works": list(lexicon.works_heads()),
        "programme": list(lexicon.programmes()),
        "role": [r.title for r in lexicon.roles()],
        "doctype": [d.name for d in lexicon.doc_types()],
        "level": list(lexicon.jurisdiction_levels()),
        "verb": list(lexicon.meeting_verbs()),
        "daypart": list(lexicon.dayparts()),
    }
    out: dict[tuple[str, ...], set[str]] = {}
    for kind, phrases in lists.items():
        for phrase in phrases:
            key = tuple(_SYLLABLE.findall(phrase.lower()))
            if 0 < len(key) <= _MAX_PHRASE:
                out.setdefault(key, set()).add(kind)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _first_syllables() -> frozenset[str]:
    return frozenset(k[0] for k in _phrases())


def _shape(s: str) -> str:
    if s.isdigit():
        return "digit"
    if not s[0].isalnum():
        return "punct"
    if s.isupper() and len(s) > 1:
        return "upper"
    if s[0].isupper():
        return "title"
    return "lower"


def _rule_labels(doc: Doc, tokens: list[tuple[int, int]]) -> list[str]:
    """B-/I-type of the longest rule mention each token lies in, else O."""
    out = ["O"] * len(tokens)
    best = [0] * len(tokens)
    if not tokens:
        return out
    begins = [b for b, _ in tokens]
    lo, hi = tokens[0][0], tokens[-1][1]
    for m in doc.mentions:
        b, e = m.norm
        if e <= lo or b >= hi:
            continue
        i = max(0, bisect_right(begins, b) - 1)
        first = True
        while i < len(tokens) and tokens[i][0] < e:
            tb, te = tokens[i]
            if tb >= b and te <= e and (e - b) > best[i]:
                best[i] = e - b
                out[i] = ("B-" if first else "I-") + m.type
            if tb >= b:
                first = False
            i += 1
    return out


def _word_info(doc: Doc, tokens: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """(part of speech, whether the syllable begins its word) of each token."""
    starts = [t.begin for t in doc.tokens]
    out = []
    for b, _ in tokens:
        i = bisect_right(starts, b) - 1
        if i >= 0 and doc.tokens[i].begin <= b < doc.tokens[i].end:
            out.append((doc.tokens[i].tag, doc.tokens[i].begin == b))
        else:
            out.append(("-", True))
    return out


def sentence_features(doc: Doc, tokens: list[tuple[int, int]]) -> list[list[str]]:
    """The features of each token of one sentence."""
    text = doc.norm.text
    words = [text[b:e] for b, e in tokens]
    lower = [w.lower() for w in words]
    rules = _rule_labels(doc, tokens)
    info = _word_info(doc, tokens)
    phrases, firsts = _phrases(), _first_syllables()
    opens: list[set[str]] = [set() for _ in tokens]
    inside: list[set[str]] = [set() for _ in tokens]
    for i, w in enumerate(lower):
        if w not in firsts:
            continue
        for n in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            kinds = phrases.get(tuple(lower[i:i + n]))
            if kinds:
                opens[i] |= kinds
                for j in range(i + 1, i + n):
                    inside[j] |= kinds
                break
    surnames = lexicon.surnames()
    out = []
    for i, w in enumerate(words):
        f = [
            "bias", "w=" + lower[i], "shape=" + _shape(w), "pos=" + info[i][0],
            "wordstart=" + str(info[i][1]), "rule=" + rules[i],
        ]
        f += ["opens=" + k for k in sorted(opens[i])]
        f += ["in=" + k for k in sorted(inside[i])]
        if w[:1].isupper() and w in surnames:
            f.append("surname")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                f += [f"{d}:w=" + lower[j], f"{d}:shape=" + _shape(words[j]), f"{d}:rule=" + rules[j]]
                if abs(d) == 1:
                    f += [f"{d}:pos=" + info[j][0]] + [f"{d}:opens=" + k for k in sorted(opens[j])]
            else:
                f.append(f"{d}:edge")
        if i > 0:
            f.append("bigram=" + lower[i - 1] + "_" + lower[i])
        out.append(f)
    return out
