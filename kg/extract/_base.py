"""What the extractors share: character classes, name patterns, and adding a mention."""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Doc, Mention

UPPER = "".join(c for r in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00))
                for c in map(chr, range(*r)) if c.isupper())
LOWER = "".join(c for r in ((0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00))
                for c in map(chr, range(*r)) if c.islower())
CAP = rf"[{UPPER}][{LOWER}{UPPER}]*"  # a capitalised syllable: Lạng, TP, HĐND
LOW = rf"[{LOWER}]+"  # a lower-case syllable
WB = rf"(?<![{LOWER}{UPPER}\d])"  # word boundary before (\b does not know Vietnamese well)
WE = rf"(?![{LOWER}{UPPER}\d])"  # word boundary after
#: A proper name of a place: one to four capitalised syllables (Lạng Sơn, Vĩnh Trại).
PROPER = rf"{CAP}(?:[ ]+{CAP}){{0,3}}{WE}"
#: A number that stands for a name (Phường 1, Trường Mầm non 19/5).
NUMERAL = r"\d+(?:/\d+)?"
SPACE = r"\s+"


def alternation(words) -> str:
    """A regex alternation of fixed words, longest first, spaces matching any white space."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def label(text: str) -> str:
    """A surface form as a label: single spaces, no stray punctuation at the ends."""
    return " ".join(text.split()).strip(" ,;:-–")


def sentences(doc: Doc) -> Iterator[tuple[int, str]]:
    """Each sentence of the normalised text as (offset, text)."""
    norm = doc.norm.text
    for b, e in doc.norm_sentences:
        yield b, norm[b:e]


def add_mention(doc: Doc, type_: str, begin: int, end: int, *, name: str, key: str,
                source: str, **attrs) -> Mention:
    """Add a mention of normalised range [begin, end) to ``doc`` and return it."""
    span = doc.norm.span(begin, end)
    mention = Mention(type=type_, span=span, text=doc.text[span.begin:span.end],
                      label=label(doc.norm.text[begin:end]), name=label(name), key=key,
                      source=source, norm=(begin, end), attrs=attrs)
    doc.mentions.append(mention)
    return mention
