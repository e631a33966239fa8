"""SPARQL 1.1 query results written from a list of solutions, in the four W3C formats
(JSON, XML, CSV, TSV), and the media types of results and graphs.

The endpoint collects solutions itself so that it can refuse an answer that passes the
row cap instead of truncating it; Oxigraph's own writers only take a live iterator.
"""
from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Media types a client may ask for, by the format name the endpoint uses for each; the first
#: is the one sent unless the client names an alias.
RESULT_MEDIA_TYPES = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
GRAPH_MEDIA_TYPES = {
    "turtle": ("text/turtle", "application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3",
               "application/n3"),  # Turtle is N3 too
    "ntriples": ("application/n-triples", "text/plain"),
    "jsonld": ("application/ld+json", "application/x-json+ld"),
    "rdfxml": ("application/rdf+xml",),
}
#: What clients put in ``format=`` (or ``output=``) besides the names above and the media
#: types: SPARQLWrapper's names, and those of other endpoints. ``xml`` and ``json`` name a
#: results format for SELECT and ASK and a graph format for CONSTRUCT and DESCRIBE.
FORMAT_NAMES = {
    "results": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "srj": "json", "srx": "xml"},
    "graphs": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
               "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "rdfxml": "rdfxml", "rdf+xml": "rdfxml",
               "rdf": "rdfxml", "xml": "rdfxml"},
}


def format_named(name: str, kind: str) -> str | None:
    """The format of ``kind`` ("results" or "graphs") that ``name`` (a format's name or a
    media type, as a client writes it in ``format=``) stands for, if any."""
    offers = RESULT_MEDIA_TYPES if kind == "results" else GRAPH_MEDIA_TYPES
    for part in name.lower().split(","):  # a list of media types, as SPARQLWrapper sends for JSON-LD
        part = part.split(";")[0].strip()
        found = FORMAT_NAMES[kind].get(part) or next((fmt for fmt, types in offers.items() if part in types), None)
        if found:
            return found
    return None


class Unwritable(ValueError):
    """The answer holds something the chosen format cannot carry."""


def write(variables: list[str], solutions: list[ox.QuerySolution], fmt: str) -> bytes:
    """The solutions in ``fmt`` (json, xml, csv or tsv)."""
    return _WRITERS[fmt](variables, solutions)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Character data for XML 1.0: escaped, carriage returns kept as references (a parser
    would turn a raw one into a line feed); a character XML 1.0 cannot hold is refused."""
    bad = _NOT_XML.search(text)
    if bad:
        raise Unwritable(f"a value holds the character U+{ord(bad.group()):04X}, which XML 1.0 cannot carry; "
                         "ask for JSON, CSV or TSV")
    return escape(text).replace("\r", "&#13;")


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
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
        if term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
        return f"<literal>{_xml_text(term.value)}</literal>"
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
    return _tsv_term(term)  # a triple term: no plain form, so its N-Triples-like form


def _tsv_term(term) -> str:
    """A term in its N-Triples form (which escapes tab and new line inside literals); a
    triple term as RDF 1.2 writes it, ``<<( s p o )>>``."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    return str(term)


def _csv(variables, solutions) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as the W3C note asks
    writer.writerow(variables)
    for s in solutions:
        writer.writerow([_csv_term(s[v]) for v in variables])
    return buffer.getvalue().encode("utf-8")


def _tsv(variables, solutions) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(s[v]) for v in variables) for s in solutions]
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
