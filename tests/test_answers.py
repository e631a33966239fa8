"""Right answers to a researcher's questions.

One number per question: the default graph of every interface is the merge of the
documents' graphs (each triple once), ``FROM <g>`` reads one graph, and the build summary,
``kg stats`` and the query page's own default query count the same entities. The triples
are counted a second time by rdflib from the exported TriG. A unit's preferred label is its
official name, not a typo that happens to sort first, and canned queries match names with or
without diacritics."""
from __future__ import annotations

import html
import json
import re
from importlib import resources

import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.query import run
from kg.stats import stats

KG_NS = "https://w3id.org/vn-gov-kg/ontology#"


def _cli_count(build, query: str) -> int:
    res = CliRunner().invoke(main, ["query", "--build", str(build), "--format", "csv", query])
    assert res.exit_code == 0, res.output
    return int(res.output.splitlines()[1])


def _api_count(build, query: str) -> int:
    return int(next(iter(kg.open(build).query(query)))[0])


def _store_count(build, query: str) -> int:
    return int(next(iter(run(build, query)))[0].value)


COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_the_default_graph_counts_each_statement_once(build, trig):
    graphs, distinct = trig
    assert sum(map(len, graphs.values())) > len(distinct)  # some triples are stated in several graphs
    assert _cli_count(build, COUNT_ALL) == _api_count(build, COUNT_ALL) == _store_count(build, COUNT_ALL) \
        == len(distinct)


def test_the_named_graphs_are_still_there(build, trig):
    graphs, _ = trig
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _cli_count(build, query) == _api_count(build, query) == sum(map(len, graphs.values()))


def test_from_reads_one_documents_graph(build, trig):
    graphs, distinct = trig
    iri, triples = next((g, t) for g, t in sorted(graphs.items()) if "/graph/0" in g)
    query = f"SELECT (COUNT(*) AS ?n) FROM <{iri}> WHERE {{ ?s ?p ?o }}"
    assert len(triples) < len(distinct)
    assert _cli_count(build, query) == _api_count(build, query) == len(triples)


def test_a_mention_is_counted_once_per_time_the_text_names_it(build, trig):
    _, distinct = trig
    mentions = {s for s, p, o in distinct if p == rdflib.RDF.type and str(o) == KG_NS + "Mention"}
    query = f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m a <{KG_NS}Mention> }}"
    assert _cli_count(build, query) == len(mentions)


