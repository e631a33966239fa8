"""Training examples from gold annotations: each gold entity's name and aliases found in
its document's normalised text, as B-/I-type labels of syllables.

A gold file lists an entity once, with the names it appears under, not where; every
occurrence of a name (case aside, whole words only) is taken as a mention, longest names
first, none overlapping another.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, KGError
from ..model import ENTITY_TYPES, Doc
from ..text.normalise import fold


@dataclass
class Example:
    """A document run through the rules, with the gold's labels of its syllables."""

    doc: Doc
    gold: Path
    tokens: list[list[tuple[int, int]]]  # per sentence
    labels: list[list[str]]  # per sentence, per token: O, B-Type, I-Type


def gold_spans(text: str, entities: list[dict]) -> list[tuple[int, int, str]]:
    """(begin, end, type) of every occurrence in ``text`` of the names of ``entities``."""
    found = []
    for e in entities:
        if e.get("type") not in ENTITY_TYPES:
            continue
        for name in {fold(n) for n in [e.get("name", "")] + list(e.get("aliases", [])) if n and n.strip()}:
            words = [re.escape(w) for w in name.split()]
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
            found += [(m.start(), m.end(), e["type"]) for m in pattern.finditer(text)]
    taken: list[tuple[int, int, str]] = []
    for b, e, t in sorted(set(found), key=lambda s: (-(s[1] - s[0]), s[0], s[2])):
        if not any(b < te and tb < e for tb, te, _ in taken):
            taken.append((b, e, t))
    return sorted(taken)


def bio(tokens: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    """The label of each token: B-/I-type inside a span, O outside."""
    out = []
    for b, e in tokens:
        label = "O"
        for sb, se, t in spans:
            if sb <= b and e <= se:
                label = ("B-" if b == sb or not out or out[-1] == "O" else "I-") + t
                break
        out.append(label)
    return out


def read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(gold.get("doc"), str) or not isinstance(gold.get("entities"), list):
            raise ValueError("it needs a 'doc' name and a list of 'entities'")
        return gold
    except (OSError, ValueError) as err:
        raise KGError(Errors.E701.format(path=path, reason=err)) from None


def find_text(name: str, text_dirs: list[Path]) -> Path | None:
    """The document ``name`` in the first of ``text_dirs`` that holds it."""
    for d in text_dirs:
        if (d / name).is_file():
            return d / name
    return None
