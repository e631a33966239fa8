"""SHACL validation of a graph with the project's shapes (shapes/), by pySHACL.

``validate(graph)`` runs the shapes over the union of a build's graphs, with the ontology
as the ontology graph (so that ``kg:Ward rdfs:subClassOf kg:Place`` holds), and returns a
``Report``: every result with the label of its focus node, the path, the value, the
message, its severity and the sentence the fact was read from. ``Report.conforms`` is
true when no result is a violation; warnings are for a reviewer to look at.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH, SKOS

from .config import ONTOLOGY_FILE, ROOT
from .errors import Errors, KGError
from .rdf.emit import order_key
from .rdf.vocab import ITSRDF, NIF, PREFIXES, PROV, compact

SHAPES_DIR = ROOT / "shapes"
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


class ShapesError(KGError):
    """The shapes cannot be read (a usage error)."""


@dataclass
class Result:
    severity: str  # violation | warning | info
    shape: str
    focus: str
    focus_label: str
    path: str | None
    value: str | None
    message: str
    sentence: str | None  # the source sentence of the fact, where the graph records it

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    graph: rdflib.Graph = field(default_factory=rdflib.Graph)  # the sh:ValidationReport
    seconds: float = 0.0
    shapes: rdflib.Graph = field(default_factory=rdflib.Graph)  # the shapes it was made with

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "warning"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def violating_nodes(self) -> set[str]:
        return {r.focus for r in self.violations}

    def to_json(self) -> str:
        return json.dumps({"conforms": self.conforms, "violations": len(self.violations),
                           "warnings": len(self.warnings), "results": [r.as_dict() for r in self.results]},
                          ensure_ascii=False, indent=2)

    def to_turtle(self) -> str:
        """The sh:ValidationReport as Turtle, the same bytes for the same results: the
        anonymous nodes of the shapes it points at (a property shape, a path such as
        ``[ sh:inversePath org:member ]``) copied in from the shapes graph, so that the file
        says which constraint and which path, and each blank node named by what it holds."""
        graph = _with_shape_nodes(self.graph, self.shapes)
        names = _content_names(graph)
        triples = sorted({ox.Triple(*(_ox_term(t, names) for t in triple)) for triple in graph},
                         key=order_key)  # a set: nodes of the same content are one node
        used = {t.value for tr in triples for t in tr if isinstance(t, ox.NamedNode)}
        prefixes = {k: ns for k, ns in _REPORT_PREFIXES.items() if any(v.startswith(ns) for v in used)}
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")

    def to_text(self) -> str:
        lines: list[str] = []
        by_shape: dict[tuple[str, str], list[Result]] = {}
        for r in self.results:
            by_shape.setdefault((r.severity, r.shape), []).append(r)
        for (severity, shape), results in sorted(by_shape.items()):
            lines.append(f"{severity.upper()} {_short(shape)} ({len(results)})")
            for r in results:
                lines.append(f"  - {r.focus_label} <{r.focus}>")
                if r.path:
                    lines.append(f"    path: {_short(r.path)}" + (f"  value: {r.value}" if r.value else ""))
                lines.append(f"    {r.message}")
                if r.sentence:
                    lines.append(f"    source: “{_clip(r.sentence)}”")
        if self.conforms:
            lines.append(f"conforms ({len(self.warnings)} warnings)")
        else:
            lines.append(f"does not conform: {len(self.violations)} violations, {len(self.warnings)} warnings")
        return "\n".join(lines)


def _with_shape_nodes(report: rdflib.Graph, shapes: rdflib.Graph) -> rdflib.Graph:
    """The report and, for each blank node it names but does not describe, that node's
    description in the shapes graph (and so on down)."""
    graph = rdflib.Graph()
    for triple in report:
        graph.add(triple)
    todo = [o for o in report.objects() if isinstance(o, rdflib.BNode)]
    while todo:
        node = todo.pop()
        if (node, None, None) in graph:
            continue
        for p, o in shapes.predicate_objects(node):
            graph.add((node, p, o))
            if isinstance(o, rdflib.BNode):
                todo.append(o)
    return graph


def _ox_term(term, names: dict):
    """An rdflib term as Oxigraph's, a blank node by its name in ``names``."""
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(names[term].removeprefix("_:"))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    return ox.NamedNode(str(term))


def _content_names(graph: rdflib.Graph) -> dict:
    """A name for each blank node from a hash of its description (its blank objects by
    their own names); a report and the shapes' nodes in it are trees, so the names are
    those of the content, whatever labels the parser gave."""
    names: dict = {}

    def name(node, seen: frozenset) -> str:
        if node not in names:
            if node in seen:  # a cycle: not in a report, but named rather than looped
                return "_:cycle"
            lines = sorted(f"{p.n3()} {name(o, seen | {node}) if isinstance(o, rdflib.BNode) else o.n3()}"
                           for p, o in graph.predicate_objects(node))
            names[node] = "_:b" + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:20]
        return names[node]

    for node in set(graph.subjects()) | set(graph.objects()):
        if isinstance(node, rdflib.BNode):
            name(node, frozenset())
    return names


