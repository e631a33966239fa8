"""The ``kg`` command: argument parsing and printing over the library, nothing more."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import click
import pyoxigraph as ox
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .config import DEFAULT_CORPUS, DEFAULT_OUT, MAX_CHARACTERS, SHACL_ENGINES, Settings
from .errors import Errors, KGError
from .model import ALL_TYPES, ENTITY_TYPES
from .rdf.vocab import DEFAULT_BASE_IRI
from .server import Limits

SERVE_DEFAULTS = Limits()
SHACL_ENGINE_HELP = ("oxigraph: kg's SHACL engine, one SPARQL query per constraint on an Oxigraph store; "
                     "pyshacl: pySHACL, the same report, many times slower (to cross-check).")

err_console = Console(stderr=True, highlight=False)

BUILD_OPTION = click.option(
    "--build", "build_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
    show_default=True, help="Output directory of the build to read (written by 'kg build').")


def _fail(err: KGError, code: int = 1):
    err_console.print(f"[red]error:[/red] {escape(str(err))}", soft_wrap=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main():
    """Build and use a knowledge graph of Vietnamese local-government documents.

    \b
    Typical session:
      kg build                      # corpus/ -> out/ (graph.trig, graph.ttl, store/, build.json)
      kg stats                      # what the graph holds
      kg query --list               # canned SPARQL queries; kg query posts
      kg serve                      # SPARQL endpoint and query page at http://127.0.0.1:7878/
      kg viz                        # offline HTML views in out/views/
      kg analyze                    # centralities, communities, paths
      kg export -f jsonld -o g.jsonld
    """


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True,
              help="Output: a new path, an empty directory or a previous build, which is replaced in one "
                   "step once the new build is complete. Anything else is refused.")
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True,
              help="Base of every data IRI (must end in '/' or '#').")
@click.option("--shapes", type=click.Path(exists=True, path_type=Path), default=None,
              help="SHACL shapes to validate with (a .ttl file or a directory; default: shapes/).")
@click.option("--strict", is_flag=True,
              help="Fail the build on any SHACL violation (previous output kept) instead of "
                   "quarantining the failing facts.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (not for publishing).")
@click.option("--shacl-engine", type=click.Choice(SHACL_ENGINES), default=SHACL_ENGINES[0], show_default=True,
              metavar="ENGINE", help=SHACL_ENGINE_HELP)
@click.option("--model", "model", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The span model to use (a .crfsuite file made by 'kg train', with its .json beside it; "
                   "default: the one shipped in the package).")
@click.option("--no-model", is_flag=True, help="Rules only: do not use the span model.")
@click.option("--keep-going/--fail-fast", default=True, show_default=True,
              help="Go on with the other documents after one cannot be read or built (the default), "
                   "or stop at the first; either way the exit status is then 1.")
@click.option("--max-characters", type=click.IntRange(min=1), default=MAX_CHARACTERS, show_default=True, metavar="N",
              help="The longest document read, in characters; a longer one is refused (E021), as time and "
                   "memory grow with it (about 15 s and 0.5 GB per million).")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that read and extract the documents at once. Default: one per processor core "
                   "when the inputs hold 256 KB of text or more, else 1 (this process). The graph is the same "
                   "whatever N.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(inputs: tuple[Path, ...], out: Path, base_iri: str, shapes: Path | None, strict: bool,
          no_validate: bool, shacl_engine: str, model: Path | None, no_model: bool, keep_going: bool, max_characters: int,
          workers: int | None, quiet: bool):
    """Build the graph of INPUTS (files or directories; default: corpus/).

    kg reads plain text (.txt, .md; UTF-8 or UTF-16), HTML pages (.html: the main text,
    title, URL, site name and date), PDF files with a text layer (.pdf), Word documents
    (.docx) and web archives (.warc, .warc.gz: every HTML page and PDF file in them). A
    file without a suffix is read by what its first bytes are. Every other file under a
    directory is listed as skipped, with the reason, in the summary and in build.json.

    Each document becomes a named graph of the entities it mentions (organisations,
    persons, resolutions, projects, wards, events), their relations, and the exact
    character offsets of every mention. Documents that cannot be read, and inputs that do
    not exist, are reported by name and skipped; the exit status is then 1, and the rest
    is still written.

    What is built is validated with the SHACL shapes: facts about a node that violates a
    shape are written to OUT/quarantine.trig, not to the published graph, and the report
    to OUT/validation.ttl; --strict stops the build instead.

    OUT becomes a link to the build, kept in .OUT.builds/ beside it and switched in one
    step once the build is complete; a build that reads no document publishes nothing
    and leaves OUT as it was.
    """
    from .builder import build as run_build

    paths = list(inputs) or [DEFAULT_CORPUS]
    if not inputs and not DEFAULT_CORPUS.is_dir():
        raise click.UsageError(f"no INPUTS given and no '{DEFAULT_CORPUS}/' directory here")
    try:
        if model and no_model:
            raise click.UsageError("--model and --no-model exclude each other")
        settings = Settings(base_iri=_checked_base(base_iri), shapes=shapes, strict=strict,
                            validate=not no_validate, shacl_engine=shacl_engine, fail_fast=not keep_going,
                            max_characters=max_characters, workers=workers)
        if model or no_model:
            settings = replace(settings, model=None if no_model else model)
        if quiet or not err_console.is_terminal:
            result = run_build(paths, out, settings)
        else:
            result = _build_with_progress(run_build, paths, out, settings)
    except KGError as err:
        _fail(err, 1 if "[E304]" in str(err) else 2)
    for failure in result.failures:
        err_console.print(f"[red]error:[/red] {escape(failure['error'])}", soft_wrap=True)
    if not result.published:
        from .outdir import is_build, own_target

        kept = ("still names the previous build" if own_target(out) or (out.is_dir() and is_build(out))
                else "was left as it was" if out.exists() else "was not created")
        err_console.print(f"[red]error:[/red] {escape(Errors.E210.format(path=out, kept=kept))}", soft_wrap=True)
    elif not quiet:
        _print_summary(result)
    sys.exit(0 if result.ok else 1)


def _checked_base(base: str) -> str:
    from .rdf.iri import check_base

    try:
        return check_base(base)
    except KGError as err:
        raise click.BadParameter(str(err), param_hint="--base-iri") from None


def _build_with_progress(run_build, paths, out, settings):
    from . import ingest

    total = len(ingest.collect(paths).files)
    columns = (TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[doc]}"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("build", total=total, doc="")

        def progress(event: str, path: Path):
            if event == "start":
                bar.update(task, doc=escape(ingest.shown(path.name)))
            else:
                bar.advance(task)

        return run_build(paths, out, settings, progress)


#: How many skipped files the summary names (build.json lists all).
SHOWN_SKIPPED = 20


def _print_summary(result) -> None:
    console = Console(highlight=False)
    table = Table(title=f"kg build → {escape(str(result.out))}", show_header=True, header_style="bold")
    table.add_column("entities")
    table.add_column("in the graph", justify="right")  # distinct entities, as kg stats counts them
    for type_, n in result.entities.items():
        table.add_row(type_, str(n))
    console.print(table)
    rel = ", ".join(f"{p} {n}" for p, n in result.relations.items()) or "none"
    console.print(f"documents: {len(result.documents)} built, {len(result.failures)} failed, "
                  f"{len(result.skipped)} files skipped")
    for skipped in result.skipped[:SHOWN_SKIPPED]:
        console.print(f"  skipped {escape(skipped['file'])}: {escape(skipped['reason'])}", soft_wrap=True)
    if len(result.skipped) > SHOWN_SKIPPED:
        console.print(f"  … and {len(result.skipped) - SHOWN_SKIPPED} more (build.json lists them all)")
    console.print(f"mentions: {result.mentions}; relations read, per document: {sum(result.relations.values())} ({rel})")
    console.print(f"quads: {result.quads}; triples in graph.ttl: {result.triples}; "
                  f"time: {result.timings.get('total', 0):.2f} s")
    if result.validation:
        v = result.validation
        verdict = "conforms" if v["conforms"] else f"{v['violations']} violations"
        console.print(f"SHACL: {verdict}, {v['warnings']} warnings; quarantined quads: {result.quarantined}; "
                      f"validation time: {result.timings.get('validate', 0):.2f} s")
        for shape, n in sorted(v.get("by_shape", {}).items()):
            console.print(f"  quarantined for {escape(shape)}: {n}")
    for w in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(w)}")


@main.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "ntriples", "rdfxml", "nquads", "trig", "jsonld"]),
              default="turtle", show_default=True,
              help="Triple formats (turtle, ntriples, rdfxml) hold the merge of the named graphs; the dataset "
                   "formats (nquads, trig, jsonld) keep them.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@BUILD_OPTION
def export_cmd(fmt: str, output: Path | None, build_dir: Path):
    """Export the graph of a build from its store."""
    from .export import export

    try:
        n = export(build_dir, fmt, output if output else sys.stdout.buffer)
    except KGError as err:
        _fail(err, 2)
    if output:
        err_console.print(f"wrote {n} statements to {output}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@BUILD_OPTION
def stats(fmt: str, build_dir: Path):
    """Count the instances of each class and the statements of each property."""
    from .stats import stats as compute

    try:
        result = compute(build_dir)
    except KGError as err:
        _fail(err, 2)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    console.print(f"quads in {result['named_graphs']} named graphs: {result['quads']}; triples in the default graph (their merge): {result['triples']}")
    for title, rows in (("class", result["classes"]), ("property", result["properties"])):
        table = Table(show_header=True, header_style="bold")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, n in rows.items():
            table.add_row(name, str(n))
        console.print(table)


@main.command("query")
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the SPARQL query from a file.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of a canned query (repeatable); names match with or without diacritics.")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples",
                                                     "jsonld", "rdfxml"]),
              default="table", show_default=True,
              help="table, csv, tsv, json, xml for SELECT/ASK; turtle, ntriples, jsonld, rdfxml for CONSTRUCT/DESCRIBE.")
@BUILD_OPTION
def query_cmd(query: str | None, query_file: Path | None, params: tuple[str, ...], list_queries: bool,
              fmt: str, build_dir: Path):
    """Ask the graph of a build in SPARQL 1.1.

    QUERY is a SPARQL query, or the name of a canned query of queries/ (see --list). The
    default graph is the merge of all named graphs (each triple once); FROM <graph> reads
    one document's graph, GRAPH ?g { … } each.

    \b
    Examples:
      kg query --list
      kg query posts --param person="Lâm Thị"
      kg query 'SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c' --format csv
      kg query -f my.rq --format json
    """
    from . import query as q

    known = q.canned()
    if list_queries:
        for item in known.values():
            params_doc = "; ".join(f"{k}: {v}" for k, v in item.params.items())
            click.echo(f"{item.name:20} {item.description}" + (f"  [{params_doc}]" if params_doc else ""))
        return
    try:
        bound = dict(_key_value(p) for p in params)
        if query_file is not None:
            text = q.bind(query_file.read_text(encoding="utf-8"), bound)
        elif query in known:
            text = q.bind(known[query].text, bound, known[query].params)
        elif query and (re.search(r"\s|\{", query) or query.upper().startswith(("SELECT", "ASK", "PREFIX"))):
            text = q.bind(query, bound)
        elif query:
            raise q.QueryError(Errors.E405.format(name=query))
        else:
            raise click.UsageError("give a query, a canned query's name, -f FILE or --list")
        results = q.run(build_dir, text)
        if fmt == "table" and isinstance(results, ox.QuerySolutions):
            names, rows = q.rows(results, q.prefixes(build_dir))
            table = Table(header_style="bold", show_lines=False)
            for name in names:
                table.add_column(name, overflow="fold")  # wrapped, never cut
            for row in rows:
                table.add_row(*(escape(c) for c in row))
            Console(highlight=False).print(table)
            click.echo(f"{len(rows)} rows", err=True)
        elif fmt == "table" and isinstance(results, ox.QueryBoolean):
            click.echo("true" if bool(results) else "false")
        else:
            sys.stdout.buffer.write(q.serialize(results, "turtle" if fmt == "table" else fmt))
    except KGError as err:
        _fail(err, 2)


def _origin(text: str) -> str:
    """An origin as browsers send it: scheme://host[:port], no path; or '*'."""
    from urllib.parse import urlsplit

    if text == "*":
        return text
    bad = click.BadParameter(f"'{text}' is not an origin (scheme://host[:port], e.g. https://example.org)",
                             param_hint="--cors")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise bad from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
            or parts.query or parts.fragment or parts.username:
        raise bad
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")  # as browsers send it


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"'{text}' is not KEY=VALUE", param_hint="--param")
    return key.strip(), value


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; only this machine can connect by default.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--timeout", default=SERVE_DEFAULTS.timeout, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run; past it, the query is stopped and the client told so.")
@click.option("--max-rows", default=SERVE_DEFAULTS.max_rows, show_default=True, type=click.IntRange(min=1),
              help="Most solutions or triples in one answer; a larger answer is refused, never cut.")
