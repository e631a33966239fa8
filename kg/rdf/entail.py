"""The standard types and properties a build's statements entail.

The ontology aligns kg's terms to W3C ORG, FOAF, ELI, schema.org, PROV and NIF by
``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` (ontology/kg.ttl). A store that does no
reasoning answers ``?x a foaf:Person`` or ``?r eli:passed_by ?o`` with nothing, so the
build states what those axioms entail (RDFS rules rdfs9 and rdfs7, over the ontology's own
hierarchy) for the terms of the other vocabularies, in a named graph of its own
(``{base}graph/entailed``): the asserted statements stay apart, and the default graph, their
merge, answers in the standard vocabularies too. kg's own superclasses are not added (a
ward is not also counted as a kg:Place).
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from .vocab import KG, ONTOLOGY_IRI, RDF, RDFS

_TYPE = ox.NamedNode(str(RDF.type))
_SUB_CLASS = ox.NamedNode(str(RDFS.subClassOf))
_SUB_PROPERTY = ox.NamedNode(str(RDFS.subPropertyOf))


def _closure(pairs: dict[ox.NamedNode, set[ox.NamedNode]]) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    """Every term above each term of a hierarchy (transitively), not the term itself."""
    above: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for term in pairs:
        seen, todo = set(), list(pairs[term])
        while todo:
            t = todo.pop()
            if t not in seen and t != term:
                seen.add(t)
                todo.extend(pairs.get(t, ()))
        above[term] = seen
    return above


def hierarchy(ontology) -> tuple[dict, dict]:
    """The classes and the properties above each of the ontology's, among its quads."""
    classes, properties = defaultdict(set), defaultdict(set)
    for q in ontology:
        if isinstance(q.object, ox.NamedNode) and isinstance(q.subject, ox.NamedNode):
            if q.predicate == _SUB_CLASS:
                classes[q.subject].add(q.object)
            elif q.predicate == _SUB_PROPERTY:
                properties[q.subject].add(q.object)
    return _closure(classes), _closure(properties)


def entailed(quads, ontology, graph: str) -> set[ox.Quad]:
    """The quads, in named graph ``graph``, that the statements of ``quads`` entail in the
    other vocabularies through the hierarchy of ``ontology`` (its quads)."""
    classes, properties = hierarchy(ontology)
    own = str(KG._NS)
    standard = lambda term: not term.value.startswith(own)  # noqa: E731
    classes = {c: {d for d in above if standard(d)} for c, above in classes.items()}
    properties = {p: {d for d in above if standard(d)} for p, above in properties.items()}
    g = ox.NamedNode(graph)
    out: set[ox.Quad] = set()
    for q in quads:
        if q.graph_name.value == ONTOLOGY_IRI or q.graph_name == g:
            continue
        if q.predicate == _TYPE and q.object in classes:
            out.update(ox.Quad(q.subject, _TYPE, c, g) for c in classes[q.object])
        for p in properties.get(q.predicate, ()):
            out.add(ox.Quad(q.subject, p, q.object, g))
    return out
