"""The ``kg`` command line: build, export and stats on a real build of the bundled corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.store import named_quads

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
N_DOCS = len(list(CORPUS.glob("*.txt")))
DEFAULT_BASE = "https://w3id.org/vn-gov-kg/id/"
ONTOLOGY = "https://w3id.org/vn-gov-kg/ontology"
OTHER_BASE = "https://example.org/x/"

# format option -> (rdflib parser, container)
FORMATS = {
    "turtle": ("turtle", rdflib.Graph),
    "ntriples": ("nt", rdflib.Graph),
    "rdfxml": ("xml", rdflib.Graph),
    "nquads": ("nquads", rdflib.Dataset),
    "trig": ("trig", rdflib.Dataset),
    "jsonld": ("json-ld", rdflib.Dataset),
}


def kg_cli(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the whole corpus: (OUT, the CliRunner result)."""
    out = tmp_path_factory.mktemp("cli") / "out"
    result = kg_cli("build", CORPUS, "-o", out)
    return out, result


@pytest.fixture(scope="module")
def out(built):
    out, result = built
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def store_len(out) -> int:
    store = pyoxigraph.Store.read_only(str(out / "store"))
    n = sum(1 for _ in named_quads(store))  # the default graph, their merge, aside
    del store
    return n


@pytest.fixture(scope="module")
def ttl_triples(out) -> int:
    return len(rdflib.Graph().parse(out / "graph.ttl", format="turtle"))


# --------------------------------------------------------------------------- help and version

def test_help_describes_the_commands():
    result = kg_cli("--help")
    assert result.exit_code == 0
    for word in ("build", "export", "stats", "Usage:"):
        assert word in result.stdout
    assert kg_cli("-h").stdout == result.stdout


def test_build_help_describes_the_options():
    result = kg_cli("build", "--help")
    assert result.exit_code == 0
    for word in ("INPUTS", "--out", "-o", "--base-iri", "--quiet", DEFAULT_BASE):
        assert word in result.stdout, word


@pytest.mark.parametrize("command, words", [
    ("export", ("--format", "turtle", "ntriples", "nquads", "trig", "jsonld", "--output", "--build")),
    ("stats", ("--format", "table", "json", "--build")),
])
def test_other_commands_help(command, words):
    result = kg_cli(command, "--help")
    assert result.exit_code == 0
    for word in words:
        assert word in result.stdout, word


def test_version():
    result = kg_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kg, version {kg.__version__}"


# --------------------------------------------------------------------------- build

def test_build_corpus(built):
    out, result = built
    assert result.exit_code == 0, result.output
    assert f"documents: {N_DOCS} built, 0 failed" in result.stdout
    assert "error" not in result.stderr
    assert (out / "graph.trig").is_file() and (out / "graph.trig").stat().st_size > 0
    assert (out / "graph.ttl").is_file() and (out / "graph.ttl").stat().st_size > 0
    assert (out / "store").is_dir()
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["kg_version"] == kg.__version__
    assert report["counts"]["documents"] == N_DOCS == 5
    assert report["counts"]["failed"] == 0
    assert report["failures"] == []
    assert sorted(Path(d["file"]).name for d in report["documents"]) == sorted(
        p.name for p in CORPUS.glob("*.txt"))
    assert not list(out.parent.glob(".out.building-*"))


def test_build_summary_matches_build_json(built, store_len, ttl_triples):
    out, result = built
    counts = json.loads((out / "build.json").read_text(encoding="utf-8"))["counts"]
    assert counts["quads"] == store_len
    assert counts["triples"] == ttl_triples
    assert f"quads: {counts['quads']}; triples in graph.ttl: {counts['triples']}" in result.stdout
    assert f"mentions: {counts['mentions']}" in result.stdout


