"""SPARQL over a build's store, and the canned queries of ``queries/``.

The default graph of every query is the merge of the build's named graphs (each triple
once, kept in the store's default graph: ``kg.store.create``), so a query need not name
them and a count counts each statement once; ``FROM <g>`` reads one document's graph and
``GRAPH ?g { … }`` reaches each. A canned query is a ``.rq``
file whose first comment line says what it answers and whose ``# param: name = …`` lines
name its parameters; ``$name`` in the query stands for the parameter's value as a string
literal (the empty string when it is not given, which the canned queries read as "all"),
and ``$name_key`` for it folded for search, as the entities' ``skos:hiddenLabel`` is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .config import ROOT
from .errors import Errors, KGError
from .rdf import jsonld, rdfxml
from .rdf.iri import IRIs
from .rdf.vocab import DEFAULT_BASE_IRI, PREFIXES, compact
from .text.normalise import search_key
from .store import manifest, open_build

QUERIES_DIR = ROOT / "queries"
_PARAM = re.compile(r"^#\s*param:\s*(?P<name>\w+)\s*=\s*(?P<doc>.*)$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\$(?P<name>[A-Za-z_]\w*)")

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


class QueryError(KGError):
    """The query cannot be run as written (a usage error)."""


@dataclass(frozen=True)
class Canned:
    name: str
    path: Path
    description: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def canned(directory: Path = QUERIES_DIR) -> dict[str, Canned]:
    """The canned queries, by name (the file stem)."""
    found = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")
        params = {m["name"]: m["doc"].strip() for m in _PARAM.finditer(text)}
        found[path.stem] = Canned(path.stem, path, first, params)
    return found


def _literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def bind(text: str, params: dict[str, str], declared: dict[str, str] | None = None) -> str:
    """The query with each ``$name`` replaced by its value as a string literal."""
    if declared is not None:
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise QueryError(Errors.E401.format(name=unknown[0], known=", ".join(declared) or "none"))
    return _PLACEHOLDER.sub(lambda m: _literal(_value(m["name"], params)), text)


#: ``$name_key`` stands for parameter ``name`` folded for search (``search_key``: "Lạng
#: Sơn" and "lang son" are both "lang son"), to compare with the ``skos:hiddenLabel`` that
#: every entity carries, so that a canned query matches with or without diacritics.
KEY_SUFFIX = "_key"


def _value(name: str, params: dict[str, str]) -> str:
    base = name.removesuffix(KEY_SUFFIX)
    if name not in params and base != name and base in params:
        return search_key(params[base])
    return params.get(name, "")


#: How deep a query may nest ``{ }``, ``( )`` and ``[ ]``: Oxigraph's parser recurses once
#: per level and overflows the stack (killing the process) somewhere past a thousand, far
#: beyond any query a person writes.
MAX_NESTING = 256
_OPENS, _CLOSES = "{([", "})]"
_SKIPPED = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*+"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*+\'\'\''
                      r'|"(?:[^"\\\n]|\\.)*+"|\'(?:[^\'\\\n]|\\.)*+\'|<[^<>"{}|^`\\\s]*+>|\#[^\n]*+')


def nesting(text: str) -> int:
    """The deepest nesting of brackets in a query, strings, IRIs and comments aside (time
    linear in its length)."""
    depth = deepest = 0
    pos = 0
    for m in _SKIPPED.finditer(text):
        depth, deepest = _count(text, pos, m.start(), depth, deepest)
        pos = m.end()
    return _count(text, pos, len(text), depth, deepest)[1]


def _count(text: str, begin: int, end: int, depth: int, deepest: int) -> tuple[int, int]:
    for ch in text[begin:end]:
        if ch in _OPENS:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSES:
            depth = max(0, depth - 1)
    return depth, deepest


def check_nesting(text: str) -> None:
    """Raise ``QueryError`` E406 for a query nested too deep to parse safely."""
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise QueryError(Errors.E406.format(depth=depth, limit=MAX_NESTING))


def prefixes(build: Path) -> dict[str, str]:
    """The prefixes every query of ``build`` may use undeclared: the vocabularies of
    ``PREFIXES`` (kg:, rdf:, rdfs:, skos:, org:, prov:, nif:, schema:, eli: …) and the
    build's own namespaces (person:, organisation:, document: …, under its base IRI)."""
    return {**PREFIXES, **IRIs(manifest(build).get("base_iri", DEFAULT_BASE_IRI), checked=False).prefixes()}


def run(build: Path, text: str):
    """The results of a query over the build (solutions, a boolean or triples); the
    query may use the prefixes of ``prefixes`` without declaring them."""
    check_nesting(text)
    store = open_build(build)
    try:
        return store.query(text, prefixes=prefixes(build))  # the default graph is the merge (kg.store.create)
    except SyntaxError as err:
        raise QueryError(Errors.E402.format(reason=err)) from None
    except OSError as err:
        raise QueryError(Errors.E403.format(reason=err)) from None


def serialize(results, fmt: str) -> bytes:
    """Results as bytes in ``fmt``: csv, tsv, json, xml for solutions and booleans; turtle,
    ntriples, jsonld for the triples of CONSTRUCT and DESCRIBE."""
    if isinstance(results, ox.QueryTriples):
        return serialize_triples(list(results), fmt if fmt in GRAPH_FORMATS else "turtle")
    if fmt not in RESULT_FORMATS:
        raise QueryError(Errors.E404.format(fmt=fmt, known=", ".join(RESULT_FORMATS)))
    return results.serialize(format=RESULT_FORMATS[fmt])


def serialize_triples(triples: list, fmt: str) -> bytes:
    """Triples as bytes in ``fmt``: turtle and rdfxml with the project's prefixes; ntriples;
    jsonld compacted with them as its ``@context`` (``kg.rdf.jsonld``)."""
    rdf = GRAPH_FORMATS[fmt]
    if rdf == ox.RdfFormat.JSON_LD:
        return jsonld.serialize(triples)
    if rdf == ox.RdfFormat.RDF_XML:
        return rdfxml.serialize(triples)
    return ox.serialize(triples, format=rdf, prefixes=PREFIXES if rdf == ox.RdfFormat.TURTLE else None)


def rows(results: ox.QuerySolutions, extra: dict[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain strings, for a table: IRIs compacted with the
    prefixes of ``PREFIXES`` and ``extra`` (see ``prefixes``)."""
    names = [v.value for v in results.variables]
    table = []
    for solution in results:
        table.append(["" if solution[n] is None else _plain(solution[n], extra) for n in names])
    return names, table


def _plain(term, extra: dict[str, str] | None = None) -> str:
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return compact(term.value, extra)
