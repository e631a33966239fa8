"""A second SHACL engine, Apache Jena (Debian's libapache-jena-java, installed by .ci/run),
runs the same shapes: the corpus graph and each shape's violating fixture must get the
same verdict as from pySHACL (the same results, on the same focus nodes, with the same
severities). Jena's ``sh:conforms`` is false as soon as there is any result, warnings
included; kg's verdict counts violations only, so the results are compared, not that flag.

Jena's class path, with the fix Debian's package needs, is bench/jena.py's (the SHACL
benchmark runs the same command).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SH

import kg
from kg.validate import load_ontology, load_shapes, validate

from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT))
from bench.jena import PACKAGE as JENA_PACKAGE  # noqa: E402
from bench.jena import classpath as jena_classpath  # noqa: E402

pytestmark = pytest.mark.slow
FIXTURES = ROOT / "tests" / "data" / "shapes"
SHAPES = ROOT / "shapes" / "kg-shapes.ttl"


@pytest.fixture(scope="module")
def jena(tmp_path_factory):
    """The command that runs Jena's SHACL validator, or a skip (a failure on CI)."""
    classpath = jena_classpath(tmp_path_factory.mktemp("jena-fix"))
    if classpath is None:
        if os.environ.get("CI"):
            pytest.fail(f"{JENA_PACKAGE} or java is missing on CI: .ci/run must install them")
        pytest.skip(f"{JENA_PACKAGE} is not installed")
    return ["java", "-cp", classpath, "shacl.shacl", "validate", "--shapes", str(SHAPES), "--data"]


_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def _jena_results(jena, data: Path) -> set[tuple[str, str]]:
    """(focus node, severity) of every result Jena reports."""
    proc = subprocess.run(jena + [str(data)], capture_output=True, text=True, timeout=300)
    report = rdflib.Graph().parse(data=proc.stdout, format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in report, proc.stderr[-2000:]
    return {(str(report.value(r, SH.focusNode)), _SEVERITY[report.value(r, SH.resultSeverity)])
            for r in report.subjects(RDF.type, SH.ValidationResult)}


def _ours(report) -> set[tuple[str, str]]:
    return {(r.focus, r.severity) for r in report.results}


def test_same_verdict_on_the_corpus_graph(jena, tmp_path):
    out = tmp_path / "out"
    assert kg.build([CORPUS], out).ok
    ours = validate(rdflib.Graph().parse(out / "graph.ttl"), load_shapes(SHAPES), load_ontology())
    theirs = _jena_results(jena, out / "graph.ttl")
    assert ours.conforms and not any(sev == "violation" for _, sev in theirs)
    assert _ours(ours) == theirs  # the same warnings too


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*Shape.violating.ttl")), ids=lambda p: p.stem)
def test_same_verdict_on_each_violating_fixture(jena, fixture, tmp_path):
    data = rdflib.Graph().parse(fixture)
    ours = validate(data, load_shapes(SHAPES), load_ontology())
    # Jena reads only the data file: give it the ontology too, as pySHACL gets it.
    merged = tmp_path / "data.ttl"
    (data + load_ontology()).serialize(merged, format="turtle")
    theirs = _jena_results(jena, merged)
    assert _ours(ours) == theirs
    assert theirs  # a violating fixture gives a result in both engines


def _arq_count(jena, data: Path, query: str) -> int:
    """A count asked of Jena's ARQ over the exported dataset."""
    proc = subprocess.run(jena[:3] + ["arq.sparql", "--data", str(data), "--results", "CSV", query],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return int(proc.stdout.splitlines()[1])


def test_jena_counts_the_statements_and_organisations_kg_counts(jena, corpus_build):
    """Jena reads graph.trig and merges its graphs itself; kg's default graph must give the
    same numbers: the statements, and the organisations the build summary reports."""
    from click.testing import CliRunner

    from kg.cli import main

    out, result = corpus_build

    def ours(query: str) -> int:
        res = CliRunner().invoke(main, ["query", "--build", str(out), "--format", "csv", query])
        assert res.exit_code == 0, res.output
        return int(res.output.splitlines()[1])

    merged = "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
    assert ours("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == _arq_count(jena, out / "graph.trig", merged)
    orgs = "SELECT (COUNT(DISTINCT ?e) AS ?n) { GRAPH ?g { ?e a <https://w3id.org/vn-gov-kg/ontology#Organisation> } }"
    assert _arq_count(jena, out / "graph.trig", orgs) == result.entities["Organisation"] \
        == ours("SELECT (COUNT(?e) AS ?n) { ?e a <https://w3id.org/vn-gov-kg/ontology#Organisation> }")


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml", "nquads", "trig", "jsonld"])
def test_jena_and_oxigraph_read_every_export(jena, corpus_build, tmp_path, fmt):
    """Each export format, read back by Jena's RIOT and by Oxigraph's parser, holds the
    statements kg export says it wrote. Jena's RDF/XML reader warns (W131, and so exits 1)
    on the literals that quote a source in its own Unicode form, not NFC: a NIF anchor is
    the text at its offsets, as written. JSON-LD is read by Jena's JSON-LD 1.0 reader
    (jsonld-java): Debian's Jena 4.5 ships its 1.1 reader (Titanium) without an implementation
    of Jakarta JSON, so that reader fails on any JSON-LD document, "LOADING_DOCUMENT_FAILED"."""
    import re as _re

    import pyoxigraph as ox

    from kg.export import FORMATS, export

    out, _ = corpus_build
    suffix = {"turtle": "ttl", "ntriples": "nt", "rdfxml": "rdf", "nquads": "nq", "trig": "trig", "jsonld": "jsonld"}[fmt]
    target = tmp_path / f"graph.{suffix}"
    n = export(out, fmt, target)
    simple = Path("/usr/share/java/slf4j-simple.jar")  # Jena's warnings shown, to tell them apart
    classpath = ":".join([p for p in jena[2].split(":") if "slf4j-nop" not in p] + [str(simple)]) \
        if simple.is_file() else jena[2]
    syntax = ["--syntax=jsonld10"] if fmt == "jsonld" else []
    proc = subprocess.run(["java", "-cp", classpath, "riotcmd.riot", *syntax, "--count", str(target)], capture_output=True,
                          text=True, timeout=300)
    warnings = [line for line in proc.stderr.splitlines() if " WARN " in line or " ERROR " in line]
    if fmt == "rdfxml" and simple.is_file():
        assert all("{W131}" in line for line in warnings), warnings[:5]
    else:
        assert proc.returncode == 0 and not warnings, proc.stderr[-2000:]
    counted = _re.search(r"(?:Triples|Quads) = ([\d,]+)", proc.stdout + proc.stderr)
    assert counted and int(counted.group(1).replace(",", "")) == n, proc.stderr[-500:]
    assert len(set(ox.parse(path=str(target), format=FORMATS[fmt]))) == n
