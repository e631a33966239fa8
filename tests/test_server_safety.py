"""What other web pages can do to ``kg serve``: nothing costly, nothing read, and a rebuild
under a running server is served whole. The real server on a free port, real HTTP."""
from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import outdir
from kg.server import Limits, Server
from kg.server._policy import scan

from test_server import ENDLESS, http

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STEMS = ("000_fa6bdb4d5fc08f99", "001_66a585b55fd60d04")
DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/vn-gov-kg/ontology#Document> }"


@pytest.fixture(scope="module")
def server(corpus_build):
    with Server(corpus_build[0], port=0, limits=Limits(timeout=3, workers=2)) as s:
        yield s


def post_query(server, body: bytes, headers: dict | None = None):
    return http(server.url + "sparql", data=body,
                headers={"Content-Type": "application/sparql-query", **(headers or {})})


# -- denial of service ---------------------------------------------------------------------

RUNS = {"digits": "1", "dots": ".", "letters": "a", "name characters": "a-", "colons": "a:",
        "escapes": "\\u", "comment": "#", "prefix": "PREFIX a"}


@pytest.mark.parametrize("kind", RUNS)
def test_the_pre_check_reads_a_whole_request_at_the_default_limit(kind):
    text = (RUNS[kind] * (1 << 20))[: 1 << 20]  # 1 MiB: the default request limit
    started = time.monotonic()
    result = scan(text)
    # quadratic before: ~2.5 × 10 s for 60,000 digits, hours for 1 MiB
    assert time.monotonic() - started < 5
    assert not result.is_update and not result.service


def test_the_pre_check_is_linear_on_runs_of_combining_marks():
    # NFKC of a whole text reorders such runs by insertion: 16 s for 160 KB before
    text = "a" + "\u0301" * 250_000 + "\u0316" * 250_000
    started = time.monotonic()
    assert not scan(text).service
    assert time.monotonic() - started < 5
    assert scan("SERV\u0301ICE { }").service  # marks hide nothing
    assert scan("ｓｅｒｖｉｃｅ").service and scan("ſervice").service and scan("SERVİCE").service


def test_the_pre_check_still_tells_updates_and_service():
    assert scan("PREFIX a: <http://x/> # c\n BASE <http://b/>\n insert data {}").is_update
    assert scan("prefix:<x>WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }").is_update
    assert scan("SELECT * { ?s ?p ?o }").form == "SELECT"
    assert scan("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }").service
    assert scan("#" * 100_000 + "\nASK {}").form == "ASK"


@pytest.mark.slow
def test_long_requests_do_not_hold_up_the_other_pages(corpus_build):
    limits = Limits(timeout=4, workers=2)  # the default request limit of 1 MiB
    with Server(corpus_build[0], port=0, limits=limits) as s:
        answers: list = []
        bodies = [(c * (1 << 20))[: (1 << 20) - 16].encode() for c in ("1", ".", "a", "1")]
        started = time.monotonic()
        threads = [threading.Thread(target=lambda b=b: answers.append((post_query(s, b), time.monotonic())))
                   for b in bodies]
        for t in threads:
            t.start()
        status, _, page = http(s.url)
        page_time = time.monotonic() - started
        for t in threads:
            t.join(timeout=60)
        assert status == 200 and b"<html" in page.lower()
        assert page_time < limits.timeout
        assert len(answers) == 4
        for (code, _, body), done in answers:
            assert code in (400, 503), body[:200]  # a syntax error, or the time limit: never a hang
            assert done - started < 2 * limits.timeout + 5


def test_the_time_limit_covers_waiting_for_a_worker(corpus_build):
    """A query that waits for the only worker and then runs long ends at the limit counted
    from its arrival, not after the wait and then a whole limit more."""
    limits = Limits(timeout=2, workers=1)
    with Server(corpus_build[0], port=0, limits=limits) as s:
        s_url, endless = s.url + "sparql?", urllib.parse.urlencode({"query": ENDLESS})
        first = threading.Thread(target=lambda: http(s_url + endless))
        first.start()
        time.sleep(0.5)  # the only worker is busy until the first query's limit
        started = time.monotonic()
        status, _, body = http(s_url + endless)
        took = time.monotonic() - started
        first.join(timeout=30)
    assert status == 503, body
    assert took < limits.timeout + 0.75, took