def _default_query() -> str:
    page = resources.files("kg.server").joinpath("static/index.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', page, re.S).group(1))


def test_summary_stats_and_the_query_pages_default_query_give_one_number(build, corpus_build):
    result = corpus_build[1]
    manifest = json.loads((build / "build.json").read_text(encoding="utf-8"))
    counted = stats(build)["classes"]
    page = {row["type"].value: int(row["count"].value) for row in run(build, _default_query())}
    for type_ in ("Organisation", "Person", "Ward", "Event", "Project", "Resolution"):
        assert result.entities[type_] == manifest["counts"]["entities"][type_] \
            == counted[f"kg:{type_}"] == page[KG_NS + type_], type_
    # ... and fewer than the documents' entities added up, where one is named in several
    assert sum(result.entities.values()) < sum(sum(d["entities"].values()) for d in manifest["documents"])


def test_the_preferred_label_is_the_official_name_then_the_most_frequent_spelling():
    from collections import Counter

    from kg.resolve.entities import preferred

    typo = Counter({"tỉnh Lạng Son": 3, "tỉnh Lạng Sơn": 1})
    assert preferred(typo, "Tỉnh Lạng Sơn") == "tỉnh Lạng Sơn"
    assert preferred(typo) == "tỉnh Lạng Son"  # no official name: the most frequent
    assert preferred(Counter({"UBND tỉnh": 1, "Ủy ban nhân dân tỉnh": 1})) == "Ủy ban nhân dân tỉnh"
    assert preferred(Counter({"huyện Chi Lăng": 1}), "Tỉnh Lạng Sơn") == "huyện Chi Lăng"  # another unit's


def test_a_typo_in_a_footer_does_not_name_the_province(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    footer = "Cổng thông tin điện tử tỉnh Lạng Son. Bản quyền thuộc tỉnh Lạng Son."
    (corpus / "a.txt").write_text("Dự án Khu đô thị Nam Hoàng Đồng tại tỉnh Lạng Sơn được khởi công.\n" + footer,
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Tỉnh Lạng Sơn tổ chức Hội chợ thương mại biên giới năm 2024.\n" + footer,
                                  encoding="utf-8")
    out = tmp_path / "out"
    assert kg.build([corpus], out).ok
    labels = {str(r[0]) for r in kg.open(out).query(
        "SELECT ?l WHERE { ?p a kg:Place ; skos:prefLabel ?l . FILTER(CONTAINS(STR(?l), 'Lạng')) }")}
    assert labels == {"tỉnh Lạng Sơn"}
    for spelling in ("tỉnh Lạng Sơn", "tinh lang son", "LẠNG SƠN"):
        res = CliRunner().invoke(main, ["query", "in-place", "--build", str(out), "-p", f"place={spelling}",
                                        "--format", "csv"])
        assert res.exit_code == 0, res.output
        assert "Khu đô thị Nam Hoàng Đồng" in res.output, spelling


def test_canned_parameters_match_with_or_without_diacritics(build):
    def rows(person: str) -> list[str]:
        res = CliRunner().invoke(main, ["query", "posts", "--build", str(build), "-p", f"person={person}",
                                        "--format", "csv"])
        assert res.exit_code == 0, res.output
        return res.output.splitlines()[1:]

    with_marks = rows("Lâm Thị")
    assert with_marks and rows("lam thi") == with_marks == rows("LÂM THỊ")
    assert rows("Lam Thi Phuong") and not rows("Lâm Văn Không")


STANDARD = [  # (a kg term, a standard term the ontology aligns it to, class or property)
    ("kg:Organisation", "org:Organization", "class"), ("kg:Person", "foaf:Person", "class"),
    ("kg:Person", "schema:Person", "class"), ("kg:Resolution", "eli:LegalResource", "class"),
    ("kg:Event", "schema:Event", "class"), ("kg:Ward", "schema:AdministrativeArea", "class"),
    ("kg:issuedBy", "eli:passed_by", "property"), ("kg:organisedBy", "schema:organizer", "property"),
    ("kg:participant", "schema:attendee", "property"),
]


@pytest.mark.parametrize(("ours", "theirs", "kind"), STANDARD, ids=[s[1] for s in STANDARD])
def test_the_standard_vocabularies_answer(build, ours, theirs, kind):
    """What the ontology's alignments entail is stated, so a store without reasoning
    answers in ORG, FOAF, ELI and schema.org; rdflib, following the ontology's hierarchy
    with a property path over the asserted graphs, gives the same answer."""
    if kind == "class":
        query, path = f"SELECT DISTINCT ?x WHERE {{ ?x a {theirs} }}", f"?x a/rdfs:subClassOf* {theirs}"
    else:
        query, path = (f"SELECT DISTINCT ?x ?y WHERE {{ ?x {theirs} ?y }}",
                       f"?p rdfs:subPropertyOf* {theirs} . ?x ?p ?y")
    got = {tuple(map(str, row)) for row in kg.open(build).query(query)}
    asserted = rdflib.Dataset()
    asserted.parse(build / "graph.trig", format="trig")
    merged = rdflib.Graph()
    for g in asserted.graphs():
        if not str(g.identifier).endswith("/graph/entailed"):
            merged += g
    merged.bind("org", "http://www.w3.org/ns/org#")
    expected = {tuple(map(str, row)) for row in merged.query(
        f"SELECT DISTINCT {'?x' if kind == 'class' else '?x ?y'} WHERE {{ {path} }}",
        initNs={"org": "http://www.w3.org/ns/org#", "foaf": "http://xmlns.com/foaf/0.1/",
                "schema": "https://schema.org/", "eli": "http://data.europa.eu/eli/ontology#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})}
    assert got and got == expected
    assert _cli_count(build, f"SELECT (COUNT(*) AS ?n) WHERE {{ {query} }}") == len(got)  # kg query too


def test_the_entailed_statements_stand_apart_and_add_none_of_kgs_own_types(build):
    entailed = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), '/graph/entailed')) }"
    assert _cli_count(build, entailed) > 0
    kg_types = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?c } FILTER(STRENDS(STR(?g), '/graph/entailed') "
                "&& STRSTARTS(STR(?c), STR(kg:))) }")
    assert _cli_count(build, kg_types) == 0
    in_documents = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a foaf:Person } "
                    "FILTER(!STRENDS(STR(?g), '/graph/entailed')) }")
    assert _cli_count(build, in_documents) == 0


def test_the_build_records_its_provenance_and_keeps_the_time_out_of_the_graph(build, corpus_build):
    rows = list(kg.open(build).query(
        "SELECT ?software ?label (COUNT(DISTINCT ?d) AS ?n) WHERE { ?ds a void:Dataset ; prov:wasGeneratedBy ?a . "
        "?a a prov:Activity ; prov:wasAssociatedWith ?software ; prov:used ?d . ?d a kg:Document . "
        "?software a prov:SoftwareAgent ; rdfs:label ?label } GROUP BY ?software ?label"))
    assert len(rows) == 1
    assert str(rows[0][1]) == f"kg {kg.__version__}"
    assert int(rows[0][2]) == len(corpus_build[1].documents)
    times = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) = xsd:dateTime) }"
    assert _cli_count(build, times) == 0
    assert json.loads((build / "build.json").read_text(encoding="utf-8"))["built_at"].endswith("+00:00")