@click.option("--workers", default=SERVE_DEFAULTS.workers, show_default=True, type=click.IntRange(1, 64),
              help="Queries that run at once, each in its own process.")
@click.option("--max-request-kb", default=SERVE_DEFAULTS.max_request_bytes >> 10, show_default=True, type=click.IntRange(min=1),
              help="Largest query or request body accepted, in KiB.")
@click.option("--max-response-mb", default=SERVE_DEFAULTS.max_response_bytes >> 20, show_default=True, type=click.IntRange(min=1),
              help="Largest answer sent, in MiB; a larger one is refused, never cut.")
@click.option("--max-memory-mb", default=(SERVE_DEFAULTS.max_memory or 0) >> 20, show_default=True, type=click.IntRange(min=0),
              help="Address space of each query worker, in MiB (0: no limit); a query that needs "
                   "more ends alone.")
@click.option("--max-connections", default=SERVE_DEFAULTS.connections, show_default=True,
              type=click.IntRange(1, 100_000),
              help="Open connections at once, idle ones included; past it new ones wait.")
@click.option("--idle-timeout", default=SERVE_DEFAULTS.idle_timeout, show_default=True, type=click.FloatRange(1),
              help="Seconds an idle connection is kept open.")
@click.option("--short-lane", "lane", default=SERVE_DEFAULTS.lane, show_default=True, type=click.FloatRange(0),
              help="Seconds a query may take in the short lane, one more worker that takes queries while "
                   "every worker is busy, so quick ones stay quick under slow ones (0: no lane).")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let pages of ORIGIN (e.g. https://yasgui.example.org) query the endpoint and read "
                   "the answers; repeat for more, '*' for any page. Default: none.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
@BUILD_OPTION
def serve(host: str, port: int, timeout: float, max_rows: int, workers: int, max_request_kb: int,
          max_response_mb: int, max_memory_mb: int, max_connections: int, idle_timeout: float, lane: float,
          cors: tuple[str, ...], quiet: bool, build_dir: Path):
    """Serve a build as a read-only SPARQL 1.1 endpoint, with a query page.

    \b
    http://HOST:PORT/            the query page, with the canned queries one click away
    http://HOST:PORT/sparql      the SPARQL 1.1 Protocol: GET, POST form or sparql-query
    http://HOST:PORT/id/...      each IRI of the graph, as HTML or as Turtle/JSON-LD

    Answers come as JSON, XML, CSV or TSV (SELECT, ASK) and Turtle, N-Triples or JSON-LD
    (CONSTRUCT, DESCRIBE), by the Accept header or a format= parameter. SPARQL Update is
    refused (403), and so is SERVICE. Nothing on the page loads from the internet.

    Other sites' pages cannot use it: a request another page makes in the background is
    refused (403) unless --cors names that page's origin, and the server answers only to
    its loopback names. When 'kg build' replaces the build, the server moves to the new
    one by itself, in one step; requests under way finish on the old one.

    \b
    Example:
      kg serve &
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    import logging

    from .server import Server

    limits = Limits(timeout=timeout, max_rows=max_rows, workers=workers, max_request_bytes=max_request_kb << 10,
                    max_response_bytes=max_response_mb << 20, max_memory=(max_memory_mb << 20) or None,
                    cors=tuple(_origin(o) for o in cors), connections=max_connections, idle_timeout=idle_timeout, lane=lane)
    if not quiet:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
        logging.getLogger("waitress").setLevel(logging.WARNING)
    try:
        server = Server(build_dir, host=host, port=port, limits=limits)
    except KGError as err:
        _fail(err, 2)
    if not server.loopback:
        err_console.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: other machines can query "
                          "this graph")
    click.echo(f"kg: serving {build_dir} at {server.url} (SPARQL endpoint: {server.url}sparql); "
               "Ctrl-C stops", err=False)
    sys.stdout.flush()
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop as on Ctrl-C: workers closed
    try:
        server.run()
    except KeyboardInterrupt:
        pass


TYPE_CHOICE = click.Choice(ALL_TYPES, case_sensitive=False)


def _held_views(build_dir: Path) -> Path:
    """BUILD/views of the build the graph was read from, even if a rebuild has replaced it
    since (then by the path of that build's own folder)."""
    import os

    from .store import store_path

    held = store_path(build_dir).parent
    return build_dir / "views" if Path(os.path.realpath(build_dir)) == held else held / "views"


def _entity_graph(build_dir: Path, types: tuple[str, ...]):
    """The networkx graph of a build's entities (all types, or those named)."""
    import kg

    wanted = tuple(t for t in ALL_TYPES if not types or t.lower() in {x.lower() for x in types})
    return kg.to_networkx(kg.open(build_dir), types=wanted)


@main.command()
@click.option("-o", "--out", "views_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory for the views (default: BUILD/views).")
@click.option("--type", "types", multiple=True, type=TYPE_CHOICE,
              help="Only entities of this type (repeatable; default: all).")
@click.option("--doc", "docs", multiple=True, metavar="NAME",
              help="Only the views of these documents (file name or stem; repeatable; default: all).")
@click.option("--entity", default=None, metavar="IRI",
              help="Also write an ego view around this entity (its IRI, the end of it, or its exact name).")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(1, 6),
              help="How many relations away the ego view reaches.")
@click.option("--size", type=click.Choice(["degree", "betweenness"]), default="degree", show_default=True,
              help="What node size shows.")
@BUILD_OPTION
def viz(views_dir: Path | None, types: tuple[str, ...], docs: tuple[str, ...], entity: str | None, hops: int,
        size: str, build_dir: Path):
    """Draw the graph as interactive HTML views that work offline.

    Writes corpus.html (every entity), doc-NAME.html for each document, entity-NAME.html
    around --entity, and index.html listing them with their counts. Hover a node or a
    relation for its type, documents and source sentences; untick a type in the legend to
    hide it; search a name (accents optional).

    \b
    Examples:
      kg viz                                   # out/views/index.html
      kg viz --type Organisation --type Person
      kg viz --entity "Thành ủy Lạng Sơn" --hops 2
    """
    from .viz import write_views

    try:
        graph = _entity_graph(build_dir, types)
        out = views_dir or _held_views(build_dir)
        with _spinner("drawing") as step:
            views = write_views(graph, out, documents=list(docs) or None, entity=entity, hops=hops, size=size,
                                progress=step)
    except KGError as err:
        _fail(err, 2)
    for view in views:
        if view.kind == "timeline":
            click.echo(f"{out / view.name}\t{view.nodes} dated events and posts")
        else:
            click.echo(f"{out / view.name}\t{view.nodes} entities\t{view.edges} relations")
    click.echo(f"open {out / 'index.html'}", err=True)


class _spinner:
    """A transient progress line on a terminal (nothing when output is piped)."""

    def __init__(self, what: str):
        self.what = what
        self.progress = None

    def __enter__(self):
        if err_console.is_terminal:
            self.progress = Progress(TextColumn(f"[bold]{self.what}"), TextColumn("{task.description}"),
                                     TimeElapsedColumn(), console=err_console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("")
        return self.step

    def step(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=escape(name))

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="Rows per ranking.")
@click.option("--path", "path", nargs=2, metavar="A B", default=None,
              help="Also the shortest path between two entities (IRI, end of IRI, or exact name).")
@click.option("--type", "types", multiple=True, type=TYPE_CHOICE, help="Only entities of this type (repeatable).")
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Write the graph as GraphML.")
@click.option("--gexf", type=click.Path(dir_okay=False, path_type=Path), help="Write the graph as GEXF (Gephi).")
@BUILD_OPTION
def analyze(fmt: str, top: int, path: tuple[str, str] | None, types: tuple[str, ...], graphml: Path | None,
            gexf: Path | None, build_dir: Path):
    """Network measures of the entity graph: degree and betweenness centrality, Louvain
    communities, connected components, the organisations with the most posts and issued
    documents, and (--path A B) the shortest path between two entities.

    \b
    Examples:
      kg analyze
      kg analyze --path "Thành ủy Lạng Sơn" "Ủy ban nhân dân tỉnh Lạng Sơn"
      kg analyze --format json --gexf out/graph.gexf
    """
    from .analyze import analyze as measure
    from .analyze import write_graph

    try:
        graph = _entity_graph(build_dir, types)
        result = measure(graph, top=top, path=tuple(path) if path else None)
        for target, kind in ((graphml, "graphml"), (gexf, "gexf")):
            if target is not None:
                write_graph(graph, target, kind)
                err_console.print(f"wrote {escape(str(target))}")
    except KGError as err:
        _fail(err, 2)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _analysis_csv(result)
    else:
        _analysis_tables(result)


def _analysis_rows(result: dict):
    """(section, rank, label, type, value, iri) for every ranked entry of an analysis."""
    for section in ("degree", "betweenness"):
        for i, e in enumerate(result[section], 1):
            yield section, i, e["label"], e["type"], f"{e['score']:.6f}", e["iri"]
    for i, e in enumerate(result["organisations"], 1):
        yield "organisations", i, e["label"], e["type"], f"{e['posts']} posts, {e['resolutions']} issued", e["iri"]
    for i, c in enumerate(result["communities"], 1):
        for j, m in enumerate(c["members"], 1):
            yield f"community {i} ({c['size']} entities)", j, m["label"], m["type"], "", m["iri"]
    for i, step in enumerate(result.get("path", []), 1):
        yield "path", i, f"{step['from']} → {step['to']}", "", step["relation"], step["to_iri"]


def _analysis_csv(result: dict) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["section", "rank", "label", "type", "value", "iri"])
    writer.writerows(_analysis_rows(result))