_SHAPE_PREFIXES = {"kgsh": "https://w3id.org/vn-gov-kg/shapes#", "sh": str(SH)}
_REPORT_PREFIXES = {**_SHAPE_PREFIXES, **PREFIXES}


def _short(iri: str) -> str:
    return compact(iri, _SHAPE_PREFIXES)


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def load_shapes(shapes: Path | None = None) -> rdflib.Graph:
    """The shapes graph: every .ttl file in ``shapes`` (a directory) or the file itself."""
    path = shapes or SHAPES_DIR
    files = sorted(path.glob("*.ttl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise ShapesError(Errors.E301.format(path=path))
    g = rdflib.Graph()
    for f in files:
        try:
            g.parse(f, format="turtle")
        except Exception as err:  # rdflib raises several kinds of parse errors
            raise ShapesError(Errors.E302.format(path=f, reason=err)) from None
    return g


def load_ontology(path: Path = ONTOLOGY_FILE) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle")


def from_triples(triples) -> rdflib.Graph:
    """An rdflib graph of pyoxigraph triples (through N-Triples, which both read)."""
    g = rdflib.Graph()
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def validate(data: rdflib.Graph, shapes: rdflib.Graph | None = None,
             ontology: rdflib.Graph | None = None, *, inplace: bool = False) -> Report:
    """The report of ``shapes`` (default: the project's) on ``data``. ``inplace``: the
    ontology's definitions are mixed into ``data`` itself rather than into a copy of it,
    for a graph made for this validation only (the same results; no second copy of the
    data in memory: about half the peak at a million triples)."""
    import pyshacl

    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    t = time.perf_counter()
    _, report_graph, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                          advanced=True, allow_warnings=True, inplace=inplace)
    report = Report(graph=report_graph, shapes=shapes)
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(node, SH.focusNode)
        path = report_graph.value(node, SH.resultPath)
        value = report_graph.value(node, SH.value)
        message = report_graph.value(node, SH.resultMessage)
        report.results.append(Result(
            severity=_SEVERITY.get(report_graph.value(node, SH.resultSeverity), "violation"),
            shape=_named_shape(shapes, report_graph.value(node, SH.sourceShape)),
            focus=str(focus), focus_label=_label(data, focus),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            value=str(value) if value is not None else None,
            message=str(message) if message is not None else "",
            sentence=_sentence(data, focus)))
    report.results.sort(key=lambda r: (r.severity != "violation", r.shape, r.focus, r.path or ""))
    report.seconds = round(time.perf_counter() - t, 3)
    return report


def _named_shape(shapes: rdflib.Graph, shape) -> str:
    """A result's shape by name: the node shape that holds an anonymous property shape."""
    while isinstance(shape, rdflib.BNode):
        owner = shapes.value(predicate=SH.property, object=shape)
        if owner is None:
            break
        shape = owner
    return str(shape)


def _label(g: rdflib.Graph, node) -> str:
    for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, NIF.anchorOf):
        value = g.value(node, p)
        if value is not None:
            return _clip(str(value), 80)
    return str(node).rsplit("/", 1)[-1]


def _sentence(g: rdflib.Graph, node) -> str | None:
    """The sentence a node's fact was read from: a fact's or a membership's
    prov:wasDerivedFrom, a mention's nif:sentence, an entity's first mention's sentence."""
    for sentence in (g.value(node, PROV.wasDerivedFrom), g.value(node, NIF.sentence)):
        if sentence is not None and g.value(sentence, NIF.anchorOf) is not None:
            return str(g.value(sentence, NIF.anchorOf))
    mentions = sorted(g.subjects(ITSRDF.taIdentRef, node))
    if mentions:
        sentence = g.value(mentions[0], NIF.sentence)
        if sentence is not None and g.value(sentence, NIF.anchorOf) is not None:
            return str(g.value(sentence, NIF.anchorOf))
    if g.value(node, NIF.anchorOf) is not None:
        return str(g.value(node, NIF.anchorOf))
    return None


def read_graph(path: Path) -> rdflib.Graph:
    """The graph to validate: a build directory (its graph.ttl) or an RDF file; the union
    of all named graphs of a dataset."""
    if path.is_dir():
        path = path / "graph.ttl"
        if not path.is_file():
            raise KGError(Errors.E201.format(path=path.parent))
    if not path.is_file():
        raise KGError(Errors.E001.format(path=path))
    fmt = rdflib.util.guess_format(str(path)) or "turtle"
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            ds = rdflib.Dataset()
            ds.parse(path, format=fmt)
            g = rdflib.Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        return rdflib.Graph().parse(path, format=fmt)
    except Exception as err:
        raise KGError(Errors.E303.format(path=path, reason=err)) from None
