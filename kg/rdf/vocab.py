"""Closed namespaces of every term kg writes (as rdflib's ``DefinedNamespace``).

Asking a closed namespace for a term it does not define raises ``AttributeError``, so a
typo cannot put an undefined term into the graph; a test checks that every ``KG`` term is
defined in ``ontology/kg.ttl``.
"""
from __future__ import annotations

import re

from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/vn-gov-kg/ontology"
DEFAULT_BASE_IRI = "https://w3id.org/vn-gov-kg/id/"


class KG(DefinedNamespace):
    """The project's own ontology (ontology/kg.ttl)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True
    # classes
    Organisation: URIRef
    Person: URIRef
    Resolution: URIRef
    Project: URIRef
    Ward: URIRef
    Place: URIRef
    Event: URIRef
    Document: URIRef
    Mention: URIRef
    Role: URIRef
    DocumentType: URIRef
    DocumentTypes: URIRef
    # object properties
    mentionedIn: URIRef
    mentions: URIRef
    issuedBy: URIRef
    locatedIn: URIRef
    organisedBy: URIRef
    participant: URIRef
    about: URIRef
    documentType: URIRef
    mergedInto: URIRef
    attestedIn: URIRef
    footnoteOf: URIRef
    # datatype properties
    documentNumber: URIRef
    documentDate: URIRef
    startDate: URIRef
    publicationDate: URIRef
    contentDate: URIRef
    officialCode: URIRef
    fileName: URIRef
    sha256: URIRef
    characterCount: URIRef
    publisherName: URIRef
    capturedAt: URIRef
    pageNumber: URIRef
    elementPath: URIRef


class SCHEMA(DefinedNamespace):
    """schema.org, the terms kg writes."""

    _NS = Namespace("https://schema.org/")
    _fail = True
    url: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core, the terms kg uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True
    Context: URIRef
    Phrase: URIRef
    Sentence: URIRef
    anchorOf: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef
    sentence: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set, the terms kg uses."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True
    taIdentRef: URIRef


class VOID(DefinedNamespace):
    _NS = Namespace("http://rdfs.org/ns/void#")
    _fail = True
    Dataset: URIRef
    triples: URIRef


#: Prefixes written in Turtle and TriG output.
PREFIXES = {
    "kg": str(KG._NS),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "void": str(VOID._NS),
    "time": str(TIME),
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
}

#: What a prefixed name may hold after its prefix, written as is (SPARQL's PN_LOCAL, ASCII).
_LOCAL = re.compile(r"(?:[A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def compact(iri: str, extra: dict[str, str] | None = None) -> str:
    """``kg:Person`` for an IRI in a known namespace (``PREFIXES`` and ``extra``) whose rest
    is a valid local name, else the IRI."""
    table = {**PREFIXES, **(extra or {})}
    for prefix, ns in sorted(table.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


#: The relation names of the pipeline (model.RELATIONS) as properties of direct edges.
EDGE_PROPERTIES = {
    "subOrganizationOf": ORG.subOrganizationOf,
    "issuedBy": KG.issuedBy,
    "locatedIn": KG.locatedIn,
    "organisedBy": KG.organisedBy,
    "participant": KG.participant,
    "about": KG.about,
}

#: Entity type (model.ALL_TYPES) -> class.
CLASSES = {
    "Organisation": KG.Organisation,
    "Person": KG.Person,
    "Resolution": KG.Resolution,
    "Project": KG.Project,
    "Ward": KG.Ward,
    "Event": KG.Event,
    "Place": KG.Place,
}

__all__ = ["KG", "NIF", "ITSRDF", "VOID", "ORG", "PROV", "SKOS", "RDF", "RDFS", "XSD", "OWL", "TIME",
           "FOAF", "DCTERMS", "PREFIXES", "compact", "EDGE_PROPERTIES", "CLASSES", "ONTOLOGY_IRI",
           "DEFAULT_BASE_IRI"]