# -- other sites' pages --------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},  # <img src=…>
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"},  # a hidden frame
    {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors", "Origin": "http://localhost:8888"},  # fetch()
    {"Origin": "https://evil.example"},  # an older browser's cross-site request
    {"Origin": "null"},  # a sandboxed page or a local file
])
def test_background_requests_of_other_sites_are_refused_before_any_work(server, headers):
    query = urllib.parse.urlencode({"query": ENDLESS})
    started = time.monotonic()
    status, got, body = http(server.url + "sparql?" + query, headers=headers)
    assert status == 403 and b"[E519]" in body
    assert time.monotonic() - started < 1  # refused, not run until the time limit
    assert "Access-Control-Allow-Origin" not in got
    form = urllib.parse.urlencode({"query": ENDLESS}).encode()
    status, _, body = http(server.url + "sparql", data=form,
                           headers={"Content-Type": "application/x-www-form-urlencoded", **headers})
    assert status == 403 and b"[E519]" in body


def test_the_own_page_navigation_and_plain_clients_are_served(server):
    ask = server.url + "sparql?query=ASK%7B%7D"
    own = server.url.rstrip("/")
    assert http(ask)[0] == 200  # curl, SPARQLWrapper: no browser headers
    assert http(ask, headers={"Origin": own, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"})[0] == 200
    assert http(ask, headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})[0] == 200  # a link
    assert http(server.url + "id/dataset", headers={"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate",
                                                    "Accept": "text/html"})[0] == 200


def test_only_loopback_names_are_answered(server):
    port = server.port
    for host in ("evil.example", f"evil.example:{port}", f"192.168.1.10:{port}", "127.0.0.1.evil.example",
                 f"[::1]evil.example:{port}", f"localhost:{port}:1"):
        status, _, body = http(server.url + "build", headers={"Host": host})
        assert status == 403 and b"[E518]" in body, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert http(server.url + "build", headers={"Host": host})[0] == 200, host


@pytest.mark.parametrize("spelling", ["127.1", "127.0.0.2"])
def test_the_names_answered_follow_the_address_bound_not_its_spelling(corpus_build, spelling):
    with Server(corpus_build[0], host=spelling, port=0, limits=Limits(workers=1)) as s:
        assert s.loopback
        url = f"http://{s.host}:{s.port}/build"
        assert http(url, headers={"Host": f"evil.example:{s.port}"})[0] == 403
        assert http(url, headers={"Host": f"{s.host}:{s.port}"})[0] == 200
        assert http(url, headers={"Host": f"localhost:{s.port}"})[0] == 200


def test_the_build_page_shows_no_path_of_this_machine(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(CORPUS / f"{STEMS[0]}.txt", inp)
    (inp / "bad.txt").write_bytes(b"")
    import kg

    out = tmp_path / "out"
    kg.build([inp.resolve()], out)
    assert str(tmp_path) in (out / "build.json").read_text(encoding="utf-8")  # the local record keeps them
    with Server(out, port=0, limits=Limits(workers=1)) as s:
        status, _, body = http(s.url + "build")
    assert status == 200
    text = body.decode("utf-8")
    assert str(tmp_path) not in text and "/in/" not in text
    shown = json.loads(text)
    assert [d["file"] for d in shown["documents"]] == [f"{STEMS[0]}.txt"]
    assert shown["failures"][0]["file"] == "bad.txt" and "bad.txt" in shown["failures"][0]["error"]


# -- a rebuild under a running server ------------------------------------------------------

def _count(s) -> int:
    status, _, body = http(s.url + "sparql?" + urllib.parse.urlencode({"query": DOCS}),
                           headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_a_rebuild_is_served_whole_and_in_one_step(tmp_path):
    import kg

    both, one = tmp_path / "both", tmp_path / "one"
    for folder, stems in ((both, STEMS), (one, STEMS[:1])):
        folder.mkdir()
        for stem in stems:
            shutil.copy(CORPUS / f"{stem}.txt", folder)
    out = tmp_path / "out"
    kg.build([both], out)
    gone = f"id/document/{STEMS[1]}"
    with Server(out, port=0, limits=Limits(timeout=2, workers=2)) as s:
        first = s.app.served.lease.path
        assert _count(s) == 2 and http(s.url + gone)[0] == 200
        kg.build([one], out)
        assert first.is_dir()  # the server still reads it: the rebuild did not remove it
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            seen.append(_count(s))
            if seen[-1] == 1:
                break
            time.sleep(0.05)
        assert seen[-1] == 1, seen
        assert seen == sorted(seen, reverse=True)  # 2, 2, …, 1: never back
        # a worker stopped by the time limit is replaced on the new build, not the old one
        assert http(s.url + "sparql?" + urllib.parse.urlencode({"query": ENDLESS}))[0] == 503
        answers = {_count(s) for _ in range(30)}
        assert answers == {1}
        assert {http(s.url + gone)[0] for _ in range(10)} == {404}
        assert json.loads(http(s.url + "build")[2])["counts"]["documents"] == 1
    kg.build([one], out)  # nobody holds the first build now: the next build removes it
    assert not first.exists()
    assert [p.name for p in outdir.versions(out).iterdir()] == [out.resolve().name]


@pytest.mark.slow
def test_a_plain_directory_build_stays_whole_until_the_switch(tmp_path, monkeypatch):
    """A build of kg's earlier layout (a plain directory) moves aside when a rebuild
    replaces it; until the server switches, a worker that restarts still opens it."""
    import kg
    from kg.server import _app

    both, one = tmp_path / "both", tmp_path / "one"
    for folder, stems in ((both, STEMS), (one, STEMS[:1])):
        folder.mkdir()
        for stem in stems:
            shutil.copy(CORPUS / f"{stem}.txt", folder)
    kg.build([both], tmp_path / "first")
    out = tmp_path / "out"
    shutil.copytree((tmp_path / "first").resolve(), out)
    monkeypatch.setattr(_app.App, "WATCH_INTERVAL", 60.0)  # the switch comes after this test
    with Server(out, port=0, limits=Limits(timeout=1.5, workers=1)) as s:
        assert _count(s) == 2
        kg.build([one], out)
        assert out.is_symlink()
        assert http(s.url + "sparql?" + urllib.parse.urlencode({"query": ENDLESS}))[0] == 503  # a new worker
        assert {_count(s) for _ in range(5)} == {2}
        assert json.loads(http(s.url + "build")[2])["counts"]["documents"] == 2


def test_cors_origins_are_checked_and_written_as_browsers_send_them(corpus_build):
    from click.testing import CliRunner

    from kg.cli import _origin, main

    assert _origin("https://yasgui.example.org:443/") == "https://yasgui.example.org"
    assert _origin("http://LOCALHOST:8080") == "http://localhost:8080"
    assert _origin("*") == "*"
    for bad in ("http://[zz]", "https://example.org/path", "ftp://example.org", "example.org", "http://a:b"):
        res = CliRunner().invoke(main, ["serve", "--build", str(corpus_build[0]), "--port", "0", "--cors", bad])
        assert res.exit_code == 2, (bad, res.output)
        assert "not an origin" in res.output and "Traceback" not in res.output, (bad, res.output)


def test_idle_connections_do_not_stop_new_requests(corpus_build):
    """150 sockets opened and left idle (more than waitress' stock limit of 100) leave room
    for a client's query, and the server drops them after its idle timeout."""
    import socket

    with Server(corpus_build[0], port=0, limits=Limits(timeout=5, workers=1, idle_timeout=3)) as server:
        idle = [socket.create_connection((server.host, server.port), timeout=5) for _ in range(150)]
        try:
            started = time.monotonic()
            req = urllib.request.Request(server.url + "sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
                                         headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(req, timeout=10) as response:
                assert response.status == 200
            assert time.monotonic() - started < 5
            time.sleep(8)  # past the idle timeout and a cleanup round
            closed = 0
            for s in idle:
                s.settimeout(0.5)
                try:
                    closed += s.recv(1) == b""
                except (socket.timeout, OSError):
                    pass
            assert closed == len(idle)
        finally:
            for s in idle:
                s.close()


@pytest.mark.slow
@pytest.mark.parametrize("slow", [2, 6])
def test_a_quick_query_stays_quick_under_slow_ones(corpus_build, slow):
    """Slow queries fill both workers and more wait; a quick one arriving after them is
    answered through the short lane within a couple of seconds, not at the time limit."""
    limits = Limits(timeout=8, workers=2, lane=1.0)
    with Server(corpus_build[0], port=0, limits=limits) as s:
        endless = [urllib.parse.urlencode({"query": f"{ENDLESS} # {i}"}) for i in range(slow)]
        threads = [threading.Thread(target=lambda q=q: http(s.url + "sparql?" + q)) for q in endless]
        for t in threads:
            t.start()
        time.sleep(1.5)
        started = time.monotonic()
        status, _, body = http(s.url + "sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                               headers={"Accept": "application/sparql-results+json"})
        took = time.monotonic() - started
        for t in threads:
            t.join(timeout=60)
    assert status == 200 and b"true" in body
    assert took < 3, took