def _analysis_tables(result: dict) -> None:
    console = Console(highlight=False)
    comps = result["components"]
    console.print(f"{result['nodes']} entities, {result['edges']} relations; {comps['count']} connected components "
                  f"(largest {comps['largest']}); {result['community_count']} communities, modularity "
                  f"{result['modularity']:.3f}" + (" ; betweenness estimated from a sample" if
                                                    result["betweenness_sampled"] else ""))
    sections: dict[str, list] = {}
    for section, rank, label, type_, value, _ in _analysis_rows(result):
        sections.setdefault(section, []).append((str(rank), label, type_, value))
    for section, rows in sections.items():
        table = Table("#", "entity", "type", "value", title=section, title_justify="left", header_style="bold")
        for row in rows:
            table.add_row(*(escape(c) for c in row))
        console.print(table)


@main.command("validate")
@click.argument("target", required=False, type=click.Path(path_type=Path), default=DEFAULT_OUT)
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="SHACL shapes (a .ttl file or a directory; default: shapes/).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True,
              help="text for people; json, or the standard sh:ValidationReport in Turtle, for machines.")
@click.option("--engine", type=click.Choice(SHACL_ENGINES), default=SHACL_ENGINES[0], show_default=True,
              help=SHACL_ENGINE_HELP)
