"""SHACL validation of a graph with the project's shapes (shapes/).

``validate(data)`` runs the shapes over the union of a build's graphs, with the ontology
mixed in (so that ``kg:Ward rdfs:subClassOf kg:Place`` holds), and returns a ``Report``:
every result with the label of its focus node, the path, the value, the message, its
severity and the sentence the fact was read from. ``Report.conforms`` is true when no
result is a violation; warnings are for a reviewer to look at.

Two engines give the same report: ``oxigraph`` (the default: ``kg.shacl``, one SPARQL
query per constraint on an Oxigraph store, about 20× faster than pySHACL at a million
triples) and ``pyshacl`` (pySHACL on an rdflib graph, the reference the tests compare with).
The data is an Oxigraph store (its default graph) or an rdflib graph; either engine takes
either.
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

from .config import ONTOLOGY_FILE, ROOT, SHACL_ENGINES as ENGINES
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
    """An rdflib term as Oxigraph's, a blank node by its name in ``names`` (or its own)."""
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(names[term].removeprefix("_:") if term in names else str(term))
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


def store_of(triples) -> ox.Store:
    """An in-memory Oxigraph store holding ``triples`` (or quads) in its default graph:
    the union of a dataset's graphs as one graph, each triple once."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def validate(data: rdflib.Graph | ox.Store, shapes: rdflib.Graph | None = None,
             ontology: rdflib.Graph | None = None, *, engine: str = "oxigraph", inplace: bool = False) -> Report:
    """The report of ``shapes`` (default: the project's) on ``data``, by ``engine``.
    ``inplace``: the ontology's definitions are mixed into ``data`` itself rather than into
    a copy of it, for data made for this validation only (the same results; no second copy
    of the data in memory)."""
    if engine not in ENGINES:
        raise KGError(Errors.E306.format(engine=engine, known=", ".join(ENGINES)))
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    t = time.perf_counter()
    if engine == "oxigraph":
        from . import shacl

        store = _as_store(data, copy=not inplace)
        store.bulk_extend(ox.Quad(*(_ox_term(term, {}) for term in triple)) for triple in ontology)
        report_graph, lookup = shacl.validate(store, shapes), _StoreLookup(store)
    else:
        import pyshacl

        graph = from_triples(data) if isinstance(data, ox.Store) else data
        _, report_graph, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                              advanced=True, allow_warnings=True,
                                              inplace=inplace or isinstance(data, ox.Store))
        lookup = graph
    report = Report(graph=report_graph, shapes=shapes)
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(node, SH.focusNode)
        path = report_graph.value(node, SH.resultPath)
        value = report_graph.value(node, SH.value)
        message = report_graph.value(node, SH.resultMessage)
        report.results.append(Result(
            severity=_SEVERITY.get(report_graph.value(node, SH.resultSeverity), "violation"),
            shape=_named_shape(shapes, report_graph.value(node, SH.sourceShape)),
            focus=str(focus), focus_label=_label(lookup, focus),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            value=str(value) if value is not None else None,
            message=str(message) if message is not None else "",
            sentence=_sentence(lookup, focus)))
    report.results.sort(key=lambda r: (r.severity != "violation", r.shape, r.focus, r.path or "",
                                       r.value or "", r.message))
    report.seconds = round(time.perf_counter() - t, 3)
    return report


def _as_store(data, copy: bool) -> ox.Store:
    if isinstance(data, ox.Store):
        return store_of(data) if copy else data
    store = ox.Store()
    nt = data.serialize(format="nt", encoding="utf-8")
    if nt.strip():
        store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    return store


class _StoreLookup:
    """The two lookups the report makes, as rdflib.Graph's ``objects`` and ``subjects``,
    on a store's default graph."""

    def __init__(self, store: ox.Store):
        self.store = store

    def objects(self, subject, predicate):
        from .shacl import term
        if isinstance(subject, rdflib.Literal):
            return iter(())
        return (term(q.object) for q in self.store.quads_for_pattern(
            _ox_term(subject, {}), _ox_term(predicate, {}), None, ox.DefaultGraph()))

    def subjects(self, predicate, obj):
        from .shacl import term
        return (term(q.subject) for q in self.store.quads_for_pattern(
            None, _ox_term(predicate, {}), _ox_term(obj, {}), ox.DefaultGraph()))


def _first(g, subject, predicate):
    """The least value of ``predicate`` on ``subject`` (one, whichever engine's lookup)."""
    return min(g.objects(subject, predicate), default=None)


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
        value = _first(g, node, p)
        if value is not None:
            return _clip(str(value), 80)
    return str(node).rsplit("/", 1)[-1]


def _sentence(g: rdflib.Graph, node) -> str | None:
    """The sentence a node's fact was read from: a fact's or a membership's
    prov:wasDerivedFrom, a mention's nif:sentence, an entity's first mention's sentence."""
    for sentence in (_first(g, node, PROV.wasDerivedFrom), _first(g, node, NIF.sentence)):
        if sentence is not None and _first(g, sentence, NIF.anchorOf) is not None:
            return str(_first(g, sentence, NIF.anchorOf))
    mentions = sorted(g.subjects(ITSRDF.taIdentRef, node))
    if mentions:
        sentence = _first(g, mentions[0], NIF.sentence)
        if sentence is not None and _first(g, sentence, NIF.anchorOf) is not None:
            return str(_first(g, sentence, NIF.anchorOf))
    if _first(g, node, NIF.anchorOf) is not None:
        return str(_first(g, node, NIF.anchorOf))
    return None


def _data_file(path: Path) -> Path:
    """The file to validate: a build directory's graph.ttl, or the RDF file itself."""
    if path.is_dir():
        path = path / "graph.ttl"
        if not path.is_file():
            raise KGError(Errors.E201.format(path=path.parent))
    if not path.is_file():
        raise KGError(Errors.E001.format(path=path))
    return path


def read_data(path: Path, engine: str = "oxigraph") -> rdflib.Graph | ox.Store:
    """What ``engine`` validates best: an Oxigraph store for ``oxigraph`` (read by
    Oxigraph's parsers where they know the format), an rdflib graph for ``pyshacl``."""
    path = _data_file(path)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if engine != "oxigraph" or fmt is None:
        graph = read_graph(path)
        return graph if engine != "oxigraph" else _as_store(graph, copy=False)
    try:
        return store_of(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError) as err:
        raise KGError(Errors.E303.format(path=path, reason=err)) from None


def read_graph(path: Path) -> rdflib.Graph:
    """The graph to validate: a build directory (its graph.ttl) or an RDF file; the union
    of all named graphs of a dataset."""
    path = _data_file(path)
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
