"""Export a build's graph from its store in the standard formats.

Triple formats (Turtle, N-Triples, RDF/XML) get the merge of all named graphs; dataset formats
(TriG, N-Quads, JSON-LD, compacted with the project's prefixes as its ``@context``) keep
the named graphs. Output is sorted, so the same build gives
the same bytes.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .errors import Errors, KGError
from .rdf import jsonld, rdfxml
from .rdf.emit import order_key
from .rdf.vocab import PREFIXES
from .store import merged, named_quads, open_build

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def export(build: Path, fmt: str, output: BinaryIO | Path) -> int:
    """Write the graph of ``build`` in ``fmt`` to ``output``; return the statement count."""
    if fmt not in FORMATS:
        raise KGError(Errors.E203.format(fmt=fmt, known=", ".join(FORMATS)))
    rdf_format = FORMATS[fmt]
    store = open_build(build)
    if rdf_format.supports_datasets:  # the named graphs; their merge is the reader's to make
        items = sorted(named_quads(store), key=order_key)
    else:  # the store's default graph: the merge, each triple once
        items = sorted(merged(store), key=order_key)
    if isinstance(output, Path):
        with output.open("wb") as stream:
            write(items, fmt, stream)
    else:
        write(items, fmt, output)
    return len(items)


def serialize(items, fmt: str) -> bytes:
    """Triples (or quads, in the dataset formats) in ``fmt`` as kg writes them."""
    stream = io.BytesIO()
    write(items, fmt, stream)
    return stream.getvalue()


def write(items, fmt: str, output: BinaryIO) -> None:
    """Write sorted triples or quads in ``fmt`` (a key of ``FORMATS``) to ``output``."""
    rdf_format = FORMATS[fmt]
    if rdf_format in (ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML):  # kg's own writers of these two
        output.write((jsonld if rdf_format == ox.RdfFormat.JSON_LD else rdfxml).serialize(items))
        return
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    ox.serialize(items, output, rdf_format, prefixes=prefixes)
