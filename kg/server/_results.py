"""SPARQL 1.1 query results written from a list of solutions, in the four W3C formats
(JSON, XML, CSV, TSV), and the media types of results and graphs.

The endpoint collects solutions itself so that it can refuse an answer that passes the
row cap instead of truncating it; Oxigraph's own writers only take a live iterator.
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Media types a client may ask for, by the format name the endpoint uses for each.
RESULT_MEDIA_TYPES = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
GRAPH_MEDIA_TYPES = {
    "turtle": ("text/turtle", "application/x-turtle"),
    "ntriples": ("application/n-triples", "text/plain"),
    "jsonld": ("application/ld+json",),
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json; charset=utf-8",
    "xml": "application/sparql-results+xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}


def write(variables: list[str], solutions: list[ox.QuerySolution], fmt: str) -> bytes:
    """The solutions in ``fmt`` (json, xml, csv or tsv)."""
    return _WRITERS[fmt](variables, solutions)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _json(variables, solutions) -> bytes:
    bindings = [{v: _json_term(s[v]) for v in variables if s[v] is not None} for s in solutions]
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>")


def _xml(variables, solutions) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head>", "<results>"]
    for s in solutions:
        out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(s[v])}</binding>"
                                        for v in variables if s[v] is not None) + "</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _csv(variables, solutions) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as the W3C note asks
    writer.writerow(variables)
    for s in solutions:
        writer.writerow([_csv_term(s[v]) for v in variables])
    return buffer.getvalue().encode("utf-8")


def _tsv(variables, solutions) -> bytes:
    # Terms in their N-Triples form (which escapes tab and new line inside literals).
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if s[v] is None else str(s[v]) for v in variables) for s in solutions]
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
