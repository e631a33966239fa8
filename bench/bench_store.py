"""Benchmark: parse and query a build's graph with Oxigraph and with rdflib, in one run.

    .venv/bin/python bench/bench_store.py [OUT]      (default: out/, built first if missing)

Prints the time of each engine and their ratio; no threshold is asserted: the figures are
for the record (docs, notes), measured side by side on the same machine in the same run.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

QUERY = """
PREFIX kg: <https://w3id.org/vn-gov-kg/ontology#>
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type ; kg:mentionedIn ?doc } GROUP BY ?type
"""


def best_of(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(out: Path) -> None:
    if not (out / "graph.ttl").exists():
        import kg

        kg.build([Path("corpus")], out)
    ttl = out / "graph.ttl"
    t_ox = best_of(lambda: ox.Store().load(path=str(ttl), format=ox.RdfFormat.TURTLE))
    t_rdf = best_of(lambda: rdflib.Graph().parse(ttl, format="turtle"), runs=3)
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    graph = rdflib.Graph().parse(ttl, format="turtle")
    q_ox = best_of(lambda: list(store.query(QUERY)))
    q_rdf = best_of(lambda: list(graph.query(QUERY)), runs=3)
    print(f"graph: {ttl} ({len(store)} triples)")
    print(f"parse  oxigraph {t_ox * 1000:8.1f} ms   rdflib {t_rdf * 1000:8.1f} ms   ratio {t_rdf / t_ox:5.1f}x")
    print(f"query  oxigraph {q_ox * 1000:8.1f} ms   rdflib {q_rdf * 1000:8.1f} ms   ratio {q_rdf / q_ox:5.1f}x")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
