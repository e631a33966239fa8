"""The main job: documents in, a validated-by-construction graph out, written atomically.

``build(inputs, out)`` reads every document, runs the pipeline on each, emits one named
graph per document plus the corpus graph and the ontology, and writes into ``out``:
``graph.trig``, ``graph.ttl``, ``store/`` (Oxigraph) and ``build.json``. What it built is
validated with the SHACL shapes first: quads about a node that violates a shape go to
``quarantine.trig`` instead, with the report in ``validation.ttl`` (``strict``: the build
stops instead). Everything is
first written into a folder of its own, which ``out`` names only once complete (see
``outdir``): an interrupted or failed build, or one that read no document, leaves the
previous output as it was.

A document that cannot be read, or that a component fails on, is recorded in
``failures`` with a message naming the file; the others still build.
"""
from __future__ import annotations

import hashlib

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from . import __version__, ingest, outdir, parallel, store
from .config import Settings
from .errors import Errors, KGError
from .model import ALL_TYPES, Doc
from .outdir import GRAPH_TRIG, GRAPH_TTL, MANIFEST, QUARANTINE_TRIG, STORE_DIR, VALIDATION_TTL
from .pipeline import Pipeline
from .rdf.emit import Emitter, order_key
from .rdf.entail import entailed
from .rdf.iri import IRIs
from .rdf.vocab import CLASSES, DEFAULT_BASE_IRI, ITSRDF, ONTOLOGY_IRI, ORG, PREFIXES, RDF


@dataclass
class BuildResult:
    out: Path
    base_iri: str = DEFAULT_BASE_IRI
    documents: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # files under the inputs kg does not read, and why
    warnings: list[str] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    quads: int = 0
    triples: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    validation: dict = field(default_factory=dict)
    quarantined: int = 0
    model: dict | None = None  # the span model used: file, sha256, what it is used for
    published: bool = True  # False: no document was built, and OUT was left as it was
    built_at: str = ""  # when the build started (UTC, ISO 8601)
    workers: int = 1  # the processes that read and extracted the documents

    @property
    def ok(self) -> bool:
        return not self.failures and self.published

    def to_json(self) -> dict:
        return {
            "kg_version": __version__,
            "built_at": self.built_at,  # kept out of the graph files, which stay the same bytes
            "base_iri": self.base_iri,
            "documents": self.documents,
            "failures": self.failures,
            "skipped": self.skipped,
            "warnings": self.warnings,
            # documents whose text gives no date of what they report (kg:contentDate)
            "undated": [d["name"] for d in self.documents if not d.get("content_date")],
            "model": self.model,
            "counts": {"documents": len(self.documents), "failed": len(self.failures), "skipped": len(self.skipped),
                       "mentions": self.mentions, "entities": self.entities,
                       "relations": self.relations, "quads": self.quads, "triples": self.triples},
            "validation": {**self.validation, "quarantined_quads": self.quarantined},
            "workers": self.workers,
            "timings_s": self.timings,
        }


Progress = Callable[[str, Path], None]  # (event, path): "start" / "done" / "failed"


