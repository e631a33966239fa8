"""kg serve: the real server on a free port, spoken to by real HTTP clients (urllib and
SPARQLWrapper); answers are read back with real parsers (pyoxigraph, rdflib)."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.server import Limits, Server
from kg.store import open_build

LABELS = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?s ?label"
#: Three copies of the graph joined with nothing in common: never finishes on any build.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(build):
    with Server(build, port=0, limits=Limits(timeout=5, max_rows=5000, workers=2,
                                             max_request_bytes=16 * 1024)) as s:
        yield s


@pytest.fixture(scope="module")
def tight(build):
    """A server with small limits: 1 s per query, 5 rows, 2 KiB requests, 4 KiB answers."""
    limits = Limits(timeout=1, max_rows=5, workers=2, max_request_bytes=2048, max_response_bytes=4096)
    with Server(build, port=0, limits=limits) as s:
        yield s


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(server, query: str, accept: str | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{server.url}sparql?{qs}", headers={"Accept": accept} if accept else {})


def direct(build, query: str):
    """The same query on the build's store, with no server in between."""
    return open_build(build).query(query)


def solution_set(results) -> list[tuple]:
    names = [v.value for v in results.variables]
    return sorted(tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in results)


# -- the protocol ----------------------------------------------------------------------


def test_a_sparqlwrapper_client_gets_the_same_answer_as_the_store(server, build):
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(LABELS)
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    got = sorted((b["s"]["value"], b["label"]["value"], b["label"].get("xml:lang")) for b in bindings)
    expected = sorted((s["s"].value, s["label"].value, s["label"].language) for s in direct(build, LABELS))
    assert got == expected and len(got) > 50


@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_answers_in_each_results_format_parse_back_to_the_store_answer(server, build, accept, fmt):
    status, headers, body = get(server, LABELS, accept)
    assert status == 200, body
    assert headers["Content-Type"].startswith(accept)
    if fmt == ox.QueryResultsFormat.CSV:  # lossy (lexical forms only): read with the csv module
        header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        assert header == ["s", "label"] and body.endswith(b"\r\n")
        expected = sorted([s["s"].value, s["label"].value] for s in direct(build, LABELS))
        assert sorted(rows) == expected
    else:
        parsed = ox.parse_query_results(body, format=fmt)
        assert solution_set(parsed) == solution_set(direct(build, LABELS))


