"""The constraint components of SHACL Core (§4), each one query over all the focus or
value nodes of a shape that returns what fails. The order of ``COMPONENTS`` follows the
sections of the specification."""
from __future__ import annotations

import re

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD

from ._engine import Engine, Nodes
from ._shapes import Shape, sparql_term

_TYPE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
#: Datatypes whose well-formedness is checked by a cast (an ill-formed literal fails
#: sh:datatype, §4.1.2); for any other datatype the datatype IRI alone is compared.
_CASTABLE = {XSD[n] for n in ("integer", "decimal", "double", "float", "boolean", "date", "dateTime",
                              "time", "gYear", "gYearMonth", "duration")}


def _failing_values(engine: Engine, shape: Shape, nodes: Nodes, component, condition: str):
    """A result for each value node for which ``condition`` holds."""
    rows = engine.select(f"{nodes.values} FILTER ({condition})")
    return [engine.hit(shape, this, component, value) for this, value in rows]


def _has_value(engine: Engine, shape: Shape, variable: str) -> str:
    """A SPARQL condition: ``variable`` is a value node of the focus node ``?this``."""
    if shape.is_property:
        return f"EXISTS {{ ?this {engine.path(shape)} {variable} }}"
    return f"sameTerm({variable}, ?this)"


def _pairs(engine: Engine, nodes: Nodes) -> list[tuple]:
    return engine.select(nodes.values)


# -- §4.1 value type --------------------------------------------------------------------
def class_(engine, shape, nodes):
    hits = []
    for cls in shape.params[SH["class"]]:
        hits += _failing_values(engine, shape, nodes, SH.ClassConstraintComponent,
                                f"NOT EXISTS {{ ?value {_TYPE} {sparql_term(cls)} }}")
    return hits


def datatype(engine, shape, nodes):
    dt = shape.one(SH.datatype)
    if dt == RDF.langString:
        holds = 'isLiteral(?value) && LANG(?value) != ""'
    else:
        holds = f"isLiteral(?value) && DATATYPE(?value) = {sparql_term(dt)}"
        if dt in _CASTABLE:  # and well-formed: the cast of its lexical form succeeds
            holds += f" && COALESCE(STRLEN(STR({sparql_term(dt)}(STR(?value)))) >= 0, false)"
    return _failing_values(engine, shape, nodes, SH.DatatypeConstraintComponent, f"!({holds})")


_NODE_KINDS = {SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
               SH.BlankNodeOrIRI: "!isLiteral(?value)", SH.BlankNodeOrLiteral: "!isIRI(?value)",
               SH.IRIOrLiteral: "!isBlank(?value)"}


def node_kind(engine, shape, nodes):
    return _failing_values(engine, shape, nodes, SH.NodeKindConstraintComponent,
                           f"!({_NODE_KINDS[shape.one(SH.nodeKind)]})")


# -- §4.2 cardinality (property shapes) -------------------------------------------------
def min_count(engine, shape, nodes):
    n = int(shape.one(SH.minCount))
    if n == 0:
        return []
    path = engine.path(shape)
    if n == 1:
        rows = engine.select(f"{nodes.focus} FILTER NOT EXISTS {{ ?this {path} ?any }}", "?this")
    else:
        rows = engine.select(f"{nodes.focus} OPTIONAL {{ ?this {path} ?value }}", "?this",
                             f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")
    return [engine.hit(shape, this, SH.MinCountConstraintComponent) for (this,) in rows]


def max_count(engine, shape, nodes):
    n = int(shape.one(SH.maxCount))
    rows = engine.select(nodes.values, "?this", f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})")
    return [engine.hit(shape, this, SH.MaxCountConstraintComponent) for (this,) in rows]


# -- §4.3 value range -------------------------------------------------------------------
def _range(parameter, operator, component):
    def check(engine, shape, nodes):
        bound = sparql_term(shape.one(parameter))
        return _failing_values(engine, shape, nodes, component, f"!COALESCE(?value {operator} {bound}, false)")
    return check


