"""Benchmark: does each pipeline stage grow linearly with the length of one document?

    .venv/bin/python bench/bench_scaling.py [CHARS ...]     (default: 200000 400000 800000)

One document is made of the bundled corpus repeated to each length; every component is
timed on it in one run, and the ratio of each stage's time between consecutive lengths is
printed beside the ratio of the lengths (2.0 for a doubling: linear; 4.0: quadratic).
No threshold is asserted: the figures are for the record.
"""
from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

from kg.model import Doc
from kg.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def document(chars: int) -> Doc:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    text = (base * (chars // len(base) + 1))[:chars]
    return Doc(path=Path("big.txt"), text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def stage_times(pipeline: Pipeline, doc: Doc) -> dict[str, float]:
    times = {}
    for comp in pipeline.components:
        t = time.perf_counter()
        doc = comp(doc)
        times[comp.name] = time.perf_counter() - t
    return times


def main(sizes: list[int]) -> None:
    pipeline = Pipeline()
    stage_times(pipeline, document(5000))  # load the tagger's model first
    runs = {n: stage_times(pipeline, document(n)) for n in sizes}
    names = sorted(runs[sizes[-1]], key=lambda k: -runs[sizes[-1]][k])
    print(f"{'stage':14}" + "".join(f"{n:>12,}" for n in sizes) + "".join(
        f"   ×{b / a:.1f} len" for a, b in zip(sizes, sizes[1:])))
    for name in names + ["total"]:
        row = [sum(runs[n].values()) if name == "total" else runs[n][name] for n in sizes]
        ratios = "".join(f"   ×{b / a if a > 1e-3 else float('nan'):5.1f}" for a, b in zip(row, row[1:]))
        print(f"{name:14}" + "".join(f"{t:11.2f}s" for t in row) + ratios)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200_000, 400_000, 800_000])
