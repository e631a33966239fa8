"""Linked Data: what the graph says of one IRI, as RDF for clients and as a page for
people. Every text of the graph is HTML-escaped on the page."""
from __future__ import annotations

from html import escape

import pyoxigraph as ox

from ..rdf.vocab import NIF, RDF, SKOS, VOID, XSD, compact

MAX_LINKS = 1000  # statements shown on a page; the RDF answer has them all


def valid(iri: str) -> bool:
    """Whether ``iri`` can be written between < and > in a query."""
    return bool(iri) and not any(c in iri for c in '<>"{}|^`\\ ')


def _iri(iri: str) -> str:
    if not valid(iri):
        raise ValueError(iri)
    return f"<{iri}>"


def construct(iri: str, graph: str | None = None) -> str:
    """Every statement with ``iri`` as subject or object; with ``graph`` (the named graph
    of a document), also those of the IRIs ``iri#…`` in it, its mentions, sentences and
    facts, which a client asks for by asking for ``iri`` (the fragment stays with it)."""
    i = _iri(iri)
    parts = f"{{ {i} ?p ?o }} UNION {{ ?s ?q {i} }}"
    if graph:
        parts += (f' UNION {{ GRAPH {_iri(graph)} {{ ?h ?hp ?ho }} '
                  f'FILTER(STRSTARTS(STR(?h), "{iri}#")) }}')
    return f"CONSTRUCT {{ {i} ?p ?o . ?s ?q {i} . ?h ?hp ?ho }} WHERE {{ {parts} }}"


def text(iri: str) -> str:
    """The text of the document ``iri`` (its ``nif:isString``), which offsets count in."""
    return f"SELECT ?text WHERE {{ {_iri(iri)} <{NIF.isString}> ?text }}"


def ontology(iri: str) -> str:
    """The statements of the ontology's named graph ``iri``."""
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri(iri)} {{ ?s ?p ?o }} }}"


def alternates(path: str, formats: dict[str, tuple[str, ...]]) -> str:
    """A ``Link`` header naming the other forms of the page at ``path``
    (RFC 8288: ``rel="alternate"``, each with its media type)."""
    return ", ".join(f'<{path}?format={name}>; rel="alternate"; type="{types[0]}"' for name, types in formats.items())


def select(iri: str) -> str:
    """The statements of ``iri`` with the label of each other end, outgoing ones first."""
    i = _iri(iri)
    return f"""SELECT DISTINCT ?dir ?p ?other ?label WHERE {{
  {{ {i} ?p ?other . BIND("out" AS ?dir) }} UNION {{ ?other ?p {i} . BIND("in" AS ?dir) }}
  OPTIONAL {{ ?other <{SKOS.prefLabel}> ?label . FILTER(lang(?label) = "vi" || lang(?label) = "") }}
}} ORDER BY DESC(?dir) ?p ?other LIMIT {MAX_LINKS + 1}"""


def _link(term: dict, base: str, label: str | None = None) -> str:
    if term["type"] == "uri":
        value = term["value"]
        local = value.startswith(base)
        text = escape(label or (value[len(base):] if local else compact(value)))
        if local:
            return f'<a href="/id/{escape(value[len(base):])}" title="{escape(value)}">{text}</a>'
        return f'<a href="{escape(value)}" rel="external">{text}</a>'
    if term["type"] == "bnode":
        return f"<code>_:{escape(term['value'])}</code>"
    extra = term.get("xml:lang") or (compact(term["datatype"]) if "datatype" in term else "")
    suffix = f' <span class="tag">{escape(extra)}</span>' if extra else ""
    return f"<span class=\"literal\">{escape(term['value'])}</span>{suffix}"


def page(iri: str, rows: list[dict], base: str) -> str:
    """The HTML page of ``iri`` from the JSON bindings of :func:`select`."""
    shown = rows[:MAX_LINKS]
    own_label = next((r["other"]["value"] for r in shown
                      if r["dir"]["value"] == "out" and r["p"]["value"] == str(SKOS.prefLabel)), None)
    title = own_label or compact(iri)
    out_rows, in_rows = [], []
    for r in shown:
        prop = _link(r["p"], base)
        other = _link(r["other"], base, r.get("label", {}).get("value"))
        (out_rows if r["dir"]["value"] == "out" else in_rows).append(f"<tr><td>{prop}</td><td>{other}</td></tr>")
    more = (f'<p class="note">Only the first {MAX_LINKS} statements are shown; the Turtle form and '
            f"/sparql have them all.</p>") if len(rows) > MAX_LINKS else ""
    section = ""
    if in_rows:
        section = ("<h2>Pointing here</h2><table><thead><tr><th>property (of the other)</th><th>from</th></tr>"
                   "</thead><tbody>" + "".join(in_rows) + "</tbody></table>")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(title)} · kg</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/style.css">
<link rel="alternate" type="text/turtle" href="?format=turtle"></head>
<body><header><a href="/">kg · SPARQL</a></header><main>
<h1>{escape(title)}</h1>
<p class="iri"><code>{escape(iri)}</code> · <a href="?format=turtle">Turtle</a> ·
<a href="?format=jsonld">JSON-LD</a> · <a href="?format=ntriples">N-Triples</a></p>
<table><thead><tr><th>property</th><th>value</th></tr></thead><tbody>{"".join(out_rows)}</tbody></table>
{section}{more}</main></body></html>
"""


_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
#: The W3C format IRIs (https://www.w3.org/ns/formats/) of what the endpoint answers in.
RESULT_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                      "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, graphs: list[str], triples: int) -> list:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``: a read-only
    SPARQL 1.1 Query service (no federation), the formats it answers in, and its dataset:
    the default graph is the merge of the named graphs ``graphs`` (``triples`` triples)."""
    def n(iri) -> ox.NamedNode:
        return ox.NamedNode(str(iri))

    rdf_type = n(RDF.type)
    service, dataset, default = n(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    out = [ox.Triple(service, rdf_type, n(_SD + "Service")),
           ox.Triple(service, n(_SD + "endpoint"), service),
           ox.Triple(service, n(_SD + "supportedLanguage"), n(_SD + "SPARQL11Query")),
           ox.Triple(service, n(_SD + "defaultDataset"), dataset),
           ox.Triple(dataset, rdf_type, n(_SD + "Dataset")),
           ox.Triple(dataset, n(_SD + "defaultGraph"), default),
           ox.Triple(default, rdf_type, n(_SD + "Graph")),
           ox.Triple(default, n(VOID.triples), ox.Literal(str(triples), datatype=n(XSD.integer)))]
    out += [ox.Triple(service, n(_SD + "resultFormat"), n(_FORMATS + f)) for f in RESULT_FORMAT_IRIS]
    for i, graph in enumerate(graphs):
        named = ox.BlankNode(f"g{i}")
        out += [ox.Triple(dataset, n(_SD + "namedGraph"), named),
                ox.Triple(named, rdf_type, n(_SD + "NamedGraph")),
                ox.Triple(named, n(_SD + "name"), n(graph))]
    return out