def test_ask_answers_a_boolean(server):
    status, _, body = get(server, "ASK { ?s a <https://w3id.org/vn-gov-kg/ontology#Organisation> }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                  ("application/ld+json", "json-ld")])
def test_construct_answers_in_each_graph_format_are_the_store_triples(server, build, accept, rdflib_format):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/vn-gov-kg/ontology#Ward> ; ?p ?o }"
    status, headers, body = get(server, query, accept)
    assert status == 200, body
    assert headers["Content-Type"].startswith(accept)
    got = rdflib.Graph().parse(data=body, format=rdflib_format)
    expected = {(str(t.subject.value), str(t.predicate.value), t.object.value) for t in direct(build, query)}
    assert {(str(s), str(p), str(o)) for s, p, o in got} == expected and expected


def test_post_form_and_post_sparql_query_bodies_are_both_understood(server, build):
    expected = len(solution_set(direct(build, LABELS)))
    form = urllib.parse.urlencode({"query": LABELS}).encode()
    for data, ctype in ((form, "application/x-www-form-urlencoded"), (LABELS.encode(), "application/sparql-query")):
        status, _, body = http(server.url + "sparql", data, {"Content-Type": ctype, "Accept": "application/json"})
        assert status == 200, body
        assert len(json.loads(body)["results"]["bindings"]) == expected


def test_the_format_parameter_overrides_accept_and_unknown_formats_are_named(server):
    status, headers, _ = get(server, LABELS, "application/sparql-results+json", format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, _, body = get(server, LABELS, format="yaml")
    assert status == 400 and b"yaml" in body and b"[E516]" in body


def test_an_unacceptable_media_type_is_refused_with_406_naming_the_available_ones(server):
    status, _, body = get(server, LABELS, "image/png")
    assert status == 406 and b"text/csv" in body
    status, _, body = get(server, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")
    assert status == 406 and b"text/turtle" in body


def test_a_syntax_error_is_a_400_with_the_parser_position(server):
    status, _, body = get(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert b"[E402]" in body and b"1:" in body


def test_requests_without_a_query_or_with_two_are_400(server):
    assert http(server.url + "sparql?format=json")[0] == 400
    assert http(server.url + "sparql", b"", {"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    qs = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    status, _, body = http(f"{server.url}sparql?{qs}")
    assert status == 400 and b"[E513]" in body


def test_other_methods_and_body_types_are_refused(server):
    assert http(server.url + "sparql", b"x", {"Content-Type": "text/plain"})[0] == 415
    status, headers, _ = http(server.url + "sparql", b"", method="PUT")
    assert status == 405 and "POST" in headers["Allow"]


def test_default_graph_uri_restricts_the_query_to_one_document(server, build):
    graphs = [s["g"].value for s in direct(build, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g")]
    one = next(g for g in graphs if not g.endswith("/corpus"))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, all_body = get(server, count, "application/json")
    _, _, one_body = get(server, count, "application/json", **{"default-graph-uri": one})
    n_all = int(json.loads(all_body)["results"]["bindings"][0]["n"]["value"])
    n_one = int(json.loads(one_body)["results"]["bindings"][0]["n"]["value"])
    expected = sum(1 for _ in open_build(build).quads_for_pattern(None, None, None, ox.NamedNode(one)))
    assert 0 < n_one == expected < n_all


def _count(server, query: str, **params) -> int:
    _, _, body = get(server, query, "application/json", **params)
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_the_default_graph_is_the_merge_and_from_reads_one_graph(server, trig):
    """Each triple once without FROM (rdflib counts the distinct triples of the export);
    FROM <g> reads that graph alone, as default-graph-uri does."""
    graphs, distinct = trig
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _count(server, count) == len(distinct) < sum(map(len, graphs.values()))
    one = next(g for g in sorted(graphs) if "/graph/0" in g)
    assert _count(server, f"SELECT (COUNT(*) AS ?n) FROM <{one}> WHERE {{ ?s ?p ?o }}") == len(graphs[one])
    assert _count(server, "SELECT (COUNT(*) AS ?n) FROM NAMED <%s> WHERE { GRAPH ?g { ?s ?p ?o } }" % one) \
        == len(graphs[one])


def test_no_origin_may_read_by_default(server):
    status, headers, _ = http(server.url + "sparql", method="OPTIONS",
                              headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 403
    assert "Access-Control-Allow-Origin" not in headers
    for path in ("sparql?query=ASK%7B%7D", "build", "queries", "id/dataset"):
        status, headers, _ = http(server.url + path, headers={"Origin": "http://example.org"})
        assert status == 403, path
        assert "Access-Control-Allow-Origin" not in headers, path
    assert "Access-Control-Allow-Origin" not in get(server, "ASK {}")[1]


def test_cors_lets_the_named_origin_query_and_read(build):
    with Server(build, port=0, limits=Limits(timeout=5, workers=1, cors=("https://yasgui.example.org",))) as s:
        status, headers, _ = http(s.url + "sparql", method="OPTIONS",
                                  headers={"Origin": "https://yasgui.example.org",
                                           "Access-Control-Request-Method": "POST"})
        assert status == 204
        assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example.org"
        assert "POST" in headers["Access-Control-Allow-Methods"]
        assert "Content-Type" in headers["Access-Control-Allow-Headers"]
        status, headers, body = http(s.url + "sparql?query=ASK%7B%7D",
                                     headers={"Origin": "https://yasgui.example.org", "Sec-Fetch-Site": "cross-site",
                                              "Sec-Fetch-Mode": "cors", "Accept": "application/sparql-results+json"})
        assert status == 200 and json.loads(body)["boolean"] is True
        assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example.org"
        assert "Origin" in headers["Vary"]
        status, headers, _ = http(s.url + "sparql?query=ASK%7B%7D", headers={"Origin": "https://other.example.org"})
        assert status == 403 and "Access-Control-Allow-Origin" not in headers


# -- safety ----------------------------------------------------------------------------

INSERT = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"


def test_every_form_of_sparql_update_is_refused_with_403_and_changes_nothing(server, build):
    before = len(open_build(build))
    attempts = [
        (urllib.parse.urlencode({"update": INSERT}).encode(), "application/x-www-form-urlencoded"),
        (INSERT.encode(), "application/sparql-update"),
        (urllib.parse.urlencode({"query": INSERT}).encode(), "application/x-www-form-urlencoded"),
        (b"PREFIX x: <urn:x:>\n# a comment\nDELETE WHERE { ?s ?p ?o }", "application/sparql-query"),
        (b"DROP ALL", "application/sparql-query"),
        (b"LOAD <http://example.org/data.ttl>", "application/sparql-query"),
    ]
    for data, ctype in attempts:
        status, _, body = http(server.url + "sparql", data, {"Content-Type": ctype})
        assert status == 403 and b"[E501]" in body, (data, status, body)
    assert len(open_build(build)) == before
    assert get(server, "ASK { <urn:x:s> ?p ?o }")[2] == b'{"head":{},"boolean":false}'


def test_sparqlwrapper_update_is_refused(server):
    client = SPARQLWrapper(server.url + "sparql")
    client.setMethod(POST)
    client.setQuery(INSERT)
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        client.query()
    assert "403" in str(info.value) or "E501" in str(info.value)


@pytest.fixture()
def listener():
    """A local HTTP server that records every request it gets (a SERVICE target)."""
    import http.server

    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", seen
    httpd.shutdown()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX : <{url}x> SELECT * {{ SERVICE:x {{ ?a ?b ?c }} }}",
    "SELECT * {{ SERVICESILENT<{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ #\rSERVICE <{url}> {{ ?a ?b ?c }} }}",
    'SELECT * {{ BIND("\\u0022" AS ?a) SERVICE <{url}> {{ ?x ?y ?z }} BIND("\\u0022" AS ?b) }}',
    "SELECT * {{ ?s ?p x:a\\' }} SERVICE <{url}> {{ ?x ?y ?z }} }} # '",
])
def test_service_is_refused_and_no_request_leaves(server, listener, template):
    url, seen = listener
    query = template.format(url=url)
    status, _, body = http(server.url + "sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 403 and b"[E502]" in body
    time.sleep(0.1)
    assert seen == []


def test_the_word_service_anywhere_is_refused_with_a_way_round(server):
    status, _, body = get(server, 'SELECT * WHERE { BIND("Service" AS ?x) }')
    assert status == 403 and b"CONCAT" in body
    status, _, _ = get(server, 'SELECT * WHERE { BIND(CONCAT("Serv", "ice") AS ?x) }')
    assert status == 200


def test_a_query_past_the_time_limit_is_stopped_and_the_server_goes_on(tight):
    pids = set(tight.app.pool.pids)
    status, _, body = get(tight, ENDLESS)
    assert status == 503 and b"[E503]" in body and b"1 s" in body
    status, _, body = get(tight, "ASK { ?s ?p ?o }")
    assert status == 200 and body == b'{"head":{},"boolean":true}'
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(set(tight.app.pool.pids) - pids) == 0:
        time.sleep(0.05)
    gone = pids - set(tight.app.pool.pids)
    assert len(gone) == 1  # the worker of the endless query was replaced ...
    pid = gone.pop()
    with pytest.raises(ProcessLookupError):  # ... and is no longer running
        os.kill(pid, 0)


def test_an_answer_past_the_row_cap_is_refused_not_truncated(tight):
    status, _, body = get(tight, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"[E504]" in body and b"5 rows" in body
    status, _, body = get(tight, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert status == 422
    status, _, body = get(tight, "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "application/json")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5


def doubling(times: int, seed: str = "aaaaaaaaaaaaaaaa") -> str:
    """A one-row query whose answer is ``seed`` doubled ``times`` times."""
    binds = f'BIND("{seed}" AS ?a0) ' + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    return f"SELECT ?a{times} WHERE {{ {binds} }}"


def test_an_answer_over_the_byte_limit_is_refused_not_truncated(tight):
    status, _, body = get(tight, doubling(8), "application/json")  # 4 KiB of text in one row
    assert status == 422 and b"[E517]" in body
    assert get(tight, doubling(4), "application/json")[0] == 200


def test_a_query_that_outgrows_the_memory_limit_ends_alone(build):
    limits = Limits(timeout=60, workers=1, max_memory=1536 << 20)
    with Server(build, port=0, limits=limits) as small:
        status, _, body = get(small, doubling(27).replace("SELECT ?a27", "SELECT (STRLEN(?a27) AS ?n)"))
        assert status == 500 and b"[E510]" in body and b"memory" in body
        assert get(small, "ASK { ?s ?p ?o }")[0] == 200  # a new worker took its place


def test_bad_dataset_iris_are_a_400_and_keep_the_workers(server):
    pids = set(server.app.pool.pids)
    for name in ("default-graph-uri", "named-graph-uri"):
        status, _, body = get(server, "ASK {}", **{name: "not an iri"})
        assert status == 400 and b"not an IRI" in body
    assert set(server.app.pool.pids) == pids


def test_text_that_is_not_utf8_is_a_400(server):
    status, _, body = http(server.url + "sparql", b"query=ASK%20%7B%7D%FF",
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"UTF-8" in body
    status, _, _ = http(server.url + "sparql?query=ASK%20%7B%7D%FF")
    assert status == 400


def test_xml_refuses_a_character_it_cannot_carry_and_keeps_carriage_returns(server):
    query = 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }'
    status, _, body = get(server, query, "application/sparql-results+xml")
    assert status == 406 and b"U+0001" in body
    assert get(server, query, "application/sparql-results+json")[0] == 200
    status, _, body = get(server, 'SELECT ?x WHERE { BIND("a\\rb" AS ?x) }', "application/sparql-results+xml")
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    assert status == 200 and next(parsed)["x"].value == "a\rb"


def test_triple_terms_round_trip_through_tsv(server):
    status, _, body = get(server, 'SELECT ?t WHERE { BIND(TRIPLE(<urn:s>, <urn:p>, "o\\to") AS ?t) }',
                          "text/tab-separated-values")
    direct_tsv = ox.Store().query('SELECT ?t WHERE { BIND(TRIPLE(<urn:s>, <urn:p>, "o\\to") AS ?t) }') \
        .serialize(format=ox.QueryResultsFormat.TSV)
    assert status == 200 and body == direct_tsv


def test_a_description_in_a_results_format_is_406_not_404(server, build):
    iri, _ = _an_organisation(build)
    base = json.loads(http(server.url + "build")[2])["base_iri"]
    status, _, body = http(server.url + "id/" + iri.removeprefix(base) + "?format=json")
    assert status == 406 and b"text/turtle" in body


def test_a_request_over_the_size_limit_is_refused_with_413(tight):
    padding = "# " + "x" * 4000 + "\n"
    status, _, body = http(tight.url + "sparql", (padding + "ASK {}").encode(),
                           {"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _, body = get(tight, padding + "ASK {}")
    assert status == 413 and b"[E506]" in body


def test_a_slow_query_does_not_hold_up_concurrent_clients(build):
    with Server(build, port=0, limits=Limits(timeout=4, workers=2)) as two_workers:
        finished = _race(two_workers)
    statuses = {kind: [s for k, _, s in finished if k == kind] for kind in ("slow", "quick")}
    assert statuses["slow"] == [503]
    assert statuses["quick"] == [200] * 12
    slow_end = next(t for k, t, _ in finished if k == "slow")
    assert all(t < slow_end for k, t, _ in finished if k == "quick")


def _race(server) -> list[tuple[str, float, int]]:
    """One endless query and, while it runs, twelve quick ones from as many clients."""
    finished: list[tuple[str, float, int]] = []

    def ask(kind: str, query: str):
        status = get(server, query)[0]
        finished.append((kind, time.monotonic(), status))

    slow = threading.Thread(target=ask, args=("slow", ENDLESS))
    slow.start()
    time.sleep(0.2)
    quick = [threading.Thread(target=ask, args=("quick", f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {1 + i % 4}"))
             for i in range(12)]
    for t in quick:
        t.start()
    for t in quick + [slow]:
        t.join(30)
    return finished


# -- pages and Linked Data -------------------------------------------------------------


def test_the_query_page_and_its_assets_load_nothing_from_elsewhere(server):
    status, headers, page = http(server.url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    for path in ("", "static/app.js", "static/style.css"):
        status, _, body = http(server.url + path)
        assert status == 200
        text = body.decode("utf-8")
        assert "http://" not in text.replace("http://www.w3.org", "") or path == ""
        assert "https://" not in text.replace("https://w3id.org/vn-gov-kg/", "")
    assert b'src="/static/app.js"' in page and b'href="/static/style.css"' in page
    assert http(server.url + "static/../pyproject.toml")[0] == 404


def test_the_canned_queries_are_listed_and_bound_on_the_server(server):
    status, _, body = http(server.url + "queries")
    items = {item["name"]: item for item in json.loads(body)}
    assert status == 200 and "posts" in items and items["posts"]["description"]
    status, _, text = http(server.url + "queries/posts?person=" + urllib.parse.quote("Nguyễn"))
    assert status == 200 and '"nguyen"' in text.decode("utf-8")  # folded as the entities' search label
    status, _, body = http(server.url + "queries/posts?nobody=1")
    assert status == 400 and b"[E401]" in body
    assert http(server.url + "queries/nothing-like-this")[0] == 404


def _an_organisation(build) -> tuple[str, str]:
    row = next(iter(direct(build, "SELECT ?o ?l WHERE { ?o a <https://w3id.org/vn-gov-kg/ontology#Organisation> ; "
                                  "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?o LIMIT 1")))
    return row["o"].value, row["l"].value


def test_each_entity_iri_resolves_to_its_description(server, build):
    iri, label = _an_organisation(build)
    base = json.loads(http(server.url + "build")[2])["base_iri"]
    path = "id/" + iri.removeprefix(base)
    status, headers, page = http(server.url + path, headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert label in page.decode("utf-8")
    status, headers, body = http(server.url + path, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef(iri), rdflib.SKOS.prefLabel, rdflib.Literal(label, lang="vi")) in graph
    assert all(iri in (str(s), str(o)) for s, _, o in graph)
    assert http(server.url + "id/organisation/no-such-thing-here")[0] == 404


def test_the_description_page_escapes_text_from_the_graph():
    from kg.server import _ld

    hostile = "<img src=x onerror=alert(1)>"
    rows = [{"dir": {"value": "out"}, "p": {"type": "uri", "value": "http://www.w3.org/2004/02/skos/core#prefLabel"},
             "other": {"type": "literal", "value": hostile, "xml:lang": "vi"}}]
    page = _ld.page("https://example.org/id/x", rows, "https://example.org/id/")
    assert hostile not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# -- the command -----------------------------------------------------------------------


def test_kg_serve_starts_answers_and_stops_cleanly(build):
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--build", str(build), "--port", "0", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "serving" in line, line + proc.stderr.read()
        url = line.split(" at ")[1].split()[0]
        status, _, body = http(url + "sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
        assert status == 200 and body == b'{"head":{},"boolean":true}'
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0


def test_kg_serve_on_a_directory_with_no_build_says_so(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--build", str(tmp_path), "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "[E201]" in proc.stderr and str(tmp_path) in proc.stderr


# -- the parts -------------------------------------------------------------------------


@pytest.mark.parametrize("text,form,service", [
    ("PREFIX a: <http://x/>\nSELECT * WHERE { ?s ?p ?o }", "SELECT", False),
    ("# INSERT in a comment\nBASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
    ("describe <x>", "DESCRIBE", False),
    ("PREFIX : <http://x/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", False),
    ("clear default", "CLEAR", False),
    ('SELECT * { ?s ?p "INSERT" }', "SELECT", False),
    ("SELECT * { SERVICE<http://x/sparql> { ?s ?p ?o } }", "SELECT", True),
    # every spelling a parser might read as SERVICE, and the word anywhere at all
    ("PREFIX : <http://x/> SELECT * { SERVICE:x { ?s ?p ?o } }", "SELECT", True),
    ("SELECT * { SERVICESILENT<http://x/> { ?s ?p ?o } }", "SELECT", True),
    ("SELECT * { #\rSERVICE <http://x/> { ?s ?p ?o } }", "SELECT", True),
    ('SELECT * { BIND("\\u0022" AS ?a) SERVICE <http://x/> { } }', "SELECT", True),
    ("SELECT * { ?s ?p x:a\\' } SERVICE <http://x/> { } } # '", "SELECT", True),
    ("SELECT * { \\u0053ERVICE <http://x/> { } }", "SELECT", True),
    ("SELECT * { \uff53ervice <http://x/> { } }", "SELECT", True),  # fullwidth letters fold to ASCII
    ('SELECT * { ?s ?p "Service" }', "SELECT", True),
    ("not sparql at all", None, False),
])
def test_the_policy_scan_finds_the_operation_and_service_calls(text, form, service):
    from kg.server._policy import scan

    result = scan(text)
    assert (result.form, result.service) == (form, service)


@pytest.mark.parametrize("header,expected", [
    (None, ("json", "application/sparql-results+json")),
    ("*/*", ("json", "application/sparql-results+json")),
    ("text/csv", ("csv", "text/csv")),
    ("text/csv, application/sparql-results+json", ("csv", "text/csv")),
    ("application/sparql-results+json;q=0.5, text/tab-separated-values", ("tsv", "text/tab-separated-values")),
    ("text/*", ("csv", "text/csv")),  # an alias (text/xml) never wins through a wildcard
    ("text/*, text/csv;q=0", ("tsv", "text/tab-separated-values")),  # the more specific range wins
    ("application/sparql-results+json;q=0, */*", ("xml", "application/sparql-results+xml")),
    ("application/json", ("json", "application/json")),  # an alias named exactly is what is sent
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ("xml", "application/xml")),
    ("image/png", None),
])
def test_content_negotiation_follows_rfc_9110(header, expected):
    from kg.server._negotiate import choose
    from kg.server._results import RESULT_MEDIA_TYPES

    assert choose(header, RESULT_MEDIA_TYPES) == expected


def test_closing_the_pool_while_a_worker_is_replaced_leaves_no_process(build):
    import multiprocessing

    from kg.server._pool import Job, Pool, Timeout, wait_ready

    before = {p.pid for p in multiprocessing.active_children()}
    pool = Pool(str(build / "store"), 1)
    wait_ready(pool)
    with pytest.raises(Timeout):
        pool.run(Job(ENDLESS, "json", None, 1), timeout=0.5)  # its worker is being replaced ...
    pool.close()  # ... while the pool closes
    time.sleep(3)  # longer than a worker takes to start
    assert pool.pids == []
    assert {p.pid for p in multiprocessing.active_children()} - before == set()


def _a_mention(build) -> tuple[str, str, int, int]:
    row = next(iter(direct(build, """SELECT ?m ?anchor ?b ?e WHERE {
        ?m a <https://w3id.org/vn-gov-kg/ontology#Mention> ;
           <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?anchor ;
           <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b ;
           <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex> ?e }
        ORDER BY DESC(STRLEN(?anchor)) ?m LIMIT 1""")))
    return row["m"].value, row["anchor"].value, int(row["b"].value), int(row["e"].value)


def test_a_mention_iri_resolves_and_its_offsets_read_back_over_http(server, build):
    """A Linked Data client asks for a mention's IRI without its fragment: the document's
    description holds the mention; the document's text, as text/plain, holds its anchor
    at its offsets (code points)."""
    mention, anchor, begin, end = _a_mention(build)
    document = mention.split("#", 1)[0]
    url = server.url + "id/" + document.removeprefix("https://w3id.org/vn-gov-kg/id/")
    status, headers, body = http(url + "#" + mention.split("#", 1)[1], headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    described = rdflib.Graph().parse(data=body, format="turtle")
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    assert str(described.value(rdflib.URIRef(mention), nif.anchorOf)) == anchor
    assert (rdflib.URIRef(document), rdflib.RDF.type, nif.Context) in described
    status, headers, body = http(url, headers={"Accept": "text/plain"})
    assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.decode("utf-8")[begin:end] == anchor


def test_every_alternate_a_link_header_names_answers_in_its_type(server, build):
    entity, _ = _an_organisation(build)
    url = server.url + "id/" + entity.removeprefix("https://w3id.org/vn-gov-kg/id/")
    status, headers, _ = http(url, headers={"Accept": "text/html"})
    assert status == 200 and headers["Vary"] == "Accept"
    links = re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', headers["Link"])
    assert {t for _, t in links} >= {"text/html", "text/turtle", "application/n-triples", "application/ld+json"}
    for target, media in links:
        status, got, _ = http(server.url.rstrip("/") + target)
        assert status == 200 and got["Content-Type"].split(";")[0] == media, target


def test_the_ontology_is_served_at_its_namespace(server, build):
    status, headers, body = http(server.url + "ontology", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    served = rdflib.Graph().parse(data=body, format="turtle")
    expected = {(q.subject.value, q.predicate.value, q.object.value)
                for q in open_build(build).quads_for_pattern(None, None, None,
                                                             ox.NamedNode("https://w3id.org/vn-gov-kg/ontology"))
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    got = {(str(s), str(p), str(o)) for s, p, o in served
           if not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)}
    assert expected and got == expected
    assert (rdflib.URIRef("https://w3id.org/vn-gov-kg/ontology#Person"), rdflib.RDF.type, rdflib.OWL.Class) in served
    status, headers, _ = http(server.url + "ontology", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"  # readable in a browser


SELECT_ONE = ("SELECT ?o ?l WHERE { ?o a <https://w3id.org/vn-gov-kg/ontology#Organisation> ; "
              "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?o LIMIT 5")
CONSTRUCT_ONE = ("CONSTRUCT { ?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } WHERE { ?o a "
                 "<https://w3id.org/vn-gov-kg/ontology#Organisation> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", None])
def test_sparqlwrapper_reads_select_in_each_of_its_formats(server, build, fmt):
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(server.url + "sparql")
    sw.setQuery(SELECT_ONE)
    if fmt:
        sw.setReturnFormat(fmt)
    result = sw.query()
    converted = result.convert()
    expected = {(s["o"].value, s["l"].value) for s in direct(build, SELECT_ONE)}
    if fmt == "json":
        got = {(b["o"]["value"], b["l"]["value"]) for b in converted["results"]["bindings"]}
    elif fmt == "csv":
        got = {tuple(r) for r in csv.reader(io.StringIO(converted.decode("utf-8")))} - {("o", "l")}
    elif fmt == "tsv":  # RDF terms as in Turtle: <iri>, "label"@vi
        rows = [line.split("\t") for line in converted.decode("utf-8").splitlines()[1:]]
        got = {(o.strip("<>"), lbl[1:lbl.rindex('"')]) for o, lbl in rows}
    else:  # XML, SPARQLWrapper's default
        got = set()
        for res in converted.getElementsByTagName("result"):
            cells = {b.getAttribute("name"): b.firstChild.firstChild.nodeValue for b in res.getElementsByTagName("binding")}
            got.add((cells["o"], cells["l"]))
    assert got == expected


@pytest.mark.parametrize("fmt", ["xml", "rdf+xml", "turtle", "n3", "json-ld", None])
def test_sparqlwrapper_reads_construct_in_each_of_its_formats(server, build, fmt):
    """SPARQLWrapper's default for CONSTRUCT asks for RDF/XML; JSON-LD, N3 and RDF/XML
    name their format in format= as well as in Accept."""
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(server.url + "sparql")
    sw.setQuery(CONSTRUCT_ONE)
    if fmt:
        sw.setReturnFormat(fmt)
    converted = sw.query().convert()
    if isinstance(converted, bytes):  # Turtle and N3 come as bytes
        converted = rdflib.Graph().parse(data=converted, format="turtle")
    got = {(str(s), str(o)) for s, _, o in converted}
    expected = {(t.subject.value, t.object.value) for t in direct(build, CONSTRUCT_ONE)}
    assert expected and got == expected


def test_a_query_nested_too_deep_is_refused_and_the_workers_live_on(server):
    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    status, _, body = http(server.url + "sparql", deep.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"[E406]" in body
    status, _, _ = get(server, "ASK { ?s ?p ?o }", "application/sparql-results+json")
    assert status == 200


def test_the_endpoint_describes_itself_at_its_address(server, build):
    """GET /sparql with no parameters answers the SPARQL 1.1 Service Description."""
    status, headers, body = http(server.url + "sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    g = rdflib.Graph().parse(data=body, format="turtle")
    service = rdflib.URIRef(server.url + "sparql")
    assert (service, rdflib.RDF.type, sd.Service) in g
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/RDF_XML")) in g
    names = {str(o) for o in g.objects(None, sd.name)}
    assert names == {g_.value for g_ in open_build(build).named_graphs()}
