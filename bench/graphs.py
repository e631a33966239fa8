"""Graphs of a given size for the store, query and SHACL benchmarks: a build of a synthetic
corpus (bench.synth), then copies of its data -- every IRI under the base moved to a prefix
of its own per copy (``…/id/c2/person/…``), the ontology's graph once -- until the dataset
holds the triples asked for. The copies are disjoint, so that counts, query results and
validation results grow with them.

    .venv/bin/python -m bench.graphs OUT.trig --triples 1000000
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/vn-gov-kg/id/"
ONTOLOGY = "https://w3id.org/vn-gov-kg/ontology"


def build(megabytes: float, out: Path) -> Path:
    """A build (its folder) of a synthetic corpus of ``megabytes``."""
    corpus = out.parent / f"{out.name}-corpus"
    subprocess.run([sys.executable, "-m", "bench.synth", str(corpus), "--megabytes", str(megabytes)],
                   check=True, cwd=ROOT, capture_output=True)
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "-q"], cwd=ROOT)
    if not (out / "graph.trig").is_file():
        raise RuntimeError(f"the build of {corpus} wrote nothing")
    return out


def scaled(trig: Path, triples: int, target: Path) -> int:
    """``target``: the dataset of ``trig`` copied until it holds about ``triples`` distinct
    triples; the number written."""
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    ontology = [q for q in quads if q.graph_name.value == ONTOLOGY]
    data = [q for q in quads if q.graph_name.value != ONTOLOGY]
    distinct = len({q.triple for q in data})
    copies = max(1, round((triples - len(ontology)) / max(distinct, 1)))

    def moved(term, k: int):
        if isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and k:
            return ox.NamedNode(f"{BASE}c{k}/{term.value[len(BASE):]}")
        return term

    def out():
        yield from ontology
        for k in range(copies):
            for q in data:
                yield ox.Quad(moved(q.subject, k), q.predicate, moved(q.object, k), moved(q.graph_name, k))

    ox.serialize(out(), str(target), ox.RdfFormat.TRIG)
    return len(ontology) + copies * distinct


def sized(sizes: list[int], tmp: Path, built: Path | None = None):
    """For each of ``sizes``: (the size asked, a TriG file in ``tmp`` of about that many
    triples, the triples it holds), all scaled from one build (``built``, else one made of a
    0.25 MB corpus)."""
    built = built or build(0.25, tmp / "seed-build")
    for size in sizes:
        trig = tmp / f"g{size}.trig"
        yield size, trig, scaled(built / "graph.trig", size, trig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--megabytes", type=float, default=0.25, help="text of the corpus built first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-graphs-") as tmp:
        made = build(args.megabytes, Path(tmp) / "out")
        n = scaled(made / "graph.trig", args.triples, args.target)
    print(f"{n:,} triples in {args.target}")


if __name__ == "__main__":
    main()
