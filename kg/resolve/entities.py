"""Within-document resolution: overlapping mentions settled, mentions grouped into entities.

Overlaps: a mention inside a longer mention of the same type is part of it and is
dropped ("phường Vĩnh" inside "phường Vĩnh Trại"), but for an event named inside another
event's name after its head ("Cuộc họp … nội dung kỳ họp thứ chín …": two meetings); so is a person's name inside the
name of a ward, place or organisation named after the person. Places and organisations inside
a longer name (the "thành phố Lạng Sơn" of "UBND thành phố Lạng Sơn") are kept: the name
states them.

Entities: mentions that share a type and a key are one entity. Its name is the fullest
form seen; every surface form and expanded form is one of its labels. Across documents
the same type and key give the same IRI (rdf/iri.py), so the corpus is linked by keys.
"""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import expand, level_words
from ..lexicon.units import unit_key
from ..model import Doc, Entity, Mention
from ..pipeline import component


#: Entities that are often named after a person ("phường Hoàng Văn Thụ", "Trường THCS
#: Lương Thế Vinh"): a person's name inside theirs is part of their name. Inside an event
#: or a project ("kỷ niệm ngày sinh đồng chí X") it is the person.
_NAMED_AFTER_PEOPLE = {"Ward", "Place", "Organisation"}


def _dropped(m: Mention, before: list[Mention]) -> bool:
    """Whether ``m`` is part of one of the mentions ``before`` it (in the order of
    ``settle_overlaps``) that are still open where it begins."""
    for n in before:
        if not n.span.contains(m.span):
            continue
        if n.span == m.span:
            if n.type == m.type:
                return True  # the same mention found twice
            continue
        if n.type == m.type and n.attrs.parent == m.key:
            continue  # "Tỉnh ủy" inside "Ban Tổ chức Tỉnh ủy" is the body it belongs to
        if n.type == m.type == "Event" and m.span.begin > n.span.begin:
            continue  # "Tiếp xúc cử tri trước kỳ họp thứ mười …": the session is an event of its own
        if n.type == m.type or (m.type == "Person" and n.type in _NAMED_AFTER_PEOPLE):
            return True
    return False


def settle_overlaps(mentions: list[Mention]) -> tuple[list[Mention], int]:
    """The mentions that are not part of another, in one sweep from the start of the text:
    a mention that holds another begins no later and, beginning at the same place, is no
    shorter, so it comes first; only those still open where a mention begins are compared
    with it (time linear in the mentions, times how many overlap at one place). Of two
    readings of the same words as the same type, the one with the fuller name is kept ("Hội
    LHPN" read as a named body and as a body of the unit listed after it)."""
    ordered = sorted(mentions, key=lambda m: (m.span.begin, -len(m.span), m.type, -len(m.name), m.key))
    kept: list[Mention] = []
    open_: list[Mention] = []
    for m in ordered:
        open_ = [n for n in open_ if n.span.end > m.span.begin]
        if not _dropped(m, open_):
            kept.append(m)
        open_.append(m)
    return kept, len(ordered) - len(kept)


_TIGHT_DASH = re.compile(r"(?<=[^\W\d_])[-–](?=[^\W\d_])")


def spaced_dashes(name: str) -> str:
    """The same name written with spaces round its dashes between words ("văn minh-sạch
    đẹp" -> "văn minh - sạch đẹp"), a common written variant; dashes in numbers stay."""
    return _TIGHT_DASH.sub(lambda m: f" {m.group()} ", name)


def fullest(names) -> str:
    """The fullest of several names: the longest, then the first in code-point order."""
    return sorted(names, key=lambda n: (-len(n), n))[0]


def preferred(names: Counter, official: str | None = None) -> str:
    """The preferred label of an entity whose mentions spell it as ``names`` (each spelling
    with how many mentions use it): the official name of the unit lists (``official``, its
    level word in lower case: "tỉnh Lạng Sơn") when a spelling is that name up to tone
    marks and case, so that a typo ("tỉnh Lạng Son") never wins; else the most frequent
    spelling; then the fullest."""
    if official:
        label = _level_lowered(official)
        if any(unit_key(n) == unit_key(label) for n in names):
            return label
    top = max(names.values())
    return fullest(n for n, k in names.items() if k == top)


def _level_lowered(name: str) -> str:
    """"Tỉnh Lạng Sơn" as kg writes a unit's name: "tỉnh Lạng Sơn"."""
    lowered = name.lower()
    level = next((w for w in _LEVELS if lowered.startswith(w + " ")), None)
    return level + name[len(level):] if level else name


