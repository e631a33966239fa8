"""The project's shapes on a real build with three faults put in: a membership that names
no person, a resolution date typed as a string, a mention whose end is before its
begin. kg validate must list exactly those three problems, with readable labels, and
exit 1; the untouched build conforms and exits 0."""
import json

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, XSD

import kg
from kg.cli import main
from kg.rdf.vocab import KG, NIF, ORG

from conftest import CORPUS


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("faults") / "out"
    result = kg.build([CORPUS], out)
    assert result.ok and result.validation["conforms"], result.validation
    return out


def test_a_fresh_build_conforms(build):
    res = CliRunner().invoke(main, ["validate", str(build)])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[-1].startswith("conforms")


def test_three_faults_three_problems(build, tmp_path):
    g = rdflib.Graph().parse(build / "graph.ttl", format="turtle")
    membership = sorted(g.subjects(RDF.type, ORG.Membership))[0]
    person = g.value(membership, ORG.member)
    g.remove((membership, ORG.member, None))  # 1. a membership with no person
    resolution = sorted(s for s, d in g.subject_objects(KG.documentDate))[0]
    date = g.value(resolution, KG.documentDate)
    g.set((resolution, KG.documentDate, rdflib.Literal(str(date))))  # 2. a date as a plain string
    mention = sorted(g.subjects(RDF.type, KG.Mention))[0]
    begin = int(g.value(mention, NIF.beginIndex))
    g.set((mention, NIF.endIndex, rdflib.Literal(max(begin - 1, 0), datatype=XSD.integer)))  # 3. end < begin
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")

    res = CliRunner().invoke(main, ["validate", str(broken), "--format", "json"])
    assert res.exit_code == 1, res.output
    report = json.loads(res.stdout)
    violations = [r for r in report["results"] if r["severity"] == "violation"]
    focus = {r["focus"] for r in violations}
    assert focus == {str(membership), str(resolution), str(mention)}, violations
    text = CliRunner().invoke(main, ["validate", str(broken)]).stdout
    assert str(g.value(resolution, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))) in text
    assert "does not conform" in text.splitlines()[-1]
    del person


def test_the_report_file_keeps_any_value_exactly():
    """A result whose value holds a line break, quotes and a backslash is written to
    validation.ttl as it is, and read back alike."""
    import rdflib
    from rdflib.namespace import RDF, SH

    from kg.validate import Report

    g = rdflib.Graph()
    report, result = rdflib.BNode(), rdflib.BNode()
    value = rdflib.Literal('hai\ndòng "trích" \\ và\ttab', lang="vi")
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.result, result))
    g.add((result, RDF.type, SH.ValidationResult))
    g.add((result, SH.value, value))
    g.add((result, SH.resultMessage, rdflib.Literal("x\r\ny")))
    text = Report(graph=g).to_turtle()
    back = rdflib.Graph().parse(data=text, format="turtle")
    assert set(back.objects(None, SH.value)) == {value}
    assert set(back.objects(None, SH.resultMessage)) == {rdflib.Literal("x\r\ny")}
    assert Report(graph=g).to_turtle() == text
