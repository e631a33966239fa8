"""Offset-preserving normalisation of Vietnamese text.

The normalised text is what extractors match against: Unicode NFC, one tone placement
(the "new" one, hòa and ủy, that the official orthography of 2018 prescribes), single
spaces for odd white space, no noncharacters (U+FFFE, U+FFFF …). Every normalised character keeps the original offset of the
character cluster it came from, so a match maps back to an exact quote of the source.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Doc, NormText
from ..pipeline import component

# Old placement (tone on the second vowel) -> new placement (tone on the first), for the
# open syllables oa, oe, uy where the two orthographies differ.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_OLD_TO_NEW = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _tone in _TONES:
        for _c1 in (str.lower, str.upper):
            for _c2 in (str.lower, str.upper):  # "Uỷ" at the start of a name, "UỶ" in titles
                old = _c1(_first) + unicodedata.normalize("NFC", _c2(_second) + _tone)
                new = unicodedata.normalize("NFC", _c1(_first) + _tone) + _c2(_second)
                _OLD_TO_NEW[old] = new
# Only where the pair ends the syllable (hoà, thuỷ), and not the u of "qu" (quý keeps its tone).
_OLD_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(_OLD_TO_NEW) + r")(?!\w)")

_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2002", "\u2003", "\u2009", "\u3000", "\t", "\u000b", "\u000c"}
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
#: The 66 noncharacters of Unicode (U+FDD0..U+FDEF and the last two code points of each
#: plane): never text, and refused by some RDF parsers (Raptor's rapper among them).
NONCHARACTERS = re.compile("[\ufdd0-\ufdef" + "".join(
    re.escape(chr(plane << 16 | 0xFFFE)) + re.escape(chr(plane << 16 | 0xFFFF)) for plane in range(17)) + "]")


_SURROGATES = re.compile("[\ud800-\udfff]")
#: The control characters no XML 1.0 document may hold, not even escaped (so no RDF/XML
#: file): all of C0 but the tab and the line ends. A terminal's escape (U+001B) is one.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def interchangeable(text: str) -> str:
    """``text`` with each noncharacter, control character of ``CONTROLS`` (and each lone
    surrogate, as a file name's bytes that are not UTF-8 decode to) shown as U+FFFD: the
    same length, so that a quote still has the offsets of its source, and fit for every RDF
    format and parser."""
    return CONTROLS.sub("\ufffd", _SURROGATES.sub("\ufffd", NONCHARACTERS.sub("\ufffd", text)))


def normalise(text: str) -> NormText:
    """NFC, new tone placement and plain spaces, with the map back to ``text``."""
    out: list[str] = []
    to_orig: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1  # a cluster: one base character and the combining marks after it
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if cluster in _DROP:
            i = j
            continue
        if NONCHARACTERS.match(cluster):  # not text: dropped, with any marks it carries
            i = j
            continue
        if cluster in _SPACES:
            cluster = " "
        elif cluster == "\r":
            cluster = "\n" if j < n and text[j] != "\n" else ""
        for ch in unicodedata.normalize("NFC", cluster):
            out.append(ch)
            to_orig.append(i)
        i = j
    to_orig.append(n)
    flat = "".join(out)
    # Tone placement: same length in and out, so the map is unchanged.
    flat = _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW[m.group(1)], flat)
    return NormText(flat, to_orig)


def ascii_fold(text: str) -> str:
    """Vietnamese letters to plain ASCII: "Đông Kinh" -> "Dong Kinh" (đ -> d, marks dropped)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def search_key(text: str) -> str:
    """A name as search compares it: lower case, letters without diacritics, single spaces
    ("Tỉnh  Lạng Sơn" and "tinh lang son" are both "tinh lang son")."""
    return " ".join(ascii_fold(text).lower().split())


def fold(text: str) -> str:
    """A string's normalised form on its own (no offsets): for lexicon keys and labels."""
    return " ".join(normalise(text).text.split())


@component("normalise", requires=(), assigns=("norm",))
def normalise_doc(doc: Doc) -> Doc:
    doc.norm = normalise(doc.text)
    return doc
