"""JSON-LD with a real ``@context``: compact IRIs under the project's prefixes, ``@type``
for ``rdf:type``, ``@language`` kept on each string (rdflib's JSON-LD writer; Oxigraph's
writes expanded JSON-LD with no context). One home for every JSON-LD kg writes: ``kg
query``, ``kg export`` and ``kg serve``."""
from __future__ import annotations

import json

import pyoxigraph as ox
import rdflib

from .vocab import PREFIXES


def context(prefixes: dict[str, str] | None = None) -> dict:
    """The ``@context`` of kg's JSON-LD: one term per prefix."""
    return dict(sorted((prefixes or PREFIXES).items()))


def _term(t):
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
    return None  # the default graph


def serialize(items, prefixes: dict[str, str] | None = None) -> bytes:
    """Triples or quads (Oxigraph's) as compacted JSON-LD; quads keep their named graphs."""
    ds = rdflib.Dataset()
    for item in items:
        graph = getattr(item, "graph_name", None)
        target = ds.graph(_term(graph)) if isinstance(graph, ox.NamedNode) else ds.default_graph
        target.add((_term(item.subject), _term(item.predicate), _term(item.object)))
    ctx = context(prefixes)
    text = ds.serialize(format="json-ld", context=ctx, auto_compact=True, sort_keys=True)
    doc = json.loads(text)
    if isinstance(doc, dict) and "@context" not in doc:
        doc = {"@context": ctx, **doc}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
