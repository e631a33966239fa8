"""The graph of a build for notebooks and scripts: an rdflib Dataset over the build's
Oxigraph store (read-only, by oxrdflib), and a networkx graph of its entities."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import rdflib
from oxrdflib import OxigraphStore

from .model import ALL_TYPES
from .rdf.vocab import CLASSES, EDGE_PROPERTIES, ORG, PREFIXES, SKOS
from .store import open_build


def open(build: str | Path = "out") -> rdflib.Dataset:  # noqa: A001 - the public name of the API
    """The graph of the build in directory ``build`` as an rdflib ``Dataset`` whose default
    graph is the union of the named graphs; ``g.query(...)`` runs in Oxigraph."""
    store = OxigraphStore(store=open_build(Path(build)))
    ds = rdflib.Dataset(store=store, default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def to_networkx(graph: rdflib.Graph, types: tuple[str, ...] = ALL_TYPES) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``type``), relations as edges (``relation``; posts
    are edges person -> organisation with ``relation`` holdsPost and the ``role``)."""
    g = nx.MultiDiGraph()
    entities = " UNION ".join(f"{{ ?e a <{CLASSES[t]}> . BIND(\"{t}\" AS ?type) }}" for t in types)
    for row in graph.query(f"SELECT ?e ?type ?label WHERE {{ {entities} "
                           f"OPTIONAL {{ ?e <{SKOS.prefLabel}> ?label }} }}"):
        g.add_node(str(row.e), type=str(row.type), label=str(row.label or row.e))
    for name, prop in EDGE_PROPERTIES.items():
        for s, o in graph.subject_objects(rdflib.URIRef(str(prop))):
            if str(s) in g and str(o) in g:
                g.add_edge(str(s), str(o), key=name, relation=name)
    for row in graph.query(f"""SELECT ?p ?o ?role WHERE {{ ?m <{ORG.member}> ?p ; <{ORG.organization}> ?o .
                               OPTIONAL {{ ?m <{ORG.role}>/<{SKOS.prefLabel}> ?role . FILTER(lang(?role) = "vi") }} }}"""):
        p, o = str(row.p), str(row.o)
        if p in g and o in g:
            role = str(row.role) if row.role is not None else ""
            g.add_edge(p, o, key=f"holdsPost:{role}", relation="holdsPost", role=role)
    return g
