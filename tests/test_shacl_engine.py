"""kg.shacl, the SHACL engine on Oxigraph, against pySHACL, the reference: the same
report (Report.to_turtle, blank nodes named by content) on every shape fixture, on the
bundled corpus with and without the audit constraints, on graphs broken at random, and the
same ``kg validate`` output from either engine."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF, SH, XSD

from kg import shacl
from kg.cli import main
from kg.validate import Report, load_ontology, load_shapes, store_of, validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "data" / "shapes").glob("*.ttl"))
SHAPES = load_shapes()
AUDIT = load_shapes()
AUDIT.remove((None, SH.deactivated, None))
ONTOLOGY = load_ontology()


def _store(graph: rdflib.Graph) -> ox.Store:
    return store_of(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))


def both(graph: rdflib.Graph, shapes: rdflib.Graph = SHAPES) -> tuple[Report, Report]:
    """The reports of the two engines on a copy of ``graph`` each."""
    copy = rdflib.Graph()
    for triple in graph:
        copy.add(triple)
    return (validate(_store(graph), shapes, ONTOLOGY, engine="oxigraph", inplace=True),
            validate(copy, shapes, ONTOLOGY, engine="pyshacl", inplace=True))


def assert_same(graph: rdflib.Graph, shapes: rdflib.Graph = SHAPES) -> Report:
    ours, theirs = both(graph, shapes)
    assert ours.to_turtle() == theirs.to_turtle()
    assert ours.to_json() == theirs.to_json()
    return ours


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_gives_pyshacls_report(fixture):
    graph = rdflib.Graph().parse(fixture, format="turtle")
    audit = "audit: true" in fixture.read_text(encoding="utf-8").split("@prefix", 1)[0]
    report = assert_same(graph, AUDIT if audit else SHAPES)
    if ".violating" in fixture.name:
        assert report.results  # a fixture made to fail fails in both


def test_a_failed_sh_node_carries_the_nested_results_as_details():
    fixture = ROOT / "tests" / "data" / "shapes" / "MembershipShape.violating.interval-without-instant.ttl"
    report = validate(_store(rdflib.Graph().parse(fixture, format="turtle")), SHAPES, ONTOLOGY)
    details = list(report.graph.subject_objects(SH.detail))
    assert details
    for outer, inner in details:
        assert report.graph.value(outer, SH.sourceConstraintComponent) == SH.NodeConstraintComponent
        assert report.graph.value(inner, SH.focusNode) == rdflib.URIRef("https://example.org/membership#during")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("engine") / "out"
    assert kg.build([ROOT / "corpus"], out).ok
    return out, rdflib.Graph().parse(out / "graph.ttl", format="turtle")


def test_the_corpus_gives_pyshacls_report(corpus):
    _, graph = corpus
    assert_same(graph)


@pytest.mark.slow
def test_the_corpus_gives_pyshacls_report_with_the_audit_constraints(corpus):
    _, graph = corpus
    assert_same(graph, AUDIT)


_KG = "https://w3id.org/vn-gov-kg/ontology#"
_BREAKS = st.sampled_from(["drop", "second-label", "string-date", "english-label", "type", "blank", "loop"])


@pytest.fixture(scope="module")
def small(corpus):
    """The quads of one seed document's graph and the corpus graph's facts about them:
    a few thousand triples, which pySHACL validates in about a second."""
    out, graph = corpus
    dataset = rdflib.Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    documents = [g for g in dataset.graphs() if "/id/graph/" in str(g.identifier)
                 and not str(g.identifier).endswith(("/corpus", "/entailed"))]
    first = min(documents, key=lambda g: (len(g), str(g.identifier)))
    nodes = {s for s in first.subjects()}
    small = rdflib.Graph()
    for triple in graph:
        if triple[0] in nodes or triple in first:
            small.add(triple)
    for triple in ONTOLOGY:
        small.add(triple)
    return small


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(breaks=st.lists(st.tuples(_BREAKS, st.integers(min_value=0, max_value=10_000)), min_size=1, max_size=6))
@pytest.mark.slow
def test_graphs_broken_at_random_give_pyshacls_report(small, breaks):
    """Each break is a kind of defect the shapes catch (a triple gone, a second preferred
    label, a date as a string, an English label, a wrong class, a blank node, a loop),
    made on a node picked by the number."""
    graph = rdflib.Graph()
    for triple in small:
        graph.add(triple)
    triples = sorted(graph)
    entities = sorted(s for s in graph.subjects(RDF.type, None) if str(s).startswith("https://w3id.org/vn-gov-kg/id/"))
    for kind, n in breaks:
        node = entities[n % len(entities)]
        if kind == "drop":
            graph.remove(triples[n % len(triples)])
        elif kind == "second-label":
            graph.add((node, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
                       rdflib.Literal(f"Tên {n}", lang="vi")))
        elif kind == "string-date":
            graph.add((node, rdflib.URIRef(_KG + "documentDate"), rdflib.Literal("25/10/2024")))
        elif kind == "english-label":
            graph.add((node, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#altLabel"),
                       rdflib.Literal("a name", lang="en")))
        elif kind == "type":
            graph.add((node, RDF.type, rdflib.URIRef(_KG + ("Person", "Event", "Place")[n % 3])))
        elif kind == "blank":
            graph.add((rdflib.BNode(), RDF.type, rdflib.URIRef(_KG + "Organisation")))
        else:
            other = entities[(n + 1) % len(entities)]
            graph.add((node, rdflib.URIRef(_KG + "locatedIn"), other))
            graph.add((other, rdflib.URIRef(_KG + "locatedIn"), node))
            graph.add((node, rdflib.URIRef(_KG + "documentDate"), rdflib.Literal("1900-01-01", datatype=XSD.date)))
    assert_same(graph)


def test_what_the_engine_does_not_run_is_refused_not_skipped():
    shapes = load_shapes()
    shape = rdflib.URIRef("https://w3id.org/vn-gov-kg/shapes#OrganisationShape")
    shapes.add((shape, SH.closed, rdflib.Literal(True)))
    with pytest.raises(shacl.UnsupportedShapes, match="sh:closed.*--engine pyshacl"):
        shacl.validate(ox.Store(), shapes)


def test_kg_validate_gives_the_same_answer_with_either_engine(corpus, tmp_path):
    out, graph = corpus
    broken = tmp_path / "broken.ttl"
    organisation = next(graph.subjects(RDF.type, rdflib.URIRef(_KG + "Organisation")))
    graph = rdflib.Graph() + graph
    graph.add((organisation, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
               rdflib.Literal("Tên thứ hai", lang="vi")))
    graph.serialize(broken, format="turtle")
    runner = CliRunner()
    for target, status in ((out, 0), (broken, 1)):
        answers = [runner.invoke(main, ["validate", str(target), "--format", "json", "--engine", engine])
                   for engine in ("oxigraph", "pyshacl")]
        assert [a.exit_code for a in answers] == [status, status], answers[0].output
        assert answers[0].output == answers[1].output
        assert json.loads(answers[0].output)["conforms"] is (status == 0)


def test_a_file_that_cannot_be_parsed_is_named(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    answer = CliRunner().invoke(main, ["validate", str(bad)])
    assert answer.exit_code == 2
    assert "bad.ttl" in answer.output and "cannot be parsed" in answer.output
