"""Benchmark 2: loading the same dataset (bench.graphs, TriG) into a store: kg's store (what
``kg build`` writes: the named graphs and their merge as the default graph,
``kg.store.create``), bare pyoxigraph ``bulk_load`` of the file, and rdflib's in-memory
Dataset; each in a fresh process, taking turns round after round; wall time and peak
memory, and the ratio to bare pyoxigraph."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from . import graphs
from .measure import take_turns

# Each loads the file of argv[1] into a new store in a folder of its own under argv[2].
_KG = r"""
import sys, tempfile
import pyoxigraph as ox
from kg import store
quads = list(ox.parse(path=sys.argv[1], format=ox.RdfFormat.TRIG))
triples = {q.triple for q in quads}
store.create(tempfile.mkdtemp(dir=sys.argv[2]) + "/store", quads, triples)
"""
_OXIGRAPH = r"""
import sys, tempfile
import pyoxigraph as ox
ox.Store(tempfile.mkdtemp(dir=sys.argv[2])).bulk_load(path=sys.argv[1], format=ox.RdfFormat.TRIG)
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
        for _, trig, triples in graphs.sized(sizes, tmp):
            commands = {name: [sys.executable, "-c", script, str(trig), str(tmp)] for name, script in CONTENDERS.items()}
            for name, summary in take_turns(commands, rounds, f"{triples:,} triples", say).items():
                rows.append({"triples": triples, "contender": name, **summary})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| triples | contender | wall | peak memory | × pyoxigraph |", "|---|---|---|---|---|"]
    bare = {r["triples"]: r["wall_s"] for r in rows if r["contender"] == "pyoxigraph bulk_load"}
    for r in rows:
        lines.append(f"| {r['triples']:,} | {r['contender']} | {r['wall_s']:.1f} s | {r['peak_gb']:.2f} GB | "
                     f"{r['wall_s'] / bare[r['triples']]:.2f} |")
    return "\n".join(lines)