# -- §4.4 string-based ------------------------------------------------------------------
def min_length(engine, shape, nodes):
    n = int(shape.one(SH.minLength))
    return _failing_values(engine, shape, nodes, SH.MinLengthConstraintComponent,
                           f"isBlank(?value) || STRLEN(STR(?value)) < {n}")


def max_length(engine, shape, nodes):
    n = int(shape.one(SH.maxLength))
    return _failing_values(engine, shape, nodes, SH.MaxLengthConstraintComponent,
                           f"isBlank(?value) || STRLEN(STR(?value)) > {n}")


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def pattern(engine, shape, nodes):
    """Matched in Python (``re.search``), not by the store's regular expressions: the
    dialect of the patterns is that of the validators users check the graph with."""
    flags = 0
    for flag in str(shape.one(SH.flags) or ""):
        flags |= _FLAGS.get(flag, 0)
    regex = re.compile(str(shape.one(SH.pattern)), flags)
    hits = []
    for this, value in _pairs(engine, nodes):
        if isinstance(value, ox.BlankNode) or not regex.search(value.value):
            hits.append(engine.hit(shape, this, SH.PatternConstraintComponent, value))
    return hits


def language_in(engine, shape, nodes):
    ranges = " || ".join(f"langMatches(LANG(?value), {sparql_term(rdflib.Literal(str(r)))})"
                         for r in shape.params[SH.languageIn])
    return _failing_values(engine, shape, nodes, SH.LanguageInConstraintComponent,
                           f"!(isLiteral(?value) && ({ranges or 'false'}))")


def unique_lang(engine, shape, nodes):
    if shape.one(SH.uniqueLang) != rdflib.Literal(True):
        return []
    rows = engine.select(f"{nodes.values} ?this {engine.path(shape)} ?other . "
                         'FILTER (!sameTerm(?value, ?other) && LANG(?value) != "" '
                         "&& LCASE(LANG(?value)) = LCASE(LANG(?other)))", "?this (LCASE(LANG(?value)) AS ?lang)")
    return [engine.hit(shape, this, SH.UniqueLangConstraintComponent) for this, _ in rows]


# -- §4.5 property pair -----------------------------------------------------------------
def equals(engine, shape, nodes):
    hits = []
    for other in shape.params[SH.equals]:
        p = sparql_term(other)
        rows = engine.select(f"{nodes.values} FILTER NOT EXISTS {{ ?this {p} ?value }}")
        rows += engine.select(f"{nodes.focus} ?this {p} ?value . FILTER (!{_has_value(engine, shape, '?value')})")
        hits += [engine.hit(shape, this, SH.EqualsConstraintComponent, value) for this, value in rows]
    return hits


def disjoint(engine, shape, nodes):
    hits = []
    for other in shape.params[SH.disjoint]:
        rows = engine.select(f"{nodes.values} ?this {sparql_term(other)} ?value .")
        hits += [engine.hit(shape, this, SH.DisjointConstraintComponent, value) for this, value in rows]
    return hits


def _compare(parameter, operator, component):
    def check(engine, shape, nodes):
        hits = []
        for other in shape.params[parameter]:
            rows = engine.select(f"{nodes.values} ?this {sparql_term(other)} ?other . "
                                 f"FILTER (!COALESCE(?value {operator} ?other, false))", "?this ?value ?other")
            hits += [engine.hit(shape, this, component, value) for this, value, _ in rows]
        return hits
    return check


# -- §4.6 logical -----------------------------------------------------------------------
def _logical(parameter, component, fails):
    """``fails(n, failed)``: whether a value node fails, given the number ``n`` of member
    shapes and the number ``failed`` of them it does not conform to."""
    def check(engine, shape, nodes):
        members = shape.params[parameter]
        failing = [engine.failing(engine.shapes.shape(m), nodes) for m in members]
        return [engine.hit(shape, this, component, value) for this, value in _pairs(engine, nodes)
                if fails(len(members), sum(value in f for f in failing))]
    return check