def build(inputs: list[Path], out: Path, settings: Settings = Settings(),
          progress: Progress | None = None, on_step: Callable[[str], None] | None = None) -> BuildResult:
    """Build ``inputs`` into ``out``; ``on_step`` is told each step of the write (``STEPS``:
    each file written, then each step of the switch to the new build)."""
    t0 = time.perf_counter()
    outdir.check(out, inputs)  # before any work: never replace what is not a build
    result = BuildResult(out=out, base_iri=settings.base_iri,
                         built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    pipeline = Pipeline(options={"learned": {"model": settings.model}})
    result.model = _model_report(settings.model)
    emitter = Emitter(IRIs(settings.base_iri))
    ontology = _ontology_quads(settings.ontology)

    collected = ingest.collect(inputs)
    for err in collected.errors:
        result.failures.append({"file": err.path, "error": str(err)})
    result.skipped = [{"file": path, "reason": reason} for path, reason in collected.skipped]
    docs: list[Doc] = []
    identity = ingest.Identity()
    t_read = time.perf_counter()
    workers = parallel.workers_for(collected.files, settings.workers)
    result.workers = workers
    started = (lambda path: progress("start", path)) if progress else None
    quads = set(ontology)
    work = parallel.outcomes(collected.files, pipeline, settings.max_characters, emitter, workers, started)
    try:
        for outcome in work:
            result.failures.extend(outcome.failures)
            for doc, doc_quads in zip(outcome.docs, outcome.quads):
                refused = identity.claim(doc)
                if refused is not None:
                    result.failures.append({"file": refused.path, "error": str(refused)})
                    continue
                docs.append(doc)
                quads.update(doc_quads)
                result.documents.append(_doc_report(doc, len(doc_quads)))
                result.warnings.extend(doc.warnings)
            if progress:
                progress("failed" if outcome.failures else "done", outcome.path)
            if settings.fail_fast and result.failures:
                break
    finally:
        work.close()
    result.timings["extract"] = round(time.perf_counter() - t_read, 3)

    t_emit = time.perf_counter()  # the corpus graph (each document's is emitted with its extraction)
    quads.update(emitter.corpus(docs))
    quarantined: list = []
    report = None
    result.timings["emit"] = round(time.perf_counter() - t_emit, 3)
    if settings.validate:
        quads, quarantined, report = _gate(quads, settings, result)
    # what the alignments to the standard vocabularies entail, in a graph of its own
    quads |= entailed(quads, ontology, emitter.iris.entailed_graph())
    ordered = sorted(quads, key=order_key)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in ordered}, key=order_key)
    result.quads, result.triples = len(ordered), len(triples)
    result.mentions = sum(len(d.mentions) for d in docs)
    result.entities = entity_counts(triples)
    rel_counts = Counter(f.predicate for d in docs for f in d.facts)
    result.relations = dict(sorted(rel_counts.items()))

    if not docs:  # nothing read: the previous build, if any, stays what OUT names
        result.published = False
        return result
    try:
        with outdir.Writer(out, inputs, on_step) as writer:
            _write(writer, ordered, triples, result, t0, sorted(quarantined, key=order_key), report)
            writer.commit()
    except OSError as err:
        raise KGError(Errors.E206.format(path=out, reason=err.strerror or err)) from None
    return result


def _gate(quads: set, settings: Settings, result: BuildResult):
    """Validate the built graph; quads about a node that violates a shape are taken out
    into the quarantine (or, with ``strict``, the build stops before writing anything)."""
    from .validate import load_ontology, load_shapes, store_of, validate

    t = time.perf_counter()
    report = validate(store_of(quads), load_shapes(settings.shapes), load_ontology(settings.ontology),
                      engine=settings.shacl_engine, inplace=True)
    result.timings["validate"] = round(time.perf_counter() - t, 3)
    result.validation = {"conforms": report.conforms, "violations": len(report.violations),
                         "warnings": len(report.warnings),
                         "by_shape": dict(Counter(r.shape.rsplit("#", 1)[-1] for r in report.violations))}
    if report.violations and settings.strict:
        raise KGError(Errors.E304.format(count=len(report.violations)))
    bad = _dependents(quads, report.violating_nodes())
    quarantined = [q for q in quads if q.graph_name.value != ONTOLOGY_IRI
                   and (q.subject.value in bad or q.object.value in bad)]
    result.quarantined = len(quarantined)
    return quads - set(quarantined), quarantined, report


#: Links by which a node only exists for another: a mention for its entity, a membership
#: for its person and organisation, a fact's record for its subject and object.
_DEPENDENT = {str(ITSRDF.taIdentRef), str(ORG.member), str(ORG.organization), str(RDF.subject), str(RDF.object)}


def _dependents(quads, bad: set[str]) -> set[str]:
    """The violating nodes and the nodes that exist only for them, so that the quarantine
    leaves no mention, membership or fact record pointing to nothing."""
    closure = set(bad)
    for q in quads:
        if q.predicate.value in _DEPENDENT and q.object.value in bad:
            closure.add(q.subject.value)
    return closure


