"""The graph of a document, and of the corpus, as quads (pyoxigraph terms).

Per document, in its own named graph: the Document node (file name, SHA-256, character
count), every entity it mentions (type, labels, ``mentionedIn``, type-specific literals),
every mention (NIF offsets and exact quote, linked to its entity and its sentence), the
sentences that carry mentions or facts, and every fact: a direct edge plus an
``rdf:Statement`` that says which sentence it was read from; posts as ``org:Membership``.

In the corpus graph: the dataset (it imports the ontology), each entity's one
``skos:prefLabel`` (the official name of a unit, else the most frequent spelling over all documents) and the post titles as SKOS
concepts.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict

import pyoxigraph as ox

from .. import __version__
from ..lexicon import roles
from ..model import Doc, Entity, Fact, Span
from ..resolve.entities import preferred
from ..text.normalise import interchangeable, search_key
from .iri import IRIs
from .vocab import (CLASSES, DCTERMS, EDGE_PROPERTIES, ITSRDF, KG, NIF, ONTOLOGY_IRI, ORG, OWL, PROV, RDF,
                    RDFS, SCHEMA, SKOS, TIME, VOID, XSD)

#: Offsets and counts are xsd:integer: NIF's range is xsd:nonNegativeInteger, but Oxigraph
#: stores every derived integer type as xsd:integer, and the files must equal the store.
_INT = ox.NamedNode(str(XSD.integer))
_DATE = ox.NamedNode(str(XSD.date))
_MONTH = ox.NamedNode(str(XSD.gYearMonth))
_DATETIME = ox.NamedNode(str(XSD.dateTime))


def date_literal(iso: str) -> ox.Literal:
    """"2023-03-22" as an xsd:date, "2025-01" as an xsd:gYearMonth."""
    return ox.Literal(iso, datatype=_DATE if len(iso) == 10 else _MONTH)


def N(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def vi(text: str) -> ox.Literal:
    return ox.Literal(interchangeable(text), language="vi")


def quote(text: str) -> ox.Literal:
    """A text of the source as a literal (noncharacters shown as U+FFFD, same length)."""
    return ox.Literal(interchangeable(text))


def count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INT)


_PREDICATE_RANK = {str(RDF.type): "0"}


def order_key(q) -> tuple:
    """The order of quads and triples in every file kg writes: graph, subject, rdf:type
    first, predicate, object; the same input gives the same bytes."""
    graph = getattr(q, "graph_name", None)
    return (getattr(graph, "value", ""), str(q.subject),
            _PREDICATE_RANK.get(q.predicate.value, "1") + q.predicate.value, str(q.object))


class Emitter:
    """Turns pipeline state into quads under one IRI scheme."""

    def __init__(self, iris: IRIs):
        self.iris = iris
        self._roles = {r.title: r for r in roles()}

    def entity_iri(self, e: Entity) -> ox.NamedNode:
        return ox.NamedNode(self.iris.entity(e.type, e.key))

    # -- one document ---------------------------------------------------------------
    def document(self, doc: Doc) -> list[ox.Quad]:
        g = ox.NamedNode(self.iris.graph(doc.stem))
        d = ox.NamedNode(self.iris.document(doc.stem))
        out: list[ox.Quad] = []

        def add(s, p, o):
            out.append(ox.Quad(s, N(p) if not isinstance(p, ox.NamedNode) else p, o, g))

        add(d, RDF.type, N(KG.Document))
        # the text the offsets of its mentions and sentences count in (code points, as NIF)
        add(d, RDF.type, N(NIF.Context))
        add(d, NIF.isString, quote(doc.text))
        add(d, KG.fileName, quote(doc.name))
        add(d, KG.sha256, ox.Literal(doc.sha256))
        add(d, KG.characterCount, count(len(doc.text)))
        add(d, DCTERMS.identifier, quote(doc.stem))
        published = doc.context.get("posted") or (
            doc.context.get("date") if doc.context.get("date_source") == "header" else None)
        if published:
            add(d, KG.publicationDate, date_literal(published))
        if doc.context.get("date"):
            add(d, KG.contentDate, date_literal(doc.context["date"]))
        out.extend(self._source(doc, d, g, published is not None))

        sentences: set[Span] = set()
        pages = doc.source.pages if doc.source is not None else ()
        elements = doc.source.elements if doc.source is not None else ()
        element_starts = [at for at, _ in elements]
        for e in doc.entities:
            s = self.entity_iri(e)
            add(s, RDF.type, N(CLASSES[e.type]))
            add(s, KG.mentionedIn, d)
            for label in sorted(e.labels):
                add(s, SKOS.altLabel, vi(label))
            if e.type == "Resolution":
                if e.attrs.number:
                    add(s, KG.documentNumber, ox.Literal(e.attrs.number))
                if e.attrs.date:
                    add(s, KG.documentDate, ox.Literal(e.attrs.date, datatype=_DATE))
                if e.attrs.doc_type:
                    add(s, KG.documentType, N(KG._NS[e.attrs.doc_type]))
            if e.type in ("Ward", "Place") and e.attrs.code:
                add(s, KG.officialCode, ox.Literal(e.attrs.code))
                if e.attrs.successor:
                    add(s, KG.mergedInto, ox.NamedNode(self.iris.entity("Ward", e.attrs.successor.iri_key)))
            for m in e.mentions:
                mi = ox.NamedNode(self.iris.char(doc.stem, m.span.begin, m.span.end))
                sent = doc.sentence_of(m.span)
                sentences.add(sent)
                add(mi, RDF.type, N(KG.Mention))
                add(mi, NIF.anchorOf, quote(m.text))
                add(mi, NIF.beginIndex, count(m.span.begin))
                add(mi, NIF.endIndex, count(m.span.end))
                add(mi, NIF.referenceContext, d)
                add(mi, NIF.sentence, ox.NamedNode(self.iris.char(doc.stem, sent.begin, sent.end)))
                add(mi, ITSRDF.taIdentRef, s)
                if pages:
                    add(mi, KG.pageNumber, count(bisect_right(pages, m.span.begin)))
                if elements:
                    path = elements[bisect_right(element_starts, m.span.begin) - 1][1]
                    if path:
                        add(mi, KG.elementPath, ox.Literal(path))

        for f in doc.facts:
            sentences.add(f.sentence)
            sent = ox.NamedNode(self.iris.char(doc.stem, f.sentence.begin, f.sentence.end))
            if f.predicate in ("holdsPost", "memberOf"):
                out.extend(self._membership(f, d, sent, g, f.date))
            else:
                s, o = self.entity_iri(f.subject), self.entity_iri(f.object)
                p = N(EDGE_PROPERTIES[f.predicate])
                add(s, p, o)
                st = ox.NamedNode(self.iris.fact(doc.stem, f.predicate, s.value, o.value))
                add(st, RDF.type, N(RDF.Statement))
                add(st, RDF.subject, s)
                add(st, RDF.predicate, p)
                add(st, RDF.object, o)
                add(st, PROV.wasDerivedFrom, sent)

        for fn in doc.footnotes:  # a footnote's sentences point to the sentence citing it
            if fn.marker is None:
                continue
            body = doc.norm.span(*fn.body)
            cited = [s for s in sentences if body.contains(s)]
            if cited:
                citing = doc.sentence_of(doc.norm.span(fn.marker, fn.marker + 1))
                sentences.add(citing)
                for s in cited:
                    add(ox.NamedNode(self.iris.char(doc.stem, s.begin, s.end)), KG.footnoteOf,
                        ox.NamedNode(self.iris.char(doc.stem, citing.begin, citing.end)))

        for span in sentences:
            si = ox.NamedNode(self.iris.char(doc.stem, span.begin, span.end))
            add(si, RDF.type, N(NIF.Sentence))
            add(si, NIF.anchorOf, quote(doc.text[span.begin:span.end]))
            add(si, NIF.beginIndex, count(span.begin))
            add(si, NIF.endIndex, count(span.end))
            add(si, NIF.referenceContext, d)
        return out

    def _source(self, doc: Doc, d, g, dated: bool) -> list[ox.Quad]:
        """What the file says of the document: its format, and the title, URL, publisher,
        publication date and capture date it gives (``readers.Part``)."""
        part = doc.source
        fmt = part.format if part is not None else "text/plain"
        out = [ox.Quad(d, N(DCTERMS.format), ox.Literal(fmt), g)]
        if part is None:
            return out
        if part.title:
            out.append(ox.Quad(d, N(DCTERMS.title), vi(" ".join(part.title.split())), g))
        if part.url:  # checked by ingest.read: an absolute http(s) IRI
            out.append(ox.Quad(d, N(SCHEMA.url), ox.NamedNode(part.url), g))
        if part.publisher:
            out.append(ox.Quad(d, N(KG.publisherName), quote(" ".join(part.publisher.split())), g))
        if part.published and not dated:
            out.append(ox.Quad(d, N(KG.publicationDate), date_literal(part.published), g))
        if part.captured:
            out.append(ox.Quad(d, N(KG.capturedAt), ox.Literal(part.captured, datatype=_DATETIME), g))
        return out

    def _membership(self, f: Fact, d, sent, g, date: str | None) -> list[ox.Quad]:
        """A post as an org:Membership; the date that attests it (its sentence's, else the
        document's content date) lies inside the membership's interval
        (``org:memberDuring``/``time:inside``)."""
        role = f.role or "Thành viên"
        iri = self.iris.membership(f.subject.key, role, f.object.key)
        m = ox.NamedNode(iri)
        triples = [
            (m, RDF.type, N(ORG.Membership)),
            (m, ORG.member, self.entity_iri(f.subject)),
            (m, ORG.organization, self.entity_iri(f.object)),
            (m, ORG.role, ox.NamedNode(self.iris.role(role))),
            (m, KG.attestedIn, d),
            (m, PROV.wasDerivedFrom, sent),
        ]
        if date:
            during = ox.NamedNode(self.iris.part(iri, "during"))
            instant = ox.NamedNode(self.iris.instant(date))
            triples += [
                (m, ORG.memberDuring, during),
                (during, RDF.type, N(TIME.Interval)),
                (during, TIME.inside, instant),
                (instant, RDF.type, N(TIME.Instant)),
                (instant, TIME.inXSDDate if len(date) == 10 else TIME.inXSDgYearMonth, date_literal(date)),
            ]
        return [ox.Quad(s, N(p), o, g) for s, p, o in triples]

    # -- the corpus -----------------------------------------------------------------
    def corpus(self, docs: list[Doc]) -> list[ox.Quad]:
        g = ox.NamedNode(self.iris.corpus_graph())
        out: list[ox.Quad] = []

        def add(s, p, o):
            out.append(ox.Quad(s, N(p), o, g))

        ds = ox.NamedNode(self.iris.dataset())
        add(ds, RDF.type, N(VOID.Dataset))
        add(ds, OWL.imports, ox.NamedNode(ONTOLOGY_IRI))
        # the build's provenance: the extraction, by which version of kg, from which
        # documents; when it ran is build.json's (the graph files stay the same bytes)
        activity, software = ox.NamedNode(self.iris.activity()), ox.NamedNode(self.iris.software(__version__))
        add(ds, PROV.wasGeneratedBy, activity)
        add(activity, RDF.type, N(PROV.Activity))
        add(activity, RDFS.label, ox.Literal("kg build: extraction and resolution", language="en"))
        add(activity, PROV.wasAssociatedWith, software)
        add(software, RDF.type, N(PROV.SoftwareAgent))
        add(software, RDFS.label, ox.Literal(f"kg {__version__}"))
        for doc in docs:
            add(ds, DCTERMS.source, ox.NamedNode(self.iris.document(doc.stem)))
            add(activity, PROV.used, ox.NamedNode(self.iris.document(doc.stem)))

        names: dict[ox.NamedNode, Counter] = defaultdict(Counter)  # each spelling, how many mentions
        official: dict[ox.NamedNode, str] = {}  # the name the unit lists give
        used_roles: set[str] = set()
        for doc in docs:
            for e in doc.entities:
                iri = self.entity_iri(e)
                names[iri].update(m.name for m in e.mentions)
                if e.attrs.official_name:
                    official.setdefault(iri, e.attrs.official_name)
            used_roles.update(f.role or "Thành viên" for f in doc.facts
                              if f.predicate in ("holdsPost", "memberOf"))
        successors = {e.attrs.successor for doc in docs for e in doc.entities
                      if e.type == "Ward" and e.attrs.successor}
        for unit in successors:  # the 2025 communes, known from the official list only
            s = ox.NamedNode(self.iris.entity("Ward", unit.iri_key))
            add(s, RDF.type, N(KG.Ward))
            add(s, KG.officialCode, ox.Literal(unit.code))
            names[s][unit.name] += 1
            official[s] = unit.name
        for s, ns in names.items():
            label = preferred(ns, official.get(s))
            add(s, SKOS.prefLabel, vi(label))
            add(s, SKOS.hiddenLabel, quote(search_key(label)))  # what canned queries search
        for s, date in self._event_dates(docs).items():
            add(s, KG.startDate, ox.Literal(date, datatype=_DATE))

        scheme = ox.NamedNode(self.iris.role_scheme())
        if used_roles:
            add(scheme, RDF.type, N(SKOS.ConceptScheme))
            add(scheme, SKOS.prefLabel, vi("Chức danh"))
            add(scheme, SKOS.prefLabel, ox.Literal("Post titles", language="en"))
        for title in used_roles:
            r = ox.NamedNode(self.iris.role(title))
            add(r, RDF.type, N(KG.Role))
            add(r, SKOS.inScheme, scheme)
            add(r, SKOS.prefLabel, vi(title))
            if title in self._roles:
                add(r, SKOS.prefLabel, ox.Literal(self._roles[title].english, language="en"))
        return out

    def _event_dates(self, docs: list[Doc]) -> dict[ox.NamedNode, str]:
        """One start date per event over all documents: the most trusted reading (a date in
        the mention's sentence before a lead's), the earliest among equals."""
        best: dict[ox.NamedNode, tuple[int, str]] = {}
        for doc in docs:
            for e in doc.entities:
                if e.type == "Event" and e.key in doc.event_dates:
                    date, trust = doc.event_dates[e.key]
                    s = self.entity_iri(e)
                    if len(date) == 10 and (s not in best or (trust, date) < best[s]):
                        best[s] = (trust, date)
        return {s: date for s, (_, date) in best.items()}