def validate_cmd(target: Path, shapes: Path | None, fmt: str, engine: str):
    """Validate a graph with the SHACL shapes: TARGET is a build directory (default: out/)
    or an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).

    Exit status: 0 when the graph conforms (warnings allowed), 1 when it has violations,
    2 when the graph or the shapes cannot be read.
    """
    from .validate import load_shapes, read_data, validate

    try:
        report = validate(read_data(target, engine), load_shapes(shapes), engine=engine, inplace=True)
    except KGError as err:
        _fail(err, 2)
    if fmt == "json":
        click.echo(report.to_json())
    elif fmt == "turtle":
        click.echo(report.to_turtle())
    else:
        click.echo(report.to_text())
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.option("--gold", "gold_dirs", required=True, multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of gold annotations: one <document>.json per document. Repeat for "
                   "several; each is scored alone, and so is each file-name group (A…, B…) and all.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--details", is_flag=True, help="Also list every miss (FN) and false hit (FP).")
@BUILD_OPTION
def evaluate(gold_dirs: tuple[Path, ...], fmt: str, details: bool, build_dir: Path):
    """Score a build against gold annotations: precision, recall and F1 per entity type
    and per relation, the accuracy of post titles, and of the dates of events and
    documents where the gold gives one.

    \b
    Examples:
      kg build corpus && kg evaluate --gold ../shared/eval/gold --details
      kg build corpus ../shared/eval/provinces/corpus -o out-all
      kg evaluate --build out-all --gold ../shared/eval/gold --gold ../shared/eval/provinces/gold
    """
    from .evaluate import evaluate_sets

    try:
        evaluation = evaluate_sets(build_dir, list(gold_dirs))
    except KGError as err:
        _fail(err, 2)
    result = evaluation.as_dict()
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        console = Console(highlight=False)
        sets = [(f"folder {'/'.join(Path(k).parts[-2:])}", r) for k, r in result["folders"].items()] \
            if len(gold_dirs) > 1 else []
        sets += [(f"group {k}", r) for k, r in result["groups"].items()]
        if sets:
            table = Table(show_header=True, header_style="bold", title="by set", title_justify="left")
            for col in ("set", "docs", "entities F1 (P/R)", "relations F1 (P/R)"):
                table.add_column(col, justify="left" if col == "set" else "right", no_wrap=True)
            for name, r in sets + [("all", result)]:
                e, rel = r["entities_micro"], r["relations_micro"]
                table.add_row(escape(name), str(r["documents"]),
                              *(f"{c['f1']:.3f} ({c['precision']:.2f}/{c['recall']:.2f})" for c in (e, rel)))
            console.print(table)
        for title, rows, micro in (("entities", result["entities"], result["entities_micro"]),
                                   ("relations", result["relations"], result["relations_micro"])):
            table = Table(show_header=True, header_style="bold")
            for col in (title, "P", "R", "F1", "tp/fp/fn"):
                table.add_column(col, justify="left" if col == title else "right")
            for name, c in list(rows.items()) + [("ALL (micro)", micro)]:
                table.add_row(name, f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}",
                              f"{c['tp']}/{c['fp']}/{c['fn']}")
            console.print(table)
        console.print(f"role accuracy on found memberships: {result['role_accuracy']}")
        for t, d in result["dates"].items():
            console.print(f"dates of found {t} entities whose gold has one: {d['right']} right, "
                          f"{d['dated'] - d['right']} wrong, {d['gold_dated'] - d['dated']} missing "
                          f"of {d['gold_dated']}")
        if result["documents_not_in_graph"]:
            console.print("documents with no Document node: " + escape(", ".join(result["documents_not_in_graph"])))
    if details:
        for line in evaluation.overall.details:
            click.echo(line, err=True)  # tab-separated, for grep and spreadsheets


