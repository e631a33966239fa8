"""The shapes graph read into ``Shape`` records (SHACL §2: shapes, targets, paths,
severity, messages, deactivation), with each term and path written as SPARQL text."""
from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from ..errors import Errors, KGError


class UnsupportedShapes(KGError):
    """The shapes use a part of SHACL that this engine does not run (a usage error)."""


@dataclass(eq=False)
class Shape:
    node: rdflib.term.Node  # the shape in the shapes graph
    path: rdflib.term.Node | None  # the sh:path node: a property shape when set
    severity: rdflib.URIRef
    messages: list[rdflib.Literal]
    deactivated: bool
    targets: list[str] = field(default_factory=list)  # SPARQL group patterns binding ?this
    params: dict[rdflib.URIRef, list] = field(default_factory=dict)  # constraint parameters

    @property
    def is_property(self) -> bool:
        return self.path is not None

    def one(self, parameter):
        values = self.params.get(parameter, [])
        return values[0] if values else None


#: The parameters of the constraint components of SHACL Core and SHACL-SPARQL; any other
#: sh: predicate on a shape is not a constraint (sh:name, sh:description, sh:order …).
PARAMETERS = {SH[n] for n in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "flags", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or", "xone",
    "node", "property", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint", "closed", "ignoredProperties", "hasValue", "in", "sparql")}
#: What this engine does not run: a shapes graph that uses them is refused, not half-checked.
UNSUPPORTED = {SH.closed, SH.ignoredProperties, SH.qualifiedValueShapesDisjoint}
_LISTS = {SH["in"], SH["and"], SH["or"], SH.xone, SH.languageIn}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def sparql_term(term) -> str:
    """A constant of the shapes graph as SPARQL text."""
    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.Literal):
        return term.n3()
    raise UnsupportedShapes(Errors.E305.format(what=f"a blank node ({term}) used as a constant"))


def sparql_path(g: rdflib.Graph, node) -> str:
    """A SHACL property path (§2.3.1) as a SPARQL property path."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in g:
        return "(" + "/".join(sparql_path(g, n) for n in Collection(g, node)) + ")"
    for predicate, template in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                                (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
        inner = g.value(node, predicate)
        if inner is not None:
            return template.format(sparql_path(g, inner))
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(g, n) for n in Collection(g, alternatives)) + ")"
    raise UnsupportedShapes(Errors.E305.format(what=f"the path {node}"))


def prologue(g: rdflib.Graph) -> str:
    """The PREFIX lines of every sh:declare of the shapes graph (§5.2.1), for the head of
    each query that embeds a SPARQL-based constraint or target: a prefix declared with two
    namespaces is refused, since it would change the meaning of one of them."""
    declared: dict[str, str] = {}
    for declaration in g.objects(None, SH.declare):
        prefix, namespace = g.value(declaration, SH.prefix), g.value(declaration, SH.namespace)
        if prefix is None or namespace is None:
            continue
        if declared.setdefault(str(prefix), str(namespace)) != str(namespace):
            raise UnsupportedShapes(Errors.E305.format(what=f"the prefix {prefix!r} declared twice"))
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(declared.items()))


class ShapesGraph:
    """Every shape of a shapes graph, by node; ``focus_shapes`` those with targets."""

    def __init__(self, g: rdflib.Graph):
        self.graph = g
        self.prologue = prologue(g)
        self._shapes: dict = {}
        candidates = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
        for predicate in _TARGETS:
            candidates |= set(g.subjects(predicate, None))
        self.focus_shapes = [self.shape(node) for node in sorted(candidates, key=str)]
        self.focus_shapes = [s for s in self.focus_shapes if s.targets]

    def shape(self, node) -> Shape:
        if node not in self._shapes:
            self._shapes[node] = self._read(node)
        return self._shapes[node]

    def _read(self, node) -> Shape:
        g = self.graph
        path = g.value(node, SH.path)
        shape = Shape(node=node, path=path, severity=g.value(node, SH.severity) or SH.Violation,
                      messages=sorted(g.objects(node, SH.message)),
                      deactivated=g.value(node, SH.deactivated) == rdflib.Literal(True))
        for predicate, value in g.predicate_objects(node):
            if predicate in UNSUPPORTED and value != rdflib.Literal(False):
                raise UnsupportedShapes(Errors.E305.format(what=f"{predicate.n3(g.namespace_manager)} on {node}"))
            if predicate in PARAMETERS:
                values = list(Collection(g, value)) if predicate in _LISTS else [value]
                shape.params.setdefault(predicate, []).extend(values)
        shape.targets = self._targets(node)
        return shape

    def _targets(self, node) -> list[str]:
        g = self.graph
        patterns = [f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {sparql_term(c)} ."
                    for c in g.objects(node, SH.targetClass)]
        if (node, RDF.type, RDFS.Class) in g:  # an implicit class target (§2.1.3.3)
            patterns.append(f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {sparql_term(node)} .")
        patterns += [f"BIND({sparql_term(n)} AS ?this)" for n in g.objects(node, SH.targetNode)]
        patterns += [f"?this {sparql_term(p)} ?target_object ." for p in g.objects(node, SH.targetSubjectsOf)]
        patterns += [f"?target_subject {sparql_term(p)} ?this ." for p in g.objects(node, SH.targetObjectsOf)]
        for target in g.objects(node, SH.target):
            select = g.value(target, SH.select)
            if (target, RDF.type, SH.SPARQLTarget) not in g or select is None:
                raise UnsupportedShapes(Errors.E305.format(what=f"the target {target} of {node}"))
            patterns.append("{ " + str(select).strip() + " }")
        return patterns
