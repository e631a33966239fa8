"""HTTP content negotiation (RFC 9110, 12.5.1): the best of the offered formats for an
``Accept`` header."""
from __future__ import annotations

from typing import NamedTuple


class MediaRange(NamedTuple):
    media: str  # type/subtype, type/* or */*
    q: float
    specificity: int  # 0 for */*, 1 for type/*, 2 for type/subtype
    index: int  # position in the header: the client's order breaks ties


#: The ranges of a header read at most (a real client sends a handful), so that choosing
#: costs the same however long the header.
MAX_RANGES = 64


def parse_accept(header: str | None) -> list[MediaRange]:
    if not header or not header.strip():
        return [MediaRange("*/*", 1.0, 0, 0)]
    ranges = []
    for index, part in enumerate(header.split(",", MAX_RANGES)[:MAX_RANGES]):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media + "/*"
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append(MediaRange(media, q, specificity, index))
    return ranges


def _matches(media_range: str, media_type: str) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return media_type.startswith(media_range[:-1])
    return media_range == media_type


def choose(header: str | None, offers: dict[str, tuple[str, ...]]) -> tuple[str, str] | None:
    """The offer that the header accepts best, as (name, media type to send), or None when
    it accepts none.

    ``offers`` maps a name to its media types: the first is the one sent, the others are
    aliases a client may name instead (``application/json`` for SPARQL JSON results). A
    type takes the weight of the most specific range that matches it, so ``q=0`` on it
    excludes it whatever wildcard follows; an alias counts only when named exactly. Equal
    weights go to the range the client listed first, then to the first offer.
    """
    ranges = parse_accept(header)
    best, best_score = None, (0.0, 0)
    exact: dict[str, MediaRange] = {}
    for r in ranges:
        if r.specificity == 2:
            exact.setdefault(r.media, r)
    for name, (canonical, *aliases) in offers.items():
        if canonical in exact:
            rng, media_type = exact[canonical], canonical
        else:
            named = [exact[a] for a in aliases if a in exact]
            if named:
                rng = max(named, key=lambda r: (r.q, -r.index))
                media_type = rng.media
            else:
                matching = [r for r in ranges if _matches(r.media, canonical)]
                if not matching:
                    continue
                rng, media_type = max(matching, key=lambda r: (r.specificity, -r.index)), canonical
        score = (rng.q, -rng.index)
        if rng.q > 0 and score > best_score:
            best, best_score = (name, media_type), score
    return best
