"""The Python API for notebooks: kg.open and kg.to_networkx on the corpus build."""
import networkx as nx
import rdflib
from rdflib.namespace import RDF

import kg
from kg.rdf.vocab import KG


def test_public_api():
    assert set(kg.__all__) == {"build", "open", "to_networkx", "__version__"}


def test_open_gives_an_rdflib_graph_over_the_store(corpus_build):
    out, result = corpus_build
    g = kg.open(out)
    assert isinstance(g, rdflib.Dataset)
    rows = list(g.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"))
    assert int(rows[0][0]) == 5  # prefixes are bound; the default graph is the union
    persons = set(g.subjects(RDF.type, KG.Person))
    assert persons  # rdflib idioms work on it


def test_to_networkx_has_entities_and_relations(corpus_build):
    out, _ = corpus_build
    n = kg.to_networkx(kg.open(out))
    assert isinstance(n, nx.MultiDiGraph)
    types = {d["type"] for _, d in n.nodes(data=True)}
    assert {"Organisation", "Person", "Resolution", "Ward"} <= types
    relations = {d["relation"] for _, _, d in n.edges(data=True)}
    assert {"holdsPost", "issuedBy", "locatedIn", "subOrganizationOf"} <= relations
    posts = [d for _, _, d in n.edges(data=True) if d["relation"] == "holdsPost"]
    assert all(d["role"] for d in posts)
    only_people = kg.to_networkx(kg.open(out), types=["Person", "Organisation"])
    assert {d["type"] for _, d in only_people.nodes(data=True)} <= {"Person", "Organisation"}


def test_a_post_attested_by_two_memberships_keeps_the_sentences_of_both():
    from rdflib import Literal, URIRef

    from kg.rdf.vocab import NIF, ORG, PROV, SKOS

    g = rdflib.Graph()
    person, org, role = URIRef("urn:x:p"), URIRef("urn:x:o"), URIRef("urn:x:r")
    g.add((person, RDF.type, KG.Person))
    g.add((org, RDF.type, KG.Organisation))
    g.add((role, SKOS.prefLabel, Literal("Chủ tịch", lang="vi")))
    for i, doc in enumerate(("a.txt", "b.txt")):
        m, sentence, d = URIRef(f"urn:x:m{i}"), URIRef(f"urn:x:s{i}"), URIRef(f"urn:x:d{i}")
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, person))
        g.add((m, ORG.organization, org))
        g.add((m, ORG.role, role))
        g.add((m, PROV.wasDerivedFrom, sentence))
        g.add((sentence, NIF.anchorOf, Literal(f"Câu {i}.")))
        g.add((sentence, NIF.referenceContext, d))
        g.add((d, KG.fileName, Literal(doc)))
    n = kg.to_networkx(g)
    (edge,) = [d for _, _, d in n.edges(data=True) if d["relation"] == "holdsPost"]
    assert sorted(s["document"] for s in edge["sources"]) == ["a.txt", "b.txt"]
