"""The indexed lookups that keep the pipeline linear in a document's length give the same
answers as the plain scans they replace, on many random documents (fixed seed)."""
from __future__ import annotations

import random
from pathlib import Path

from kg.extract import _relate
from kg.model import Doc, Entity, Mention, NormText, Span
from kg.resolve.entities import _NAMED_AFTER_PEOPLE, settle_overlaps
from kg.text.tokenize import MAX_TOKENS, _pieces

TYPES = ("Organisation", "Person", "Ward", "Place", "Event")


def random_doc(rng: random.Random, n: int = 60) -> Doc:
    text = "x" * 400
    doc = Doc(path=Path("r.txt"), text=text, sha256="0")
    doc.norm = NormText(text, list(range(len(text) + 1)))
    cuts = sorted(rng.sample(range(1, 399), 12))
    bounds = [0, *cuts, 400]
    doc.norm_sentences = list(zip(bounds, bounds[1:]))
    doc.sentences = [Span(b, e) for b, e in doc.norm_sentences]
    for _ in range(n):
        b = rng.randrange(0, 390)
        e = b + rng.randrange(1, 30)
        t = rng.choice(TYPES)
        key = rng.choice("abc")
        m = Mention(type=t, span=Span(b, min(e, 400)), text="", label=key, source="t", norm=(b, min(e, 400)), key=key, name=key)
        if rng.random() < 0.1:
            m.attrs.parent = rng.choice("abc")
        doc.mentions.append(m)
    doc.entities = [Entity(type=t, key=k, name=k) for t in TYPES for k in "abc"] * 2
    return doc


# the plain scans, as they were

def plain_mention_at(doc, pos, type_=None):
    best = None
    for m in doc.mentions:
        if m.norm[0] == pos and (type_ is None or m.type == type_):
            if best is None or m.norm[1] > best.norm[1]:
                best = m
    return best


def plain_mentions_in(doc, begin, end, type_=None):
    return [m for m in doc.mentions if begin <= m.norm[0] and m.norm[1] <= end and (type_ is None or m.type == type_)]


def plain_sentence_range(doc, pos):
    for b, e in doc.norm_sentences:
        if b <= pos < e:
            return b, e
    return 0, len(doc.norm.text)


def plain_settle(mentions):
    ordered = sorted(mentions, key=lambda m: (m.span.begin, -len(m.span), m.type, m.key))

    def dropped(m):
        for n in ordered:
            if n is m or not n.span.contains(m.span):
                continue
            if n.span == m.span:
                if n.type == m.type and ordered.index(n) < ordered.index(m):
                    return True
                continue
            if n.type == m.type and n.attrs.parent == m.key:
                continue
            if n.type == m.type == "Event" and m.span.begin > n.span.begin:
                continue
            if n.type == m.type or (m.type == "Person" and n.type in _NAMED_AFTER_PEOPLE):
                return True
        return False

    return [m for m in ordered if not dropped(m)]


def test_lookups_agree_with_plain_scans():
    rng = random.Random(11)
    for _ in range(200):
        doc = random_doc(rng)
        for pos in range(0, 400, 7):
            for t in (None, *TYPES):
                assert _relate.mention_at(doc, pos, t) is plain_mention_at(doc, pos, t)
            assert _relate.sentence_range(doc, pos) == plain_sentence_range(doc, pos)
            end = pos + rng.randrange(1, 80)
            for t in (None, "Person"):
                assert _relate.mentions_in(doc, pos, end, t) == plain_mentions_in(doc, pos, end, t)
        for e in doc.entities:
            assert _relate.entity_by_key(doc, e.type, e.key) is next(
                x for x in doc.entities if (x.type, x.key) == (e.type, e.key))
        for s in doc.sentences:
            inner = Span(s.begin, max(s.begin + 1, s.end - 1))
            assert doc.sentence_of(inner) == s
        assert doc.sentence_of(Span(0, 400)) == Span(0, 400)


def test_the_index_follows_new_mentions_and_facts():
    rng = random.Random(5)
    doc = random_doc(rng, 10)
    _relate.mention_at(doc, 0)  # the index is built
    extra = Mention(type="Person", span=Span(399, 400), text="", label="z", source="t", norm=(399, 400), key="z", name="z")
    doc.mentions.append(extra)
    assert _relate.mention_at(doc, 399, "Person") is extra
    a, b = doc.entities[0], doc.entities[1]
    _relate.add_fact(doc, "about", a, b, extra, "test")
    _relate.add_fact(doc, "about", a, b, extra, "test")
    assert len(doc.facts) == 1
    doc.facts.clear()
    _relate.add_fact(doc, "about", a, b, extra, "test")
    assert len(doc.facts) == 1


def test_settling_overlaps_in_one_sweep_keeps_what_the_pairwise_rule_kept():
    rng = random.Random(3)
    for _ in range(300):
        doc = random_doc(rng, rng.randrange(1, 80))
        kept, dropped = settle_overlaps(doc.mentions)
        assert kept == plain_settle(doc.mentions)
        assert dropped == len(doc.mentions) - len(kept)


def test_tagger_pieces_cover_the_text_and_hold_a_bounded_number_of_tokens():
    for text in ("/" * 2000, "/ " * 1500, "Ủy ban nhân dân tỉnh tổ chức hội nghị, " * 200, "a" * 10, ""):
        pieces = list(_pieces(0, len(text), text))
        assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
        for b, e in pieces:
            assert len(_relate_tokens(text[b:e])) <= MAX_TOKENS + 1


def _relate_tokens(text: str) -> list[str]:
    import re

    return re.findall(r"\w+|[^\w\s]", text)


def test_dated_lookups_agree_with_plain_scans():
    from kg.text.dates import DateExpr, _nearest, date_near

    rng = random.Random(11)
    for _ in range(200):
        dates = sorted((DateExpr(b, b + rng.randrange(3, 12), "2024-01-01", True, True, rng.random() < 0.3)
                        for b in rng.sample(range(0, 500), 15)), key=lambda d: d.begin)
        starts = [d.begin for d in dates]
        b = rng.randrange(0, 480)
        e = b + rng.randrange(1, 80)
        plain = next((d for d in dates if b <= d.begin and d.end <= e and d.reported), None)
        assert date_near(dates, b, e, starts) == plain == date_near(dates, b, e)
        # the nearest year on a line, else anywhere: lines are runs of 50 characters
        sources = sorted((p, rng.randrange(2000, 2030), p // 50) for p in rng.sample(range(0, 500), 8))
        line = b // 50
        same = [s for s in sources if s[2] == line]
        want = min(same or sources, key=lambda s: (abs(s[0] - b), s[0]))
        assert _nearest(sources, [s[0] for s in sources], b, line) == want


def test_the_communes_of_a_district_by_index_are_those_a_scan_finds():
    from kg.lexicon.units import gazetteer, unit_key

    g = gazetteer()
    for district in ("thành phố Lạng Sơn", "huyện Văn Lãng", "Quận 8", "huyện Không Có"):
        plain = {u.code for units in g.wards.values() for u in units
                 if u.era == "legacy" and unit_key(u.district) == unit_key(district)}
        assert {u.code for u in g.in_district(district)} == plain