@main.command()
@click.option("--gold", "gold_dirs", required=True, multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of gold annotations (<document>.json). Repeat for several.")
@click.option("--texts", "text_dirs", required=True, multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory holding the documents the gold files name. Repeat for several.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (.crfsuite; its .json beside it). Default: the package's "
                   "model, kg/models/spans.crfsuite.")
@click.option("--folds", default=5, show_default=True,
              help="Folds of the cross-validation by document that chooses how the model is used "
                   "and measures it; 0: no cross-validation, the model is used as --use says.")
@click.option("--use", "use", multiple=True, metavar="TYPE:POLICY",
              help="With --folds 0: use the model for TYPE with POLICY (add, veto, bounds), "
                   "e.g. --use Event:add. Repeat for several.")
@click.option("--repeats", default=3, show_default=True,
              help="How many times the choosing cross-validation is run, each with other folds (seeds "
                   "SEED, SEED+1, …); a way is kept only if it helps in every one.")
@click.option("--seed", default=0, show_default=True, help="Seed of the folds' shuffle.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def train(gold_dirs: tuple[Path, ...], text_dirs: tuple[Path, ...], output: Path | None, folds: int,
          use: tuple[str, ...], repeats: int, seed: int, fmt: str):
    """Train the span model on gold annotations, and measure it honestly.

    The documents the gold files name are read from the --texts folders and run through
    the rules; the gold's names, found in each text, label its syllables; a CRF
    (CRFsuite) learns the labels from the syllables, the word lists and the rules' own
    mentions.

    With --folds K (default 5), the documents are first dealt into K folds; for each,
    a model trained on the other folds is tried on it in each way it could be used
    (per type: add spans the rules missed, veto rule mentions, or set their bounds), and
    only the ways that raise their type's F1 without lowering the relation F1 in each of
    --repeats runs with other folds are kept. A cross-validation with yet other folds
    measures that choice against the rules alone. No document is ever scored by a model
    that saw it. The final model is then trained on all
    documents; the figures go into its .json and are printed.

    \b
    Examples:
      kg train --gold ../shared/eval/gold --texts corpus \\
               --gold ../shared/eval/provinces/gold --texts ../shared/eval/provinces/corpus
      kg train --gold G --texts T --folds 0 --use Event:veto -o /tmp/m.crfsuite
    """
    from .learn import (DEFAULT_MODEL, POLICIES, agreed_uses, candidate_variants, collect_examples, cross_validate,
                        helpful_uses)
    from .learn import train as train_model

    output = output or DEFAULT_MODEL
    say = (lambda msg: err_console.print(escape(msg), soft_wrap=True)) if fmt == "table" else (lambda _: None)
    try:
        examples = collect_examples(list(gold_dirs), list(text_dirs), say)
        if folds:
            choices = []
            for r in range(repeats):
                say(f"choosing how to use the model ({r + 1}/{repeats}): {folds}-fold cross-validation of "
                    f"each way, {len(examples)} documents, seed {seed + r}")
                choices.append(cross_validate(examples, folds, seed + r, candidate_variants(), say))
            uses = agreed_uses([helpful_uses(c) for c in choices])
            say(f"measuring that choice ({uses or 'not used'}): {folds}-fold cross-validation, "
                f"seed {seed + repeats}")
            measured = cross_validate(examples, folds, seed + repeats, {"chosen": uses} if uses else {}, say)
            figures = {"choice": choices[0], "choices": choices, "measured": measured}
        else:
            uses = {}
            for item in use:
                type_, _, policy = item.partition(":")
                if type_ not in ENTITY_TYPES or policy not in POLICIES:
                    raise click.BadParameter(f"{item!r}: give TYPE:POLICY, TYPE one of {', '.join(ENTITY_TYPES)} "
                                             f"and POLICY one of {', '.join(POLICIES)}", param_hint="--use")
                uses.setdefault(type_, []).append(policy)
            figures = {}
        info = train_model(examples, output, uses, seed, figures)
    except KGError as err:
        _fail(err, 2)
    if fmt == "json":
        click.echo(json.dumps({"model": str(output), "uses": info.uses, "documents": len(info.documents),
                               "cross_validation": figures}, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    if figures:
        table = Table(show_header=True, header_style="bold",
                      title=f"cross-validated by document ({folds} folds, {len(examples)} documents)",
                      title_justify="left")
        for col in ("variant", "entities F1", "relations F1", *ENTITY_TYPES):
            table.add_column(col, justify="left" if col == "variant" else "right", no_wrap=True)
        rows = list(figures["choice"]["variants"].items()) + [
            (f"chosen: {info.uses}", r) for n, r in figures["measured"]["variants"].items() if n == "chosen"]
        for name, r in rows:
            table.add_row(escape(name), f"{r['entities']:.3f}", f"{r['relations']:.3f}",
                          *(f"{r['types'][t]:.3f}" for t in ENTITY_TYPES))
        console.print(table)
    console.print(f"model written to {escape(str(output))} (used for: {info.uses or 'nothing'}), "
                  f"trained on {len(info.documents)} documents")


if __name__ == "__main__":  # pragma: no cover
    main()