def test_build_quiet_prints_nothing(tmp_path):
    result = kg_cli("build", CORPUS, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == ""
    assert (tmp_path / "out" / "build.json").is_file()


def test_build_single_file_input(tmp_path):
    doc = sorted(CORPUS.glob("*.txt"))[0]
    result = kg_cli("build", doc, "-o", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["documents"] == 1


def test_base_iri_is_used_for_every_data_iri(tmp_path):
    out = tmp_path / "out"
    result = kg_cli("build", CORPUS, "-o", out, "-q", "--base-iri", OTHER_BASE)
    assert result.exit_code == 0, result.output

    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "w3id.org/vn-gov-kg/id/" not in ttl
    assert "w3id.org/vn-gov-kg/id/" not in trig

    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    iris = {str(term) for triple in graph for term in triple if isinstance(term, rdflib.URIRef)}
    ours = {iri for iri in iris if "vn-gov-kg" in iri or "example.org" in iri}
    assert ours
    for iri in ours:
        assert iri.startswith(OTHER_BASE) or iri.startswith(ONTOLOGY), iri
    for path in CORPUS.glob("*.txt"):
        assert f"{OTHER_BASE}document/{path.stem}" in iris

    ds = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    graph_names = {str(c.identifier) for c in ds.contexts()} - {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    assert graph_names
    for name in graph_names:
        assert name.startswith(OTHER_BASE) or name.startswith(ONTOLOGY), name


# --------------------------------------------------------------------------- export

def _count(fmt: str, path: Path) -> int:
    parser, container = FORMATS[fmt]
    data = container()
    data.parse(path, format=parser)
    if container is rdflib.Graph:
        return len(data)
    return len(set(data.quads((None, None, None, None))))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_reparses_with_same_statement_count(out, tmp_path, fmt, store_len, ttl_triples):
    target = tmp_path / f"graph.{fmt}"
    result = kg_cli("export", "--build", out, "-f", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.is_file() and target.stat().st_size > 0
    expected = ttl_triples if FORMATS[fmt][1] is rdflib.Graph else store_len
    assert _count(fmt, target) == expected
    assert f"wrote {expected} statements" in result.stderr


def test_export_turtle_to_stdout_equals_file(out, tmp_path):
    target = tmp_path / "graph.ttl"
    assert kg_cli("export", "--build", out, "-f", "turtle", "-o", target).exit_code == 0
    result = kg_cli("export", "--build", out)  # turtle is the default format
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == target.read_bytes()
    assert len(rdflib.Graph().parse(data=result.stdout_bytes, format="turtle")) > 0


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_deterministic(out, tmp_path, fmt):
    first, second = tmp_path / "a", tmp_path / "b"
    assert kg_cli("export", "--build", out, "-f", fmt, "-o", first).exit_code == 0
    assert kg_cli("export", "--build", out, "-f", fmt, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_export_does_not_change_the_build(out, tmp_path):
    before = {p: p.read_bytes() for p in (out / "graph.ttl", out / "graph.trig", out / "build.json")}
    assert kg_cli("export", "--build", out, "-f", "nquads", "-o", tmp_path / "g.nq").exit_code == 0
    assert {p: p.read_bytes() for p in before} == before


def test_unknown_export_format_is_a_usage_error(out, tmp_path):
    target = tmp_path / "g.n3"
    result = kg_cli("export", "--build", out, "-f", "notation3", "-o", target)
    assert result.exit_code == 2
    assert "notation3" in result.stderr
    assert "Usage:" in result.stderr
    assert not target.exists()


# --------------------------------------------------------------------------- stats

def test_stats_json(out, store_len):
    result = kg_cli("stats", "--build", out, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["quads"] == store_len
    classes = data["classes"]
    assert classes["kg:Document"] == N_DOCS
    for cls in ("kg:Person", "kg:Organisation", "kg:Resolution", "kg:Project", "kg:Ward",
                "kg:Event", "kg:Mention"):
        assert classes.get(cls, 0) >= 1, cls
    assert data["properties"]["rdf:type"] >= sum(classes.values()) // 2
    # one named graph per document, plus the corpus graph and the ontology
    assert data["named_graphs"] == N_DOCS + 3  # the documents', the corpus', the entailed and the ontology


def test_stats_table(out):
    result = kg_cli("stats", "--build", out)
    assert result.exit_code == 0, result.output
    assert "kg:Organisation" in result.stdout
    assert "kg:Document" in result.stdout
    assert "quads in" in result.stdout and "triples in the default graph" in result.stdout
    assert kg_cli("stats", "--build", out, "--format", "table").stdout == result.stdout


def test_stats_unknown_format_is_a_usage_error(out):
    result = kg_cli("stats", "--build", out, "--format", "csv")
    assert result.exit_code == 2
    assert "csv" in result.stderr


# --------------------------------------------------------------------------- no build

@pytest.mark.parametrize("command", [["stats"], ["stats", "--format", "json"], ["export"],
                                     ["export", "-f", "trig"]])
@pytest.mark.parametrize("exists", [False, True], ids=["missing-dir", "empty-dir"])
def test_commands_without_a_build(tmp_path, command, exists):
    nothing = tmp_path / "nothing"
    if exists:
        nothing.mkdir()
    result = kg_cli(*command, "--build", nothing)
    assert result.exit_code == 2
    assert "[E201]" in result.stderr
    assert str(nothing) in result.stderr
    assert result.stdout == ""


def test_export_without_a_build_writes_no_file(tmp_path):
    target = tmp_path / "g.ttl"
    result = kg_cli("export", "--build", tmp_path / "nothing", "-o", target)
    assert result.exit_code == 2
    assert "[E201]" in result.stderr
    assert not target.exists()
