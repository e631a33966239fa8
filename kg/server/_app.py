"""The WSGI application of ``kg serve``.

=============================  ===========================================================
``GET /``                      the query page (offline: no asset leaves this server)
``GET /static/<file>``         its script and style sheet
``GET /queries``               the canned queries of ``queries/`` (JSON)
``GET /queries/<name>?k=v``    a canned query's text with its parameters bound
``GET|POST|OPTIONS /sparql``   the SPARQL 1.1 Protocol (query operation only)
``GET /id/<path>``             the description of ``{base IRI}<path>``, HTML or RDF (a
                               document's text as ``text/plain``)
``GET /ontology``              the ontology, in RDF
``GET /build``                 the build's ``build.json``, without the paths of its files
=============================  ===========================================================

What a web page may do here: the server answers only to its own names (a request whose
``Host`` is not this server's, as after DNS rebinding, is refused when it listens on a
loopback address); a request that another site's page makes in the background (an image,
a script, ``fetch``, a form) is refused before any work, unless its origin is one of
``cors`` (``kg serve --cors ORIGIN``), which may also read the answers. By default no other
origin may.

It serves one build at a time: the build ``build`` named when it started, held (see
``kg.outdir.hold``) so that no rebuild removes it. When a rebuild makes ``build`` name a new
build, the server opens it, and once its workers answer, takes every new request there in
one step; requests under way finish on the old one, which is then let go.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from .. import query as canned_queries
from ..errors import Errors, KGError
from ..rdf.iri import IRIs
from ..rdf.vocab import DEFAULT_BASE_IRI, ONTOLOGY_IRI
from ..outdir import STORE_DIR, Lease, hold
from ..store import read_manifest
from . import _ld
from ._negotiate import choose
from ._policy import scan
from ._pool import Answer, Busy, Job, Pool, Timeout, WorkerLost, wait_ready
from ._results import FORMAT_NAMES, GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES, format_named

log = logging.getLogger("kg.server")

STATIC = Path(__file__).parent / "static"
_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8"}
#: Pages may load nothing from elsewhere: the query page works with no network.
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
FORMATS = {**RESULT_MEDIA_TYPES, **GRAPH_MEDIA_TYPES}


@dataclass(frozen=True)
class Limits:
    """What one request may cost; every limit ends a request with a clear error."""

    timeout: float = 10.0  # seconds a query may run before its worker is stopped
    max_rows: int = 10_000  # solutions or triples in one answer
    max_request_bytes: int = 1 << 20  # a query's text, or a POST body
    max_response_bytes: int = 64 << 20  # one serialised answer
    workers: int = 2  # queries that run at once, each in its own process
    max_memory: int | None = 2 << 30  # address space of one worker process, bytes (None: no limit)
    cors: tuple[str, ...] = ()  # origins whose pages may query and read the answers ("*": any)
    connections: int = 1000  # open connections at once, idle ones included (waitress: 100)
    idle_timeout: float = 30.0  # seconds an idle connection is kept open (waitress: 120)
    lane: float = 1.0  # seconds a query may take in the short lane when every worker is busy (0: none)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


class HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.response = Response(status, (message + "\n").encode("utf-8"), headers=headers or [])


def form(text: str | bytes, where: str) -> dict[str, list[str]]:
    """The fields of a URL-encoded form; percent-escapes must decode to UTF-8."""
    if isinstance(text, bytes):
        try:
            text = text.decode("ascii")
        except UnicodeDecodeError:
            raise HTTPError(400, f"{where} is not URL-encoded ASCII") from None
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as err:
        raise HTTPError(400, f"{where} does not decode to UTF-8: {err}") from None


class Request:
    def __init__(self, environ: dict, max_bytes: int):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        # WSGI gives the path as latin-1 characters of its bytes.
        self.path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace") or "/"
        self.query_string = environ.get("QUERY_STRING", "")
        self.accept = environ.get("HTTP_ACCEPT")
        self.content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        self.max_bytes = max_bytes
        self.deadline = 0.0  # time.monotonic() by which the whole request must be answered
        self.served: Served | None = None  # the build this request is answered from

    @cached_property
    def args(self) -> dict[str, list[str]]:
        return form(self.query_string, "the URL's query string")

    def body(self) -> bytes:
        try:
            length = int(self.environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_bytes:
            raise HTTPError(413, Errors.E506.format(size=length, limit=self.max_bytes))
        return self.environ["wsgi.input"].read(length) if length else b""


def _content_type(chosen: tuple[str, str]) -> str:
    """The Content-Type for a negotiated (format, media type): the type the client took."""
    return f"{chosen[1]}; charset=utf-8"


@dataclass(eq=False)
class Served:
    """One build as the server serves it: held, its manifest read, its workers running."""

    lease: Lease
    manifest: dict
    pool: Pool
    identity: tuple
    users: int = 0  # requests under way
    retired: bool = False  # a newer build is served; close once no request uses this one

    @property
    def base_iri(self) -> str:
        return self.manifest.get("base_iri", DEFAULT_BASE_IRI)

    def close(self) -> None:
        self.pool.close()
        self.lease.release()


def _identity(build: Path) -> tuple | None:
    """What tells one build from the next at the path ``build``: the directory it names."""
    try:
        real = os.path.realpath(build)
        st = os.stat(real)
    except OSError:
        return None
    return real, st.st_dev, st.st_ino


_HOST = re.compile(r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[^:\[\]]*))(?::\d*)?")


def _host_name(host: str) -> str:
    """The name in a ``Host`` header, lower case, without its port ("" if malformed)."""
    m = _HOST.fullmatch(host.strip())
    if m is None:
        return ""
    return (m["v6"] or m["name"] or "").lower().rstrip(".")


def public_manifest(manifest: dict) -> dict:
    """``build.json`` as the server shows it: the documents by name, no paths of this machine."""
    paths = {d.get("file", ""): d.get("name", "") for d in manifest.get("documents", [])}
    paths.update({f.get("file", ""): Path(f.get("file", "")).name for f in manifest.get("failures", [])})
    paths.pop("", None)

    def hide(text: str) -> str:
        for path in sorted(paths, key=len, reverse=True):
            text = text.replace(path, paths[path])
        return text

    shown = dict(manifest)
    shown["documents"] = [{**d, "file": d.get("name", "")} for d in manifest.get("documents", [])]
    shown["failures"] = [{"file": paths.get(f.get("file", ""), ""), "error": hide(f.get("error", ""))}
                         for f in manifest.get("failures", [])]
    shown["warnings"] = [hide(w) for w in manifest.get("warnings", [])]
    return shown


class App:
    """The endpoint over the build that directory ``build`` names; ``close()`` stops its
    workers. ``names``: the ``Host`` names it answers to (a server on a loopback address
    answers only to loopback names; None: any name)."""

    #: Seconds between two looks at whether ``build`` names a new build.
    WATCH_INTERVAL = 1.0

    def __init__(self, build: Path, limits: Limits = Limits(), names: frozenset[str] | None = _LOOPBACK):
        self.build = Path(build)
        self.limits = limits
        self.names = names  # the Host names answered (None: any, on an address others can reach)
        self._failed: tuple | None = None  # a new build that could not be opened: not tried again
        self._lock = threading.Lock()
        self._served = self._open()
        self._stopped = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="kg-build-watch", daemon=True)
        self._watcher.start()

    # the build now served (for tests, notebooks and the log)
    @property
    def served(self) -> Served:
        return self._served

    @property
    def manifest(self) -> dict:
        return self._served.manifest

    @property
    def pool(self) -> Pool:
        return self._served.pool

    def _open(self) -> Served:
        identity = _identity(self.build)
        lease = hold(self.build)
        try:
            manifest = read_manifest(lease.path)
        except KGError:
            lease.release()
            raise
        path = lease.path / STORE_DIR
        # a worker started later opens the held build where it is then: a plain-directory
        # build of an earlier layout moves aside when a rebuild replaces it
        pool = Pool(lambda: str(lease.current() / STORE_DIR), self.limits.workers, self.limits.max_memory,
                    self.limits.lane)
        try:
            wait_ready(pool)
        except (WorkerLost, Timeout, Busy) as err:
            pool.close()
            lease.release()
            raise KGError(Errors.E512.format(path=path, reason=str(err) or type(err).__name__)) from None
        return Served(lease, manifest, pool, identity or (str(lease.path),))

    def _watch(self) -> None:
        while not self._stopped.wait(self.WATCH_INTERVAL):
            identity = _identity(self.build)
            if identity is None or identity in (self._served.identity, self._failed):
                continue
            try:
                new = self._open()
            except Exception as err:  # noqa: BLE001 - broken: keep serving the old one, and say so once
                self._failed = identity
                log.warning("the new build at %s cannot be served, the previous one still is: %s", self.build, err)
                continue
            if self._stopped.is_set():
                new.close()
                return
            self._switch(new)
            log.info("now serving the new build at %s (%s documents)", self.build,
                     len(new.manifest.get("documents", [])))

    def _switch(self, new: Served) -> None:
        with self._lock:
            old, self._served = self._served, new
        self._retire(old)

    def _retire(self, served: Served) -> None:
        """No new request goes to ``served``; it closes when its last request ends."""
        with self._lock:
            served.retired = True
            idle = served.users == 0
        if idle:
            served.close()

    def _enter(self) -> Served:
        with self._lock:
            served = self._served
            served.users += 1
            return served

    def _leave(self, served: Served) -> None:
        with self._lock:
            served.users -= 1
            done = served.retired and served.users == 0
        if done:
            served.close()

    def close(self) -> None:
        self._stopped.set()
        self._retire(self._served)

    # -- WSGI -----------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        started = time.monotonic()
        request = Request(environ, self.limits.max_request_bytes)
        request.deadline = started + self.limits.timeout
        served = request.served = self._enter()
        try:
            try:
                self._guard(request)
                response = self.dispatch(request)
            except HTTPError as err:
                response = err.response
        finally:
            self._leave(served)
        extra = [*response.headers, *self._cors(request)]
        vary = ", ".join(dict.fromkeys(v for k, v in extra if k == "Vary"))
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body))),
                   ("X-Content-Type-Options", "nosniff"), *((k, v) for k, v in extra if k != "Vary"),
                   *([("Vary", vary)] if vary else [])]
        if response.content_type.startswith("text/html"):
            headers.append(("Content-Security-Policy", _CSP))
        status = HTTPStatus(response.status)
        start_response(f"{status.value} {status.phrase}", headers)
        log.info("%s %s %d %.0f ms", request.method, request.path, status.value,
                 (time.monotonic() - started) * 1000)
        return [response.body] if request.method != "HEAD" else []

    # -- who may ask ----------------------------------------------------------------------

    def _allowed_origin(self, origin: str | None) -> bool:
        return bool(origin) and origin != "null" and ("*" in self.limits.cors or origin in self.limits.cors)

    def _cors(self, request: Request) -> list[tuple[str, str]]:
        origin = request.environ.get("HTTP_ORIGIN")
        if not self._allowed_origin(origin):
            return [("Vary", "Origin")] if self.limits.cors else []
        return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin"),
                ("Access-Control-Expose-Headers", "Content-Type")]

    def _guard(self, request: Request) -> None:
        """Refuse, before any work, a request under a name not this server's (DNS
        rebinding) and one that another site's page makes in the background."""
        env = request.environ
        host = env.get("HTTP_HOST", "")
        if self.names is not None and host and _host_name(host) not in self.names:
            raise HTTPError(403, Errors.E518.format(host=host))
        origin = env.get("HTTP_ORIGIN")
        site = env.get("HTTP_SEC_FETCH_SITE", "").lower()
        own = bool(origin) and host and origin.lower() in (f"http://{host}".lower(), f"https://{host}".lower())
        if self._allowed_origin(origin) or own:
            return
        # a link followed to a page of its own is the user's; a frame or an object is the page's
        navigation = (env.get("HTTP_SEC_FETCH_MODE", "").lower() == "navigate" and request.method in ("GET", "HEAD")
                      and env.get("HTTP_SEC_FETCH_DEST", "document").lower() == "document")
        if site in ("cross-site", "same-site") and not navigation:
            raise HTTPError(403, Errors.E519.format(origin=origin or "another site"))
        if origin and not navigation:
            raise HTTPError(403, Errors.E519.format(origin=origin))

    def dispatch(self, request: Request) -> Response:
        path = request.path
        if path == "/sparql":
            return self.sparql(request)
        if request.method not in ("GET", "HEAD"):
            raise HTTPError(405, Errors.E514.format(method=request.method, path=path, allowed="GET, HEAD"),
                            [("Allow", "GET, HEAD")])
        if path == "/":
            return self.static("index.html")
        if path.startswith("/static/"):
            return self.static(path.removeprefix("/static/"))
        if path == "/queries":
            return self.query_list()
        if path.startswith("/queries/"):
            return self.query_text(path.removeprefix("/queries/"), request)
        if path.startswith("/id/"):
            return self.describe(path.removeprefix("/id/"), request)
        if path == "/ontology":
            return self.ontology(request)
        if path == "/favicon.ico":  # none; say so without an error in the browser's console
            return Response(204, b"", headers=[("Cache-Control", "max-age=86400")])
        if path == "/build":
            return Response(200, json.dumps(public_manifest(request.served.manifest), ensure_ascii=False)
                            .encode("utf-8"), "application/json")
        raise HTTPError(404, f"{path}: no such page (try / for the query page, or /sparql)")

    # -- pages ----------------------------------------------------------------------------

    def static(self, name: str) -> Response:
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise HTTPError(404, f"/static/{name}: no such file")
        return Response(200, path.read_bytes(), _STATIC_TYPES.get(path.suffix, "application/octet-stream"))

    def query_list(self) -> Response:
        items = [{"name": c.name, "description": c.description, "params": c.params}
                 for c in canned_queries.canned().values()]
        return Response(200, json.dumps(items, ensure_ascii=False).encode("utf-8"), "application/json")

    def query_text(self, name: str, request: Request) -> Response:
        known = canned_queries.canned()
        if name not in known:
            raise HTTPError(404, Errors.E405.format(name=name))
        params = {k: v[-1] for k, v in request.args.items()}
        try:
            text = canned_queries.bind(known[name].text, params, known[name].params)
        except KGError as err:
            raise HTTPError(400, str(err)) from None
        return Response(200, text.encode("utf-8"), "application/sparql-query; charset=utf-8")

    def describe(self, rest: str, request: Request) -> Response:
        """An IRI of the build, by content negotiation on the IRI itself (200, ``Vary:
        Accept``, a ``Link`` header to the other forms): RDF for clients, a page for people,
        and for a document its text as ``text/plain``; the statements of a document's
        ``#char=`` and ``#fact=`` IRIs come with it."""
        base_iri = request.served.base_iri
        iri = base_iri + rest
        if not rest or not _ld.valid(iri):
            raise HTTPError(404, Errors.E515.format(iri=iri))
        document = rest.startswith("document/") and "/" not in rest.removeprefix("document/")
        offers = {"html": ("text/html", "application/xhtml+xml")}
        graphs = GRAPH_MEDIA_TYPES
        if document:  # text/plain is the document's text here, not N-Triples
            offers["text"] = ("text/plain",)
            graphs = {k: tuple(t for t in v if t != "text/plain") for k, v in GRAPH_MEDIA_TYPES.items()}
        chosen = self._format(request, graphs, extra=offers)
        fmt = chosen[0] if chosen else None
        links = [("Vary", "Accept"), ("Link", _ld.alternates(f"/id/{rest}", {**offers, **graphs}))]
        if fmt == "text":
            answer = self.run(request, Job(_ld.text(iri), "json", None, 1))
            rows = json.loads(answer.body)["results"]["bindings"]
            if not rows:
                raise HTTPError(404, Errors.E515.format(iri=iri))
            return Response(200, rows[0]["text"]["value"].encode("utf-8"), "text/plain; charset=utf-8", links)
        if fmt == "html":
            answer = self.run(request, Job(_ld.select(iri), "json", None, _ld.MAX_LINKS + 1))
            rows = json.loads(answer.body)["results"]["bindings"]
            if not rows:
                raise HTTPError(404, Errors.E515.format(iri=iri))
            return Response(200, _ld.page(iri, rows, base_iri).encode("utf-8"), "text/html; charset=utf-8", links)
        if chosen is None:  # format= named a format for query results, not for a graph
            raise HTTPError(406, self._not_acceptable(request, "a description", GRAPH_MEDIA_TYPES))
        graph = IRIs(base_iri, checked=False).graph(rest.removeprefix("document/")) if document else None
        answer = self.run(request, Job(_ld.construct(iri, graph), None, fmt, self.limits.max_rows,
                                       self.limits.max_response_bytes))
        if answer.rows == 0:
            raise HTTPError(404, Errors.E515.format(iri=iri))
        return Response(200, answer.body, _content_type(chosen), links)

    def ontology(self, request: Request) -> Response:
        """The ontology at its own IRI: its named graph, in the RDF format asked for; a
        browser gets its Turtle to read, as plain text."""
        chosen = self._format(request, GRAPH_MEDIA_TYPES, strict=False, extra={"html": ("text/html",)})
        if chosen is None or chosen[0] == "html":
            fmt, media = "turtle", "text/plain; charset=utf-8"
        else:
            fmt, media = chosen[0], _content_type(chosen)
        answer = self.run(request, Job(_ld.ontology(ONTOLOGY_IRI), None, fmt, self.limits.max_rows,
                                       self.limits.max_response_bytes))
        return Response(200, answer.body, media,
                        [("Vary", "Accept"), ("Link", _ld.alternates("/ontology", GRAPH_MEDIA_TYPES))])

    # -- the SPARQL 1.1 Protocol ----------------------------------------------------------

    def sparql(self, request: Request) -> Response:
        if request.method == "OPTIONS":  # a CORS preflight
            if not self._allowed_origin(request.environ.get("HTTP_ORIGIN")):
                raise HTTPError(403, Errors.E519.format(origin=request.environ.get("HTTP_ORIGIN") or "none"))
            return Response(204, b"", headers=[("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                                               ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                                               ("Access-Control-Max-Age", "86400")])
        if request.method in ("GET", "HEAD") and not request.args:
            return self.service_description(request)
        text, params = self._operation(request)
        scanned = scan(text)
        if scanned.is_update:
            raise HTTPError(403, Errors.E501)
        if scanned.service:
            raise HTTPError(403, Errors.E502)
        try:
            canned_queries.check_nesting(text)  # before a worker's parser overflows its stack
        except KGError as err:
            raise HTTPError(400, str(err)) from None
        # format= (or output=, which some clients send instead) names a format; it wins for
        # the query forms it suits, the Accept header decides for the others
        forced = (params.get("format") or params.get("output") or [None])[-1]
        if forced and not (format_named(forced, "results") or format_named(forced, "graphs")):
            raise HTTPError(400, Errors.E516.format(fmt=forced, known=", ".join(dict.fromkeys(
                [*FORMATS, *FORMAT_NAMES["results"], *FORMAT_NAMES["graphs"]]))))
        for_results = self._hinted(request, RESULT_MEDIA_TYPES, forced, "results")
        for_graphs = self._hinted(request, GRAPH_MEDIA_TYPES, forced, "graphs")
        if for_results is None and for_graphs is None:
            raise HTTPError(406, self._not_acceptable(request, "SPARQL answers", FORMATS))
        job = Job(text, for_results and for_results[0], for_graphs and for_graphs[0], self.limits.max_rows,
                  self.limits.max_response_bytes,
                  tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])))
        answer = self.run(request, job)
        if answer.kind == "not-acceptable" and answer.message not in ("results", "graph"):
            raise HTTPError(406, answer.message)  # the format cannot carry this answer
        if answer.kind == "not-acceptable":
            offers = RESULT_MEDIA_TYPES if answer.message == "results" else GRAPH_MEDIA_TYPES
            what = "query results" if answer.message == "results" else "graphs (CONSTRUCT, DESCRIBE)"
            raise HTTPError(406, self._not_acceptable(request, what, offers))
        chosen = for_results if for_results and for_results[0] == answer.fmt else for_graphs
        return Response(200, answer.body, _content_type(chosen), [("Vary", "Accept")])

    def service_description(self, request: Request) -> Response:
        """``GET /sparql`` with no parameters: the SPARQL 1.1 Service Description, in the
        RDF format asked for (Turtle by default)."""
        chosen = self._format(request, GRAPH_MEDIA_TYPES, strict=False) or ("turtle", "text/turtle")
        answer = self.run(request, Job("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g", "json", None,
                                       1_000_000))
        graphs = [b["g"]["value"] for b in json.loads(answer.body)["results"]["bindings"]]
        triples = json.loads(self.run(request, Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "json", None, 1))
                             .body)["results"]["bindings"][0]["n"]["value"]
        host = request.environ.get("HTTP_HOST") or f"{request.environ.get('SERVER_NAME')}:{request.environ.get('SERVER_PORT')}"
        endpoint = f"{request.environ.get('wsgi.url_scheme', 'http')}://{host}/sparql"
        body = canned_queries.serialize_triples(_ld.service_description(endpoint, graphs, int(triples)), chosen[0])
        return Response(200, body, _content_type(chosen), [("Vary", "Accept")])

    def _operation(self, request: Request) -> tuple[str, dict[str, list[str]]]:
        """The query text and the protocol parameters of a request."""
        params = {k: list(v) for k, v in request.args.items()}
        if request.method == "POST":
            body = request.body()
            if request.content_type == "application/x-www-form-urlencoded":
                for key, values in form(body, "the form").items():
                    params.setdefault(key, []).extend(values)
            elif request.content_type == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(body.decode("utf-8"))
                except UnicodeDecodeError as err:
                    raise HTTPError(400, f"the query is not UTF-8: {err}") from None
            elif request.content_type == "application/sparql-update":
                raise HTTPError(403, Errors.E501)
            else:
                raise HTTPError(415, Errors.E509.format(ctype=request.content_type or "none"))
        elif request.method not in ("GET", "HEAD"):
            raise HTTPError(405, Errors.E514.format(method=request.method, path=request.path,
                                                    allowed="GET, POST, OPTIONS"),
                            [("Allow", "GET, POST, OPTIONS")])
        if "update" in params:
            raise HTTPError(403, Errors.E501)
        queries = params.get("query", [])
        if not queries or not queries[0].strip():
            raise HTTPError(400, Errors.E505)
        if len(queries) > 1:
            raise HTTPError(400, Errors.E513.format(name="query"))
        size = len(queries[0].encode("utf-8"))
        if size > self.limits.max_request_bytes:
            raise HTTPError(413, Errors.E506.format(size=size, limit=self.limits.max_request_bytes))
        return queries[0], params

    def _format(self, request: Request, offers: dict, forced: str | None = None, strict: bool = True,
                extra: dict | None = None) -> tuple[str, str] | None:
        """The format to answer in and its media type: ``format=`` if given, else by the
        Accept header; None when the client takes none of ``offers``."""
        offers = {**(extra or {}), **offers}
        forced = forced or request.args.get("format", [None])[-1]
        if forced:
            if forced not in FORMATS and forced not in offers:
                raise HTTPError(400, Errors.E516.format(fmt=forced, known=", ".join(dict.fromkeys([*offers, *FORMATS]))))
            return (forced, offers[forced][0]) if forced in offers else None
        chosen = choose(request.accept, offers)
        if chosen is None and strict:
            raise HTTPError(406, self._not_acceptable(request, "this resource", offers))
        return chosen

    @staticmethod
    def _hinted(request: Request, offers: dict, forced: str | None, kind: str) -> tuple[str, str] | None:
        """The format of ``kind`` to answer in: the one ``forced`` names, else by the Accept
        header; None when the client takes none of ``offers``."""
        named = format_named(forced, kind) if forced else None
        if named:
            return named, offers[named][0]
        return choose(request.accept, offers)

    @staticmethod
    def _not_acceptable(request: Request, what: str, offers: dict) -> str:
        known = ", ".join(t for types in offers.values() for t in types)
        return Errors.E508.format(accept=request.accept or "*/*", what=what, known=known)

    def run(self, request: Request, job: Job) -> Answer:
        """The answer of the workers, or the HTTP error that says why there is none, within
        what is left of the request's time limit (waiting for a worker included)."""
        try:
            answer = request.served.pool.run(job, request.deadline - time.monotonic())
        except Timeout:
            raise HTTPError(503, Errors.E503.format(seconds=self.limits.timeout)) from None
        except Busy:
            raise HTTPError(503, Errors.E507, [("Retry-After", "1")]) from None
        except WorkerLost as err:
            raise HTTPError(500, Errors.E510.format(reason=err)) from None
        if answer.kind == "syntax":
            raise HTTPError(400, Errors.E402.format(reason=answer.message))
        if answer.kind == "failed":
            raise HTTPError(500, Errors.E403.format(reason=answer.message))
        if answer.kind == "too-many-rows":
            raise HTTPError(422, Errors.E504.format(rows=job.max_rows))
        if answer.kind == "too-large":
            raise HTTPError(422, Errors.E517.format(size=job.max_bytes))
        return answer
