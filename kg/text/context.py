"""The document's own units: which city, district and province it is about.

A city portal writes "UBND thành phố" for its own city's committee; to expand such a
name the extractors need the document's home unit of each level. It is the unit of that
level the document names most often ("thành phố Lạng Sơn", "tỉnh Lạng Sơn"), and at least
twice unless its headline or lead names it or it is the only unit of its level named. A
commune is home only when the document dwells on it (``_home_commune``).
"""
from __future__ import annotations

from collections import Counter

import re

from ..extract._base import CAP, WB
from ..extract._jurisdiction import JUR_RE, PARTY_LEVEL, Jurisdiction, from_match
from ..model import Doc
from ..pipeline import component


#: "Tỉnh ủy Lạng Sơn" names the province as well (two syllables: a person's name has three).
_PARTY_RE = re.compile(rf"{WB}(?P<head>{'|'.join(PARTY_LEVEL)})[ ]+(?P<name>{CAP}[ ]+{CAP})(?![ ]+{CAP})")


#: A unit named in a document's headline or lead may be its own even if named only once.
LEAD = 600


def _home_commune(counts: Counter, first: dict) -> dict:
    """A commune's portal speaks of its commune again and again, and of others rarely: the
    commune named at least three times, and at least twice as often as any other, is home;
    so is the one named most often when the headline or lead names it and not the next."""
    communes = sorted(((n, str(j), j) for j, n in counts.items() if j.level == "commune"), reverse=True)
    if not communes or communes[0][0] < 3:
        return {}
    top = communes[0][2]
    if len(communes) > 1 and communes[1][0] * 2 > communes[0][0]:
        runner = communes[1][2]
        if communes[1][0] == communes[0][0] or not (first[top] <= LEAD < first[runner]):
            return {}
    return {top.level_word: top}


@component("context", requires=("norm",), assigns=("context",), stage="segment")
def find_context(doc: Doc) -> Doc:
    counts: Counter = Counter()
    first: dict = {}
    for m in JUR_RE.finditer(doc.norm.text):
        j = from_match(m, {})
        if j and j.name:
            counts[j] += 1
            first.setdefault(j, m.start())
    for m in _PARTY_RE.finditer(doc.norm.text):
        j = Jurisdiction(PARTY_LEVEL[m.group("head")], m.group("name"))
        counts[j] += 1
        first.setdefault(j, m.start())
    home: dict = {}
    per_level = Counter(j.level for j in counts)
    for j, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        if n < 2 and first.get(j, 0) > LEAD and per_level[j.level] > 1:
            continue  # named once, in passing, beside others: not what the document is about
        if j.level in ("province", "district") and not any(h.level == j.level for h in home.values()):
            home[j.level_word] = j
    home.update(_home_commune(counts, first))
    doc.context["home"] = home
    doc.context["place_names"] = {j.name for j in counts}
    return doc
