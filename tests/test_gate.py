"""The SHACL gate of kg build and the kg validate command, with shapes written here so
that the tests say exactly what they expect of the gate."""
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

from conftest import CORPUS

# Every event must have an end date: the corpus has events and kg writes no end dates,
# so each event violates this shape; persons get a warning for not being Jane.
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/vn-gov-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/shapes#> .
ex:EventDated a sh:NodeShape ; sh:targetClass kg:Event ;
    sh:property [ sh:path kg:endDate ; sh:minCount 1 ; sh:message "an event needs an end date" ] .
ex:PersonNamedJane a sh:NodeShape ; sh:targetClass kg:Person ; sh:severity sh:Warning ;
    sh:property [ sh:path skos:prefLabel ; sh:hasValue "Jane"@vi ; sh:severity sh:Warning ;
                  sh:message "not Jane" ] .
"""
EVENT = "https://w3id.org/vn-gov-kg/ontology#Event"


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    path = tmp_path_factory.mktemp("shapes") / "test-shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gated(tmp_path_factory, shapes):
    out = tmp_path_factory.mktemp("gated") / "out"
    res = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(out), "--shapes", str(shapes)])
    assert res.exit_code == 0, res.output
    return out, res


def test_violating_facts_are_quarantined_not_published(gated):
    out, res = gated
    published = ox.Store.read_only(str(out / "store"))
    assert not list(published.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                 ox.NamedNode(EVENT)))
    quarantine = list(ox.parse(path=str(out / "quarantine.trig")))
    assert any(q.object == ox.NamedNode(EVENT) for q in quarantine)
    assert (out / "validation.ttl").read_text(encoding="utf-8").count("sh:ValidationResult") > 0
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))["validation"]
    assert report["violations"] > 0 and report["quarantined_quads"] == len(quarantine)
    assert report["by_shape"]
    assert "quarantined" in res.output and "SHACL" in res.output


def test_warnings_do_not_quarantine(gated):
    out, _ = gated
    published = ox.Store.read_only(str(out / "store"))
    person = ox.NamedNode("https://w3id.org/vn-gov-kg/ontology#Person")
    assert list(published.quads_for_pattern(None, None, person))


def test_strict_fails_and_keeps_the_previous_output(tmp_path, shapes):
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(CORPUS), "-o", str(out), "--no-validate"])
    assert first.exit_code == 0, first.output
    before = (out / "graph.ttl").read_bytes()
    res = runner.invoke(main, ["build", str(CORPUS), "-o", str(out), "--shapes", str(shapes), "--strict"])
    assert res.exit_code == 1
    assert "E304" in res.stderr
    assert (out / "graph.ttl").read_bytes() == before
    assert [p.name for p in tmp_path.glob(".out.*")] == [".out.builds"]
    assert [p.name for p in (tmp_path / ".out.builds").iterdir()] == [out.resolve().name]


def test_validate_command_on_a_build_and_on_a_file(gated, shapes, tmp_path):
    out, _ = gated
    runner = CliRunner()
    # the published graph conforms to these shapes: its events were quarantined
    res = runner.invoke(main, ["validate", str(out), "--shapes", str(shapes)])
    assert res.exit_code == 0, res.output
    assert "conforms" in res.stdout and "WARNING" in res.stdout
    # the quarantine does not
    res = runner.invoke(main, ["validate", str(out / "quarantine.trig"), "--shapes", str(shapes),
                               "--format", "json"])
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert data["conforms"] is False and data["violations"] > 0
    assert all(r["message"] == "an event needs an end date" for r in data["results"] if r["severity"] == "violation")
    res = runner.invoke(main, ["validate", str(out / "quarantine.trig"), "--shapes", str(shapes),
                               "--format", "turtle"])
    assert res.exit_code == 1 and "sh:ValidationReport" in res.stdout


def test_validate_text_report_names_labels_and_source_sentences(tmp_path, shapes):
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(CORPUS), "-o", str(out), "--no-validate"]).exit_code == 0
    res = runner.invoke(main, ["validate", str(out), "--shapes", str(shapes)])
    assert res.exit_code == 1
    assert "VIOLATION https://example.org/shapes#EventDated" in res.stdout
    assert "source: “" in res.stdout  # the sentence each event was read from
    assert "Hội nghị" in res.stdout  # events are shown by their labels, not only IRIs
    assert "does not conform" in res.stdout.splitlines()[-1]


def test_usage_errors(tmp_path, shapes):
    runner = CliRunner()
    res = runner.invoke(main, ["validate", str(tmp_path / "missing.ttl"), "--shapes", str(shapes)])
    assert res.exit_code == 2 and "E001" in res.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    res = runner.invoke(main, ["validate", str(bad), "--shapes", str(shapes)])
    assert res.exit_code == 2 and "E303" in res.stderr
    good = tmp_path / "good.ttl"
    good.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .", encoding="utf-8")
    res = runner.invoke(main, ["validate", str(good), "--shapes", str(bad)])
    assert res.exit_code == 2 and "E302" in res.stderr
    res = runner.invoke(main, ["validate", str(good), "--shapes", str(tmp_path / "none")])
    assert res.exit_code == 2 and "E301" in res.stderr


def test_the_published_graph_of_a_gated_build_conforms_to_the_project_shapes(gated):
    """Quarantining the events takes their mentions, facts and incoming links with them."""
    out, _ = gated
    res = CliRunner().invoke(main, ["validate", str(out)])
    assert res.exit_code == 0, res.stdout[-3000:]
