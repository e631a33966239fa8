"""A second engine: Oxigraph's own server (pip ``oxigraph``), loaded with the build's exports
(the merge as its default graph, the documents' graphs as named graphs), answers every
canned query, a count of all statements, and a ``FROM <g>`` count exactly as ``kg serve``
does. Both are asked over HTTP by SPARQLWrapper with its default settings."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.export import export
from kg.query import bind, canned
from kg.server import Limits, Server

pytestmark = pytest.mark.slow


def _oxigraph() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Oxigraph's server (pip oxigraph, a test dependency) is missing on CI")
        pytest.skip("Oxigraph's server (pip oxigraph) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(build, tmp_path_factory):
    """The URL of an Oxigraph server holding the build's exports, read-only, on loopback."""
    binary = _oxigraph()
    work = tmp_path_factory.mktemp("oxigraph")
    export(build, "ntriples", work / "merge.nt")
    export(build, "nquads", work / "graphs.nq")
    for name in ("merge.nt", "graphs.nq"):
        subprocess.run([binary, "load", "--location", str(work / "db"), "--file", str(work / name)],
                       check=True, capture_output=True, timeout=300)
    port = _free_port()
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(work / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@pytest.fixture(scope="module")
def kg_server(build):
    with Server(build, port=0, limits=Limits(timeout=30, max_rows=100000, workers=2)) as s:
        yield s.url + "sparql"


def _rows(endpoint: str, query: str) -> list[tuple]:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    body = client.query().convert()
    names = body["head"]["vars"]
    return sorted(tuple((b.get(v, {}).get("type"), b.get(v, {}).get("value")) for v in names)
                  for b in body["results"]["bindings"])


@pytest.mark.parametrize("name", sorted(canned()))
def test_oxigraph_answers_every_canned_query_as_kg_serve_does(oxigraph_server, kg_server, name):
    query = bind(canned()[name].text, {})
    theirs = _rows(oxigraph_server, query)
    assert theirs, f"{name}: Oxigraph found nothing, so the comparison would say nothing"
    assert _rows(kg_server, query) == theirs


def test_oxigraph_counts_the_statements_and_one_documents_graph_as_kg_serve_does(oxigraph_server, kg_server):
    total = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert _rows(kg_server, total) == _rows(oxigraph_server, total)
    per_graph = _rows(oxigraph_server, graphs)
    assert len(per_graph) > 1 and _rows(kg_server, graphs) == per_graph
    graph = per_graph[0][0][1]
    one = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    counted = _rows(kg_server, one)
    assert counted == _rows(oxigraph_server, one) == [(per_graph[0][1],)]
