"""RDF/XML as kg writes it: Oxigraph's serialisation with the project's prefixes, and each
carriage return of a literal written as ``&#13;``. An XML parser turns a raw CR LF into LF
(XML 1.0, 2.11), so a text that quotes a source with Windows line ends would be read back
changed by rdflib, Raptor or Jena; the character reference is read as the CR it stands for.
A raw CR can only be in a literal: no IRI or markup holds one."""
from __future__ import annotations

import pyoxigraph as ox

from .vocab import PREFIXES


def serialize(triples) -> bytes:
    """``triples`` as an RDF/XML document."""
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES).replace(b"\r", b"&#13;")
