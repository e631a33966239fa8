"""A SHACL engine over an Oxigraph store: SHACL Core and SHACL-SPARQL constraints, and
SPARQL-based targets, each checked for all focus nodes by one SPARQL query.

    from kg.shacl import validate
    report = validate(store, shapes)   # an rdflib Graph: the sh:ValidationReport

The report has the results pySHACL gives for the same data and shapes (the project's tests
compare the two on every fixture and on built corpora): the same focus nodes, values,
paths, messages, severities, source shapes and constraint components, and the results of a
failed ``sh:node`` under ``sh:detail``. What it does not run (``sh:closed``,
``sh:qualifiedValueShapesDisjoint``, SPARQL ASK validators and ``$PATH``) it refuses with
an error rather than skip. Literals are compared as the store holds them: Oxigraph keeps
numbers and dates in canonical form (``"012"^^xsd:integer`` is ``"12"``).
"""
from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH, XSD

from ._engine import Engine, Hit
from ._shapes import ShapesGraph, UnsupportedShapes

__all__ = ["validate", "Hit", "UnsupportedShapes"]


def validate(store: ox.Store, shapes: rdflib.Graph, *, union: bool = False) -> rdflib.Graph:
    """The validation report of ``shapes`` on the default graph of ``store`` (``union``:
    on the union of its graphs). The data should hold the ontology its shapes rely on
    (``rdfs:subClassOf`` for ``sh:class`` and ``sh:targetClass``)."""
    hits = Engine(store, ShapesGraph(shapes), union=union).run()
    report = rdflib.Graph()
    node = rdflib.BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, rdflib.Literal(not any(h.shape.severity == SH.Violation for h in hits))))
    for hit in hits:
        report.add((node, SH.result, _add(report, hit)))
    _describe_blank_nodes(report, store, union)
    return report


def _describe_blank_nodes(report: rdflib.Graph, store: ox.Store, union: bool) -> None:
    """A blank node of the data named in a result (a focus node, a value) is described in
    the report by its own triples (and so on down), as pySHACL does, since its label
    means nothing outside the data."""
    graph = None if union else ox.DefaultGraph()
    todo = {o for p in (SH.focusNode, SH.value) for o in report.objects(None, p) if isinstance(o, rdflib.BNode)}
    done: set = set()
    while todo:
        blank = todo.pop()
        done.add(blank)
        for quad in store.quads_for_pattern(ox.BlankNode(str(blank)), None, None, graph):
            obj = term(quad.object)
            report.add((blank, term(quad.predicate), obj))
            if isinstance(obj, rdflib.BNode) and obj not in done:
                todo.add(obj)


def _add(report: rdflib.Graph, hit: Hit) -> rdflib.BNode:
    node = rdflib.BNode()
    report.add((node, RDF.type, SH.ValidationResult))
    report.add((node, SH.sourceConstraintComponent, hit.component))
    report.add((node, SH.sourceShape, hit.shape.node))
    report.add((node, SH.resultSeverity, hit.shape.severity))
    report.add((node, SH.focusNode, term(hit.focus)))
    if hit.value is not None:
        report.add((node, SH.value, term(hit.value)))
    if hit.path is not None:
        report.add((node, SH.resultPath, hit.path))
    if hit.source_constraint is not None:
        report.add((node, SH.sourceConstraint, hit.source_constraint))
    for message in hit.messages:
        report.add((node, SH.resultMessage, message))
    for detail in hit.details:
        report.add((node, SH.detail, _add(report, detail)))
    return node


def term(t):
    """An Oxigraph term as rdflib's (a plain literal without the xsd:string datatype, as
    rdflib's parsers give it)."""
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    dt = t.datatype.value
    return rdflib.Literal(t.value, datatype=None if dt == str(XSD.string) else rdflib.URIRef(dt))
