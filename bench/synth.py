"""A synthetic corpus in the style of the seed documents, of any size, whose graph grows
with it: the seeds' paragraphs recombined into new documents, and in each the names kg
finds renamed -- persons to other names of the national register's family names and
common given names, wards and communes to other official units (vietnamadminunits),
document numbers to other numbers -- so that every document brings new entities and
relations rather than repeating the seeds'.

    .venv/bin/python -m bench.synth OUT --megabytes 1 [--seed 1]

Deterministic: the same size and seed give the same files.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GIVEN = ("Văn", "Thị", "Minh", "Hoàng", "Quang", "Thu", "Hà", "Anh", "Tuấn", "Hùng", "Lan", "Đức", "Thanh", "Hải",
         "Hương", "Mai", "Ngọc", "Quốc", "Trung", "Việt", "Xuân", "Bình", "Chiến", "Dũng", "Giang", "Khánh", "Long",
         "Nam", "Phong", "Sơn", "Tâm", "Thắng", "Tú", "Vân", "Yến", "Bảo", "Cường", "Hiếu", "Kiên", "Linh")
_NUMBER = re.compile(r"(?<![\w/])(\d{1,4})(?=/(?:\d{4}/)?[A-ZĐ])")


@cache
def _seeds() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Each seed's text and the (type, text) of the mentions kg finds in it."""
    import hashlib as _h

    from kg.model import Doc
    from kg.pipeline import Pipeline

    pipeline = Pipeline()
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = pipeline(Doc(path=path, text=text, sha256=_h.sha256(text.encode()).hexdigest()))
        out.append((text, tuple(sorted({(m.type, m.text) for m in doc.mentions}))))
    return tuple(out)


@cache
def _units() -> tuple[str, ...]:
    from kg.lexicon.units import gazetteer

    return tuple(sorted({u.short for units in gazetteer().wards.values() for u in units
                         if u.era == "2025" and len(u.short.split()) == 2}))


@cache
def _surnames() -> tuple[str, ...]:
    from importlib import resources

    text = resources.files("kg.lexicon").joinpath("surnames.tsv").read_text(encoding="utf-8")
    return tuple(line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _renamed(text: str, mentions: tuple[tuple[str, str], ...], rng: random.Random) -> str:
    """``text`` with its persons, units and document numbers renamed, the same name the
    same way throughout."""
    units, surnames = _units(), _surnames()
    mapping: dict[str, str] = {}
    for type_, surface in mentions:
        words = surface.split()
        if type_ == "Person" and 2 <= len(words) <= 4 and words[0][:1].isupper():
            mapping.setdefault(surface, " ".join([rng.choice(surnames)] + [rng.choice(GIVEN)
                                                                            for _ in words[1:]]))
        elif type_ in ("Ward", "Place") and len(words) >= 2:
            name = " ".join(words[-2:])
            if name[:1].isupper() and name not in mapping:
                mapping[name] = rng.choice(units)
    if mapping:
        pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
        text = pattern.sub(lambda m: mapping[m.group()], text)
    return _NUMBER.sub(lambda m: str(rng.randint(1, 999)).zfill(len(m.group(1))), text)


def document(n: int, seed: int = 1) -> str:
    """The ``n``-th synthetic document: paragraphs of one to three seeds, renamed."""
    rng = random.Random(hashlib.sha256(f"{seed}:{n}".encode()).digest())
    seeds = _seeds()
    chosen = [seeds[(n + k) % len(seeds)] for k in range(rng.randint(1, 3))]
    paragraphs = []
    for text, mentions in chosen:
        parts = [p for p in re.split(r"\n\s*\n", _renamed(text, mentions, rng)) if p.strip()]
        keep = max(1, len(parts) * 2 // 3)
        start = rng.randrange(0, len(parts) - keep + 1)
        paragraphs.extend(parts[start:start + keep])
    head, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    return "\n\n".join(head + rest) + "\n"


def write(out: Path, megabytes: float, seed: int = 1) -> list[Path]:
    """Synthetic documents into ``out`` until they hold ``megabytes`` of text (UTF-8)."""
    out.mkdir(parents=True, exist_ok=True)
    target, total, paths = int(megabytes * 1_000_000), 0, []
    n = 0
    while total < target:
        text = document(n, seed)
        path = out / f"synth-{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        paths.append(path)
        n += 1
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write(args.out, args.megabytes, args.seed)
    print(f"{len(paths)} documents, {sum(p.stat().st_size for p in paths):,} bytes in {args.out}")


if __name__ == "__main__":
    main()
