"""Benchmark 1: ``kg build`` throughput and peak memory on synthetic corpora (bench.synth),
with one worker and with one per core, the split per stage from build.json, against the
floor of today's pipeline -- underthesea's word segmenter and tagger alone on the same
sentences -- and a plain pass over the text (read, normalise, count the words).

Every contender runs in a fresh interpreter, the contenders of one size take turns round
after round (``measure.take_turns``), and the median of the rounds is reported. Peak memory is the largest resident set of the process and the
workers it waited for (``wait4``).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .measure import take_turns

ROOT = Path(__file__).resolve().parent.parent

_PLAIN = r"""
import re, sys, unicodedata
from pathlib import Path
words = 0
for p in sorted(Path(sys.argv[1]).glob("*.txt")):
    words += len(re.findall(r"\w+", unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))))
print(words)
"""

_TAGGER = r"""
import sys
from pathlib import Path
from underthesea import pos_tag
from kg.text.normalise import normalise
from kg.text.segment import split_sentences
words = 0
for p in sorted(Path(sys.argv[1]).glob("*.txt")):
    text = normalise(p.read_text(encoding="utf-8")).text
    for b, e in split_sentences(text):
        words += len(pos_tag(" ".join(text[b:e].split())))
print(words)
"""


def contenders(corpus: Path, out: Path, cores: int) -> dict[str, list[str]]:
    kg = [sys.executable, "-m", "kg", "build", str(corpus), "-q"]
    found = {"plain pass": [sys.executable, "-c", _PLAIN, str(corpus)],
             "underthesea tagger alone": [sys.executable, "-c", _TAGGER, str(corpus)],
             "kg build -j 1": kg + ["-o", str(out / "j1"), "-j", "1"]}
    if cores > 1:
        found[f"kg build -j {cores}"] = kg + ["-o", str(out / f"j{cores}"), "-j", str(cores)]
    return found


def _stages(name: str, command: list[str], _) -> dict:
    """The split per stage and the quads of a kg build, from its build.json."""
    if not name.startswith("kg build"):
        return {}
    manifest = json.loads((Path(command[command.index("-o") + 1]) / "build.json").read_text())
    return {**manifest["timings_s"], "quads": manifest["counts"]["quads"]}


def run(sizes: list[float], rounds: int, cores: int, say=print) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"corpus-{size}"
            # made in a process of its own: this one stays small, and its children's peak
            # memory (which counts from the fork) is theirs
            subprocess.run([sys.executable, "-m", "bench.synth", str(corpus), "--megabytes", str(size)],
                           check=True, cwd=ROOT, capture_output=True)
            paths = sorted(corpus.glob("*.txt"))
            chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
            measured = take_turns(contenders(corpus, Path(tmp) / f"out-{size}", cores), rounds, f"{size} MB", say,
                                  after=_stages)
            for name, summary in measured.items():
                workers = int(name.rsplit(" ", 1)[1]) if name.startswith("kg build") else 1
                rows.append({"size_mb": size, "documents": len(paths), "characters": chars, "contender": name,
                             "workers": workers, "stages": summary.pop("extra"), **summary,
                             "chars_per_s_per_core": round(chars / summary["wall_s"] / workers)})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| text | documents | contender | wall | CPU | chars/s per core | peak memory | extract | emit | SHACL "
             "| write | quads |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s = r["stages"]

        def cell(key):
            return f"{s[key]:.1f} s" if key in s else ""

        lines.append(f"| {r['size_mb']} MB | {r['documents']} | {r['contender']} | {r['wall_s']:.2f} s | "
                     f"{r['cpu_s']:.2f} s | {r['chars_per_s_per_core']:,} | {r['peak_gb']:.2f} GB | {cell('extract')} | "
                     f"{cell('emit')} | {cell('validate')} | {cell('write')} | {s.get('quads', ''):,} |"
                     if s else
                     f"| {r['size_mb']} MB | {r['documents']} | {r['contender']} | {r['wall_s']:.2f} s | "
                     f"{r['cpu_s']:.2f} s | {r['chars_per_s_per_core']:,} | {r['peak_gb']:.2f} GB | | | | | |")
    return "\n".join(lines)


def growth(rows: list[dict]) -> str:
    """How each contender's time grows from one size to the next, beside the text's growth."""
    out = []
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["contender"], []).append(r)
    for name, rs in by.items():
        rs.sort(key=lambda r: r["size_mb"])
        for a, b in zip(rs, rs[1:]):
            out.append(f"- {name}: {a['size_mb']} → {b['size_mb']} MB, text ×{b['characters'] / a['characters']:.2f}, "
                       f"time ×{b['wall_s'] / a['wall_s']:.2f}, memory ×{b['peak_gb'] / max(a['peak_gb'], 0.01):.2f}")
    return "\n".join(out)