_LEVELS = sorted(level_words("province", "district", "commune", "village"), key=len, reverse=True)


_NAME_WORD = re.compile(r"\w+(?:[/,.-]\w+)*")


def _words(name: str) -> frozenset[str]:
    return frozenset(_NAME_WORD.findall(expand(name).lower()))


def _named_by_words(m: Mention) -> bool:
    """Mentions identified by the words of their name: events, and documents named without a
    number ("Nghị quyết Đại hội đại biểu Đảng bộ xã …")."""
    return m.type == "Event" or (m.type == "Resolution" and not m.attrs.number)


def merge_wordings(mentions: list[Mention], headline_end: int = 0) -> int:
    """One event (or one document named without a number) named in several ways in a
    document is one entity: one whose words are all words of a longer name of the same type
    with the same head ("Ngày hội Đại đoàn kết toàn dân tộc" and "Ngày hội Đại đoàn kết toàn
    dân tộc ấp X, xã Y"; "phiên họp UBND tỉnh thường kỳ tháng 7/2022" and "Phiên họp thường
    kỳ tháng 7/2022 của Ủy ban nhân dân tỉnh Z"; "Nghị quyết Đại hội đại biểu Đảng bộ xã" and
    "Nghị quyết Đại hội đại biểu Đảng bộ xã X lần thứ I"; a headline in capitals and its
    lead) takes the longer one's key, when exactly one longer name holds it, or when one of
    those that do is named in the headline (normalised text before ``headline_end``): the
    page's own. Returns how many keys were merged."""
    names: dict[tuple[str, str], frozenset[str]] = {}
    heads: dict[tuple[str, str], tuple[str, ...]] = {}
    in_headline: set[tuple[str, str]] = set()
    for m in mentions:
        if not _named_by_words(m):
            continue
        key = (m.type, m.key)
        if key not in names:
            names[key] = _words(m.name)
            heads[key] = (m.type, *m.name.lower().split()[:2])
        if m.norm[1] <= headline_end:
            in_headline.add(key)
    by_size = sorted(names, key=lambda k: (-len(names[k]), k))
    holding: dict[tuple, set] = {}  # (type and head, word) -> the keys whose names hold the word
    for key in by_size:
        for word in names[key]:
            holding.setdefault((heads[key], word), set()).add(key)
    target: dict[tuple[str, str], tuple[str, str]] = {}
    for short in by_size:
        postings = sorted((holding[(heads[short], w)] for w in names[short]), key=len)
        found = set.intersection(*postings) if postings else set()  # names holding every word
        holders = {target.get(long, long) for long in found if len(names[long]) > len(names[short])}
        headline = {target.get(k, k) for k in in_headline}  # the headline's, where it went
        if len(holders) > 1 and len(holders & headline) == 1:
            holders &= headline
        if len(holders) == 1:
            target[short] = holders.pop()
    for m in mentions:
        if _named_by_words(m) and (m.type, m.key) in target:
            m.key = target[(m.type, m.key)][1]
    return len(target)


def headline_end(doc: Doc) -> int:
    """Where the first line of the normalised text with words on it ends: a page's headline."""
    text = doc.norm.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end < 0 else end


@component("entities", requires=("mentions",), assigns=("entities",))
def resolve_entities(doc: Doc) -> Doc:
    doc.mentions, dropped = settle_overlaps(doc.mentions)
    doc.context["overlaps_dropped"] = dropped
    merge_wordings(doc.mentions, headline_end(doc))
    groups: dict[tuple[str, str], Entity] = {}
    for m in doc.mentions:
        ent = groups.get((m.type, m.key))
        if ent is None:
            ent = groups[(m.type, m.key)] = Entity(type=m.type, key=m.key, name=m.name)
        ent.mentions.append(m)
        ent.labels.update(x for x in (m.label, m.name, m.attrs.alt) if x)
        ent.labels.update(spaced_dashes(x) for x in (m.label, m.name) if _TIGHT_DASH.search(x))
        for k, v in m.attrs.items():
            if getattr(ent.attrs, k) in (None, ()):
                setattr(ent.attrs, k, v)
        m.entity = ent
    for ent in groups.values():
        ent.name = fullest(m.name for m in ent.mentions)
    doc.entities = sorted(groups.values(), key=lambda e: (e.type, e.key))
    return doc
