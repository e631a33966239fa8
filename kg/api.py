"""The graph of a build for notebooks and scripts: an rdflib Dataset over the build's
Oxigraph store (read-only, by oxrdflib), and a networkx graph of its entities."""
from __future__ import annotations

import difflib
from collections import defaultdict
from pathlib import Path

import networkx as nx
import rdflib
from oxrdflib import OxigraphStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import Errors, KGError
from .model import ALL_TYPES
from .rdf.vocab import CLASSES, DCTERMS, EDGE_PROPERTIES, KG, NIF, ORG, PROV, RDF, SCHEMA, SKOS, TIME
from .query import prefixes
from .store import open_build


class _Store(OxigraphStore):
    """oxrdflib's store over a build, querying Oxigraph's own default graph (the merge of
    the named graphs) unless the query says ``FROM``: rdflib names the ``Dataset``'s default
    graph with each query, which Oxigraph would take over the query's ``FROM``."""

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803 - rdflib's names
        if queryGraph == DATASET_DEFAULT_GRAPH_ID:
            queryGraph = "__QUERY__"  # noqa: N806 - no graph named: the query's dataset
        return super().query(query, initNs, initBindings, queryGraph, **kwargs)


def open(build: str | Path = "out") -> rdflib.Dataset:  # noqa: A001 - the public name of the API
    """The graph of the build in directory ``build`` as an rdflib ``Dataset`` whose default
    graph is the merge of the named graphs (each triple once), the documents' graphs still
    there as named graphs; ``g.query(...)`` runs in Oxigraph."""
    store = _Store(store=open_build(Path(build)))
    ds = rdflib.Dataset(store=store)
    for prefix, ns in prefixes(Path(build)).items():  # the vocabularies' and the build's own (person: …)
        ds.bind(prefix, ns)
    return ds


def to_networkx(graph: rdflib.Graph, types: tuple[str, ...] = ALL_TYPES) -> nx.MultiDiGraph:
    """Entities as nodes, relations as edges.

    ``graph["documents"]`` says what is known of each document's source, by file name
    (``format``, ``title``, ``url``, ``publisher``, ``published``). A node has ``label``,
    ``type`` and ``documents`` (the file names of the documents that
    mention it), and an event ``date`` when the text gives one (``kg:startDate``). An edge
    has ``relation`` (``holdsPost`` for a post, from the person to the organisation, with its
    ``role`` and the ``dates`` that attest it) and ``sources``: a list of ``{"document",
    "sentence"}`` for each sentence the relation was read from (empty when it comes from
    reference data).
    """
    g = nx.MultiDiGraph()
    entities = " UNION ".join(f"{{ ?e a <{CLASSES[t]}> . BIND(\"{t}\" AS ?type) }}" for t in types)
    for row in graph.query(f"SELECT ?e ?type ?label WHERE {{ {entities} "
                           f"OPTIONAL {{ ?e <{SKOS.prefLabel}> ?label }} }}"):
        g.add_node(str(row.e), type=str(row.type), label=str(row.label or row.e), documents=[])
    for row in graph.query(f"SELECT DISTINCT ?e ?file WHERE {{ ?e <{KG.mentionedIn}>/<{KG.fileName}> ?file }} "
                           "ORDER BY ?file"):
        if str(row.e) in g:
            g.nodes[str(row.e)]["documents"].append(str(row.file))

    g.graph["documents"] = _documents(graph)
    for row in graph.query(f"SELECT ?e (MIN(STR(?d)) AS ?date) WHERE {{ ?e <{KG.startDate}> ?d }} GROUP BY ?e"):
        if str(row.e) in g:
            g.nodes[str(row.e)]["date"] = str(row.date)

    sources = _sources(graph)
    for name, prop in EDGE_PROPERTIES.items():
        for s, o in graph.subject_objects(rdflib.URIRef(str(prop))):
            s, o = str(s), str(o)
            if s in g and o in g and not g.has_edge(s, o, key=name):
                g.add_edge(s, o, key=name, relation=name, sources=sources.get((s, str(prop), o), []))
    for row in graph.query(f"""SELECT ?m ?p ?o ?role ?date WHERE {{ ?m <{ORG.member}> ?p ; <{ORG.organization}> ?o .
                               OPTIONAL {{ ?m <{ORG.role}>/<{SKOS.prefLabel}> ?role . FILTER(lang(?role) = "vi") }}
                               OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.inside}>/(<{TIME.inXSDDate}>|<{TIME.inXSDgYearMonth}>) ?date }}
                               }} ORDER BY ?m ?date"""):
        p, o = str(row.p), str(row.o)
        if p in g and o in g:
            role = str(row.role) if row.role is not None else ""
            key = f"holdsPost:{role}"
            found = sources.get((str(row.m), None, None), [])
            if not g.has_edge(p, o, key=key):
                g.add_edge(p, o, key=key, relation="holdsPost", role=role, sources=[], dates=[])
            edge = g.edges[p, o, key]  # the same post may be attested by several memberships
            edge["sources"].extend(x for x in found if x not in edge["sources"])
            if row.date is not None and str(row.date) not in edge["dates"]:
                edge["dates"] = sorted([*edge["dates"], str(row.date)])
    return g