# -- §4.7 shape-based -------------------------------------------------------------------
def node(engine, shape, nodes):
    hits = []
    for member in shape.params[SH.node]:
        failing = engine.failing(engine.shapes.shape(member), nodes)
        hits += [engine.hit(shape, this, SH.NodeConstraintComponent, value, details=failing[value])
                 for this, value in _pairs(engine, nodes) if value in failing]
    return hits


def property_(engine, shape, nodes):
    hits = []
    for member in shape.params[SH.property]:
        hits += engine.check(engine.shapes.shape(member), nodes)
    return hits


def qualified(engine, shape, nodes):
    low, high = shape.one(SH.qualifiedMinCount), shape.one(SH.qualifiedMaxCount)
    failing = engine.failing(engine.shapes.shape(shape.one(SH.qualifiedValueShape)), nodes)
    conforming = {this: 0 for (this,) in engine.select(nodes.focus, "?this")}
    for this, value in _pairs(engine, nodes):
        if value not in failing:
            conforming[this] += 1
    hits = []
    for this, n in conforming.items():
        if high is not None and n > int(high):
            hits.append(engine.hit(shape, this, SH.QualifiedMaxCountConstraintComponent))
        if low is not None and n < int(low):
            hits.append(engine.hit(shape, this, SH.QualifiedMinCountConstraintComponent))
    return hits


# -- §4.8 other -------------------------------------------------------------------------
def has_value(engine, shape, nodes):
    hits = []
    for term in shape.params[SH.hasValue]:
        held = _has_value(engine, shape, sparql_term(term))
        rows = engine.select(f"{nodes.focus} FILTER (!{held})", "?this")
        hits += [engine.hit(shape, this, SH.HasValueConstraintComponent) for (this,) in rows]
    return hits


def in_(engine, shape, nodes):
    allowed = " || ".join(f"sameTerm(?value, {sparql_term(t)})" for t in shape.params[SH["in"]])
    return _failing_values(engine, shape, nodes, SH.InConstraintComponent, f"!({allowed or 'false'})")


def _sparql(engine, shape, nodes):
    from ._sparql import constraints
    return constraints(engine, shape, nodes)


COMPONENTS = [
    (SH["class"], class_), (SH.datatype, datatype), (SH.nodeKind, node_kind),
    (SH.minCount, min_count), (SH.maxCount, max_count),
    (SH.minExclusive, _range(SH.minExclusive, ">", SH.MinExclusiveConstraintComponent)),
    (SH.minInclusive, _range(SH.minInclusive, ">=", SH.MinInclusiveConstraintComponent)),
    (SH.maxExclusive, _range(SH.maxExclusive, "<", SH.MaxExclusiveConstraintComponent)),
    (SH.maxInclusive, _range(SH.maxInclusive, "<=", SH.MaxInclusiveConstraintComponent)),
    (SH.minLength, min_length), (SH.maxLength, max_length), (SH.pattern, pattern),
    (SH.languageIn, language_in), (SH.uniqueLang, unique_lang),
    (SH.equals, equals), (SH.disjoint, disjoint),
    (SH.lessThan, _compare(SH.lessThan, "<", SH.LessThanConstraintComponent)),
    (SH.lessThanOrEquals, _compare(SH.lessThanOrEquals, "<=", SH.LessThanOrEqualsConstraintComponent)),
    (SH["not"], _logical(SH["not"], SH.NotConstraintComponent, lambda n, failed: failed == 0)),
    (SH["and"], _logical(SH["and"], SH.AndConstraintComponent, lambda n, failed: failed > 0)),
    (SH["or"], _logical(SH["or"], SH.OrConstraintComponent, lambda n, failed: failed == n)),
    (SH.xone, _logical(SH.xone, SH.XoneConstraintComponent, lambda n, failed: n - failed != 1)),
    (SH.node, node), (SH.property, property_), (SH.qualifiedValueShape, qualified),
    (SH.hasValue, has_value), (SH["in"], in_), (SH.sparql, _sparql),
]
