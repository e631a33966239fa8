"""kg query on the corpus build: canned queries, formats, errors."""
import csv
import io
import json

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.query import canned


@pytest.fixture(scope="module")
def out(corpus_build):
    return str(corpus_build[0])


def q(out, *args):
    return CliRunner().invoke(main, ["query", "--build", out, *args])


def test_list_shows_every_canned_query_with_what_it_answers(out):
    res = q(out, "--list")
    assert res.exit_code == 0
    names = set(canned())
    assert {"posts", "issued-by", "in-place", "event-people", "mentioned-in", "sub-organisations",
            "co-mentions"} <= names
    for name in names:
        assert name in res.stdout


@pytest.mark.parametrize("name", sorted(canned()))
def test_each_canned_query_returns_rows_on_the_corpus(out, name):
    res = q(out, name, "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["results"]["bindings"], name


def test_parameters_narrow_a_canned_query(out):
    every = json.loads(q(out, "issued-by", "--format", "json").stdout)["results"]["bindings"]
    some = json.loads(q(out, "issued-by", "-p", "org=Chính phủ", "--format", "json").stdout)["results"]["bindings"]
    assert 0 < len(some) < len(every)
    assert all("Chính phủ" in b["organisation"]["value"] for b in some)


def test_posts_come_with_their_sentence_and_date(out):
    rows = list(csv.DictReader(io.StringIO(q(out, "posts", "--format", "csv").stdout)))
    assert rows and all(r["sentence"] for r in rows)
    assert any(r["date"] for r in rows)


def test_inline_select_in_every_format(out):
    text = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
    table = q(out, text)
    assert table.exit_code == 0 and "kg:Document" in table.stdout
    assert "c,n" in q(out, text, "--format", "csv").stdout.splitlines()[0]
    assert q(out, text, "--format", "tsv").stdout.startswith("?c\t?n")
    assert json.loads(q(out, text, "--format", "json").stdout)["head"]["vars"] == ["c", "n"]
    assert "<sparql" in q(out, text, "--format", "xml").stdout


def test_construct_gives_turtle(out):
    res = q(out, "CONSTRUCT { ?p a ?c } WHERE { ?p a ?c } LIMIT 5")
    assert res.exit_code == 0
    assert len(rdflib.Graph().parse(data=res.stdout, format="turtle")) == 5


def test_query_errors_are_usage_errors_with_the_parser_message(out, tmp_path):
    res = q(out, "SELECT ?x WHERE { ?x ?p }")
    assert res.exit_code == 2 and "E402" in res.stderr and "error at 1:" in res.stderr
    res = q(out, "posts", "-p", "nobody=x")
    assert res.exit_code == 2 and "E401" in res.stderr
    res = q(out, "no-such-query")
    assert res.exit_code == 2 and "E405" in res.stderr
    res = q(out, "SELECT ?s WHERE { ?s ?p ?o }", "--format", "turtle")
    assert res.exit_code == 2 and "E404" in res.stderr
    res = q(str(tmp_path), "posts")
    assert res.exit_code == 2 and "E201" in res.stderr


def test_a_query_from_a_file(out, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?d a <https://w3id.org/vn-gov-kg/ontology#Document> }", encoding="utf-8")
    res = q(out, "-f", str(path))
    assert res.exit_code == 0 and res.stdout.strip() == "true"


def test_the_common_prefixes_and_the_builds_own_need_no_declaration(out):
    res = q(out, "--format", "csv", "SELECT ?label WHERE { ?p a kg:Person ; skos:prefLabel ?label . "
                                     "FILTER(STRSTARTS(STR(?p), STR(person:))) } ORDER BY ?label LIMIT 1")
    assert res.exit_code == 0, res.output
    assert len(res.output.splitlines()) == 2
    for prefix in ("rdf", "rdfs", "skos", "org", "prov", "nif", "schema", "eli", "organisation", "document"):
        res = q(out, f"ASK {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?s), STR({prefix}:))) }}")
        assert res.exit_code == 0, (prefix, res.output)


def test_the_table_compacts_iris_and_cuts_none(out):
    res = q(out, "SELECT ?person ?mention WHERE { ?mention itsrdf:taIdentRef ?person . ?person a kg:Person } "
                 "ORDER BY ?person ?mention LIMIT 3")
    assert res.exit_code == 0, res.output
    assert "person:" in res.output and "…" not in res.output and "https://w3id.org/vn-gov-kg/id/person/" not in res.output


def test_nesting_counts_brackets_outside_strings_iris_and_comments():
    from kg.query import nesting

    assert nesting('SELECT * WHERE { ?s ?p "{{{(((" . <http://a/b(c)#d> ?p ?o } # {{{{') == 1
    assert nesting('SELECT * WHERE { FILTER(?a < ?b && (?c > 1)) { ?s ?p """}}}""" } }') == 3


def test_a_query_nested_too_deep_is_a_usage_error_not_a_crash(out):
    """Oxigraph's parser overflows its stack past about a thousand levels and takes the
    process with it; kg query refuses such a query first (in a process of its own here,
    so that a crash would show as its exit status)."""
    import subprocess
    import sys

    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "--build", out, deep],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    assert "[E406]" in proc.stderr


def test_the_library_reads_each_build_once_and_follows_a_rebuild(tmp_path):
    """kg.query opens a build's store and manifest once (a published build never changes),
    and a query after ``kg build`` has replaced the build reads the new one."""
    import shutil

    import kg
    from conftest import CORPUS
    from kg import query, store

    inp = tmp_path / "in"
    inp.mkdir()
    first, second = sorted(CORPUS.glob("*.txt"))[:2]
    shutil.copy(first, inp)
    out = tmp_path / "out"
    kg.build([inp], out)
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"
    assert store.open_build(out) is store.open_build(out)
    assert int(next(iter(query.run(out, count)))["n"].value) == 1
    shutil.copy(second, inp)
    kg.build([inp], out)
    assert int(next(iter(query.run(out, count)))["n"].value) == 2
    assert len(store.manifest(out)["documents"]) == 2