def _documents(graph: rdflib.Graph) -> dict[str, dict]:
    """What is known of each document's source, by file name: its format, and the title,
    URL, publisher and publication date its file gives."""
    found: dict[str, dict] = {}
    for row in graph.query(f"""SELECT ?file ?format ?title ?url ?publisher ?published WHERE {{
            ?d a <{KG.Document}> ; <{KG.fileName}> ?file .
            OPTIONAL {{ ?d <{DCTERMS.format}> ?format }} OPTIONAL {{ ?d <{DCTERMS.title}> ?title }}
            OPTIONAL {{ ?d <{SCHEMA.url}> ?url }} OPTIONAL {{ ?d <{KG.publisherName}> ?publisher }}
            OPTIONAL {{ ?d <{KG.publicationDate}> ?published }} }} ORDER BY ?file"""):
        found[str(row.file)] = {k: str(row[k]) for k in ("format", "title", "url", "publisher", "published")
                                if row[k] is not None}
    return found


def _sources(graph: rdflib.Graph) -> dict[tuple, list[dict]]:
    """The sentences each fact was read from: by (subject, predicate, object) for a
    relation (its ``rdf:Statement``), by (membership, None, None) for a post."""
    found: dict[tuple, list[dict]] = defaultdict(list)
    evidence = f"<{PROV.wasDerivedFrom}> ?sentence . ?sentence <{NIF.anchorOf}> ?text ; " \
               f"<{NIF.referenceContext}>/<{KG.fileName}> ?file ."
    query = f"""SELECT DISTINCT ?s ?p ?o ?file ?text WHERE {{
        {{ ?st a <{RDF.Statement}> ; <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o ; {evidence} }}
        UNION {{ ?s a <{ORG.Membership}> ; {evidence} }}
    }} ORDER BY ?file ?text"""
    for row in graph.query(query):
        key = (str(row.s), str(row.p) if row.p is not None else None, str(row.o) if row.o is not None else None)
        found[key].append({"document": str(row.file), "sentence": " ".join(str(row.text).split())})
    return found


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node for an IRI, the end of an IRI (``organisation/uy-ban-…``) or an exact label."""
    if name in graph:
        return name
    by_tail = [n for n in graph if n.endswith("/" + name.strip("/"))]
    by_label = [n for n, d in graph.nodes(data=True) if d.get("label", "").casefold() == name.casefold()]
    found = by_tail or by_label
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise KGError(Errors.E603.format(name=name, count=len(found), some="; ".join(sorted(found)[:5])))
    labels = {d.get("label", n): n for n, d in graph.nodes(data=True)}
    close = difflib.get_close_matches(name, list(labels), n=3, cutoff=0.6)
    raise KGError(Errors.E602.format(name=name, close="; ".join(close) or "none"))
