"""Sentence segmentation that survives portal pages and PDF line breaks.

A sentence ends at ., !, ?, … or ; followed by white space and a capital letter or a
digit (not the dot of "TP. Pleiku": lexicon/dotted.tsv), and at a line break when the line ends with sentence punctuation or the next line
starts with a capital letter, a digit, a bullet or a dash. A line break inside a sentence
(the PDF text of a report breaks lines mid-sentence, with blank lines between) does not
end it: the next line then starts in lower case.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..lexicon import dotted_abbreviations
from ..model import Doc
from ..pipeline import component

_END_PUNCT = re.compile(r"(?<=[.!?…;])[\"”’)]*\s+(?=[\"“(]?\w)")
#: "TP. Pleiku", "PGS.TS. Nguyễn Văn A": a dot of an abbreviation ends no sentence.
_DOTTED = re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(a) for a in dotted_abbreviations()) + r")$")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_OPENERS = set("•-–+*\"“(")
#: A line that starts a numbered item: "1. ", "2.1. ", "3) ", or a footnote "12 Text".
_NUMBERED = re.compile(r"\d{1,3}(?:\.\d{1,3})*(?:[.)]\s|\s*\(\d|\s*[^\W\d_])")


def _starts_new(ch: str, rest: str = "") -> bool:
    if ch.isdigit():
        return bool(_NUMBERED.match(rest)) and not rest[:4].isdigit()
    return ch.isupper() or ch in _OPENERS


#: Share of line breaks inside a sentence (the next line goes on in lower case) above
#: which a text is taken to be hard-wrapped, as the text of a PDF is.
HARD_WRAPPED = 0.25


def _last_char(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not white space ("" if none), found
    without copying the text before it."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i else ""


def is_hard_wrapped(text: str) -> bool:
    """Whether lines were broken at a width rather than at the ends of sentences."""
    breaks = inside = 0
    for m in _LINE_BREAK.finditer(text):
        before = _last_char(text, m.start())
        after = text[m.end():m.end() + 1]
        if before and after:
            breaks += 1
            inside += before not in ".!?…:;" and after.islower()
    return breaks >= 10 and inside / breaks >= HARD_WRAPPED


#: The longest sentence kept whole, in characters: the longest of real documents are under
#: a thousand; a longer run without an end (a text with no punctuation, a table flattened
#: to one line) is cut into pieces of at most this length, after a ";" or "," where there is
#: one, else at a space, so that the extractors' work per sentence stays bounded.
MAX_SENTENCE = 2000
_SOFT_END = re.compile(r"[;,]\s")


def _bounded(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """``[begin, end)`` cut into pieces of at most ``MAX_SENTENCE`` characters."""
    out = []
    while end - begin > MAX_SENTENCE:
        window = text[begin + MAX_SENTENCE // 2:begin + MAX_SENTENCE]
        soft = [m.end() for m in _SOFT_END.finditer(window)]
        space = window.rfind(" ")
        cut = begin + MAX_SENTENCE // 2 + (soft[-1] if soft else space + 1 if space >= 0 else len(window))
        piece = text[begin:cut].rstrip()
        out.append((begin, begin + len(piece)))
        begin = cut + (len(text[cut:end]) - len(text[cut:end].lstrip()))
    out.append((begin, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(begin, end)`` of each sentence of ``text``, white space trimmed, none longer than
    ``MAX_SENTENCE``.

    In hard-wrapped text a line break ends a sentence only after sentence punctuation or
    before a numbered item or a bullet; a capital at the start of a line there is often
    the second half of a name ("xã Quảng / Lạc").
    """
    wrapped = is_hard_wrapped(text)
    cuts: list[int] = [0]
    for m in _LINE_BREAK.finditer(text):
        before = _last_char(text, m.start())
        after = text[m.end():m.end() + 1]
        if not before or not after:
            cuts.append(m.end())
            continue
        rest = text[m.end():m.end() + 8]
        # In wrapped text a new paragraph is indented: " Cấp 09 giấy …" after a line break.
        indented = wrapped and after.isupper() and text[m.end() - 1] in " \t"
        if before in ".!?…:;" or indented or (_starts_new(after, rest) and not (wrapped and after.isupper())):
            cuts.append(m.end())
    for m in _END_PUNCT.finditer(text):
        if _DOTTED.search(text, max(0, m.start() - 6), m.start()):
            continue
        if _starts_new(text[m.end():m.end() + 1].lstrip("\"“(") or "a"):
            cuts.append(m.end())
    cuts.append(len(text))
    spans = []
    for begin, end in zip(sorted(set(cuts)), sorted(set(cuts))[1:]):
        chunk = text[begin:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > begin + lead:
            spans.extend(_bounded(text, begin + lead, end - trail))
    return spans


@component("segment", requires=("norm", "zones"), assigns=("sentences", "norm_sentences"))
def segment(doc: Doc) -> Doc:
    """Sentences of the text, less those inside boilerplate zones."""
    norm = doc.norm
    zones = sorted(doc.zones)
    starts = [zb for zb, _ in zones]
    reach, furthest = [], 0  # the furthest end of the zones that begin at or before each
    for _, ze in zones:
        furthest = max(furthest, ze)
        reach.append(furthest)

    def in_zone(b: int, e: int) -> bool:  # some zone that begins at or before b reaches e
        i = bisect_right(starts, b) - 1
        return i >= 0 and reach[i] >= e

    doc.norm_sentences = [(b, e) for b, e in split_sentences(norm.text) if not in_zone(b, e)]
    doc.sentences = [norm.span(b, e) for b, e in doc.norm_sentences]
    return doc
