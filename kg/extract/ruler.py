"""Entities named by a fixed shape of words: the patterns of kg/patterns/entities.jsonl.

Each line is a spaCy ``Matcher`` pattern over the token layer whose label is an entity type;
the longest matches become mentions named by the words matched (abbreviations expanded):
"Tổng Lãnh sự quán nước Cộng hòa Dân chủ Nhân dân Lào", a foreign mission named with a
country of lexicon/countries.tsv. A new kind of such a name is a line there and a test
sentence; no Python changes.
"""
from __future__ import annotations

from ..lexicon import expand
from ..model import ENTITY_TYPES, Doc
from ..patterns import patterns
from ..pipeline import component
from ._base import add_mention, label, same_name_key

SOURCE = "ruler"


@component("ruler", requires=("norm", "norm_sentences", "syllables"), assigns=("mentions",))
def find_by_patterns(doc: Doc) -> Doc:
    text = doc.norm.text
    for type_, begin, end in patterns("entities").matches(doc.syllables):
        if type_ not in ENTITY_TYPES:
            continue
        written = label(text[begin:end])
        name = expand(written[0].upper() + written[1:])
        key = same_name_key(name, doc.stem) if type_ == "Event" else name.lower()
        add_mention(doc, type_, begin, end, name=name, key=key, source=SOURCE)
    return doc
