"""Benchmark 2: loading the same dataset (bench.graphs, TriG) into a store: kg's store (what
``kg build`` writes: the named graphs and their merge as the default graph,
``kg.store.create``), bare pyoxigraph ``bulk_load`` of the file, and rdflib's in-memory
Dataset; each in a fresh process, taking turns round after round; wall time and peak
memory, and the ratio to bare pyoxigraph."""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from . import graphs
from .measure import measure

_KG = r"""
import sys
import pyoxigraph as ox
from kg import store
quads = list(ox.parse(path=sys.argv[1], format=ox.RdfFormat.TRIG))
triples = {q.triple for q in quads}
store.create(sys.argv[2], quads, triples)
"""
_OXIGRAPH = r"""
import sys
import pyoxigraph as ox
ox.Store(sys.argv[2]).bulk_load(path=sys.argv[1], format=ox.RdfFormat.TRIG)
"""
_RDFLIB = r"""
import sys
import rdflib
rdflib.Dataset().parse(sys.argv[1], format="trig")
"""
CONTENDERS = {"kg store": _KG, "pyoxigraph bulk_load": _OXIGRAPH, "rdflib Dataset": _RDFLIB}


def run(sizes: list[int], rounds: int, say=print) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp:
        tmp = Path(tmp)
        built = graphs.build(0.25, tmp / "seed-build")
        for size in sizes:
            trig = tmp / f"g{size}.trig"
            triples = graphs.scaled(built / "graph.trig", size, trig)
            runs: dict[str, list] = {}
            for r in range(rounds):
                for name, script in CONTENDERS.items():
                    say(f"  {triples:,} triples, round {r + 1}/{rounds}: {name}")
                    target = tmp / f"store-{size}-{r}-{name.split()[0]}"
                    runs.setdefault(name, []).append(measure([sys.executable, "-c", script, str(trig), str(target)]))
            for name, measured in runs.items():
                rows.append({"triples": triples, "contender": name,
                             "wall_s": round(statistics.median(m[0] for m in measured), 2),
                             "peak_gb": round(max(m[2] for m in measured) / 1e9, 2),
                             "rounds": [round(m[0], 2) for m in measured]})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| triples | contender | wall | peak memory | × pyoxigraph |", "|---|---|---|---|---|"]
    bare = {r["triples"]: r["wall_s"] for r in rows if r["contender"] == "pyoxigraph bulk_load"}
    for r in rows:
        lines.append(f"| {r['triples']:,} | {r['contender']} | {r['wall_s']:.1f} s | {r['peak_gb']:.2f} GB | "
                     f"{r['wall_s'] / bare[r['triples']]:.2f} |")
    return "\n".join(lines)