def _model_report(path: Path | None) -> dict | None:
    if path is None:
        return None
    from .learn import ModelInfo

    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "uses": ModelInfo.read(path).uses}


def _doc_report(doc: Doc, quads: int) -> dict:
    return {
        "file": str(doc.path),
        "name": doc.name,
        "sha256": doc.sha256,
        "characters": len(doc.text),
        "sentences": len(doc.sentences),
        "posted": doc.context.get("posted"),
        "content_date": doc.context.get("date"),
        "content_date_source": doc.context.get("date_source"),
        "mentions": len(doc.mentions),
        "entities": dict(sorted(Counter(e.type for e in doc.entities).items())),
        "relations": dict(sorted(Counter(f.predicate for f in doc.facts).items())),
        "quads": quads,
        **_source_report(doc),
    }


def _source_report(doc: Doc) -> dict:
    """What the file says of the document (its format, encoding, title, URL, …), as read."""
    part = doc.source
    if part is None:
        return {}
    said = {"format": part.format, "encoding": part.encoding, "title": part.title, "url": part.url,
            "publisher": part.publisher, "published": part.published, "captured": part.captured,
            "pages": len(part.pages) or None}
    if doc.file is not None and doc.file != doc.path:
        said["archive"] = str(doc.file)
    return {k: v for k, v in said.items() if v is not None}


def _ontology_quads(path: Path) -> list[ox.Quad]:
    try:
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as err:
        raise KGError(Errors.E204.format(path=path, reason=err)) from None
    g = ox.NamedNode(ONTOLOGY_IRI)
    # The parser names blank nodes (OWL lists) at random; name them by order of appearance
    # so that the output stays byte-identical from build to build.
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term, ox.BlankNode(f"onto{len(names) + 1}"))
        return term

    return [ox.Quad(stable(t.subject), t.predicate, stable(t.object), g) for t in triples]


def entity_counts(triples) -> dict[str, int]:
    """Per entity type, the entities of the published graph (distinct IRIs with that
    ``rdf:type``): the number ``kg stats`` and a ``COUNT(DISTINCT ?e)`` over the default
    graph give, not the sum of each document's entities."""
    types = {str(iri): t for t, iri in CLASSES.items()}
    found: dict[str, set] = {t: set() for t in ALL_TYPES}
    for t in triples:
        if t.predicate.value == str(RDF.type) and t.object.value in types:
            found[types[t.object.value]].add(t.subject.value)
    return {t: len(found[t]) for t in ALL_TYPES}


#: The files of a build, in the order they are written; then the steps of the switch.
FILES = (GRAPH_TRIG, GRAPH_TTL, STORE_DIR, VALIDATION_TTL, QUARANTINE_TRIG, MANIFEST)
STEPS = FILES + outdir.STEPS


def _write(writer: outdir.Writer, quads, triples, result: BuildResult, t0: float,
           quarantined=(), report=None) -> None:
    tmp = writer.path
    t_write = time.perf_counter()
    ox.serialize(quads, str(tmp / GRAPH_TRIG), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    writer.on_step(GRAPH_TRIG)
    ox.serialize(triples, str(tmp / GRAPH_TTL), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    writer.on_step(GRAPH_TTL)
    store.create(tmp / STORE_DIR, quads, triples)
    writer.on_step(STORE_DIR)
    if report is not None:
        (tmp / VALIDATION_TTL).write_text(report.to_turtle(), encoding="utf-8")
        writer.on_step(VALIDATION_TTL)
        ox.serialize(quarantined, str(tmp / QUARANTINE_TRIG), ox.RdfFormat.TRIG, prefixes=PREFIXES)
        writer.on_step(QUARANTINE_TRIG)
    result.timings["write"] = round(time.perf_counter() - t_write, 3)
    result.timings["total"] = round(time.perf_counter() - t0, 3)
    (tmp / MANIFEST).write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    writer.on_step(MANIFEST)
