"""Counts of a build: instances per class and statements per property, by SPARQL."""
from __future__ import annotations

from pathlib import Path

from .rdf.vocab import compact
from .store import open_build, sizes

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_PROPERTIES = """
SELECT ?property (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?property ?o WHERE { GRAPH ?g { ?s ?property ?o } } }
GROUP BY ?property ORDER BY DESC(?n) ?property
"""


def stats(build: Path) -> dict:
    store = open_build(build)
    classes = {compact(r["class"].value): int(r["n"].value) for r in store.query(_CLASSES)}
    properties = {compact(r["property"].value): int(r["n"].value) for r in store.query(_PROPERTIES)}
    graphs = sum(1 for _ in store.named_graphs())
    quads, triples = sizes(store)
    return {"quads": quads, "triples": triples, "named_graphs": graphs, "classes": classes, "properties": properties}
