"""Stable, readable identifiers.

Every IRI is the base IRI plus an ASCII slug of what identifies the thing, so the same
thing gets the same IRI in every build and every document:

=================  ==========================================================
entity             ``{base}{type}/{slug(key)}``: ``organisation/uy-ban-nhan-dan-thanh-pho-lang-son``,
                   ``resolution/188-nq-tu``, ``ward/phuong-vinh-trai``
document           ``{base}document/{file stem}``
mention, sentence  ``{base}document/{stem}#char={begin},{end}`` (RFC 5147, as NIF)
membership         ``{base}membership/{person}.{role}.{organisation}``
relation evidence  ``{base}document/{stem}#fact={predicate},{hash}``
post title         ``{base}role/{slug(title)}``
day or month       ``{base}date/2023-03-22``, ``{base}date/2025-01``
named graph        ``{base}graph/{stem}``, ``{base}graph/corpus``
=================  ==========================================================

A slug longer than 80 characters is cut at a hyphen and ends with 8 hexadecimal digits
of the SHA-1 of the whole key, so long names stay unique.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import pyoxigraph as ox

from ..errors import ConfigError, Errors
from ..text.normalise import ascii_fold

MAX_SLUG = 80


def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Ủy ban nhân dân TP Lạng Sơn" -> "uy-ban-nhan-dan-tp-lang-son"."""
    s = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-") or "x"
    if len(s) > MAX_SLUG:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = s[:MAX_SLUG].rsplit("-", 1)[0] + "-" + digest
    return s


def file_slug(stem: str) -> str:
    """A file stem as it is when it is already safe ASCII (000_fa6b…), else its slug."""
    return stem if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", stem) else slug(stem)


def check_base(base: str) -> str:
    """``base`` if every IRI made from it is a valid IRI (RFC 3987): absolute http(s),
    ending in '/' or '#', with no other '#', and no character an IRI may not hold."""
    try:
        parts = urlsplit(base)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigError(Errors.E205.format(iri=base)) from None
    if (parts.scheme not in ("http", "https") or not parts.netloc or not base.endswith(("/", "#"))
            or "#" in base[:-1]):
        raise ConfigError(Errors.E205.format(iri=base))
    try:
        ox.NamedNode(IRIs(base, checked=False).char("x", 0, 1))  # the longest shape of IRI it makes
    except ValueError:
        raise ConfigError(Errors.E205.format(iri=base)) from None
    return base


class IRIs:
    """The IRI scheme under one base IRI. Under a base that ends in '#', whose IRIs are
    fragments already, a part of a document or a membership follows a '/' instead of a
    second '#': ``{base}document/{stem}/char={begin},{end}``."""

    def __init__(self, base: str, checked: bool = True):
        self.base = check_base(base) if checked else base
        self._part = "/" if base.endswith("#") else "#"

    def part(self, iri: str, name: str) -> str:
        """The IRI of a part of the thing ``iri`` names (a mention, a fact, an interval)."""
        return f"{iri}{self._part}{name}"

    def entity(self, type_: str, key: str) -> str:
        return f"{self.base}{type_.lower()}/{slug(key)}"

    def document(self, stem: str) -> str:
        return f"{self.base}document/{file_slug(stem)}"

    def char(self, stem: str, begin: int, end: int) -> str:
        return self.part(self.document(stem), f"char={begin},{end}")

    def fact(self, stem: str, predicate: str, subject: str, obj: str) -> str:
        digest = hashlib.sha1(f"{subject} {obj}".encode("utf-8")).hexdigest()[:10]
        return self.part(self.document(stem), f"fact={predicate},{digest}")

    def membership(self, person_key: str, role: str, org_key: str) -> str:
        return f"{self.base}membership/{slug(person_key)}.{slug(role)}.{slug(org_key)}"

    def role(self, title: str) -> str:
        return f"{self.base}role/{slug(title)}"

    def role_scheme(self) -> str:
        return f"{self.base}role/"

    def instant(self, date: str) -> str:
        """A day or a month as a time:Instant: ``{base}date/2023-03-22``."""
        return f"{self.base}date/{date}"

    def graph(self, stem: str) -> str:
        return f"{self.base}graph/{file_slug(stem)}"

    def corpus_graph(self) -> str:
        return f"{self.base}graph/corpus"

    def entailed_graph(self) -> str:
        """The graph of what the ontology's alignments entail (``kg.rdf.entail``)."""
        return f"{self.base}graph/entailed"

    def prefixes(self) -> dict[str, str]:
        """Prefixes for the namespaces of this scheme ("person:lam-thi-phuong-thanh"), which
        ``kg query`` declares and its table writes; none under a base that ends in '#'."""
        if self._part != "#":
            return {}
        kinds = ("organisation", "person", "resolution", "project", "ward", "event", "place",
                 "document", "graph", "membership", "role", "date")
        return {kind: f"{self.base}{kind}/" for kind in kinds}

    def activity(self) -> str:
        """The extraction that made the build (``prov:Activity``)."""
        return f"{self.base}activity/extraction"

    def software(self, version: str) -> str:
        """kg at one version (``prov:SoftwareAgent``)."""
        return f"{self.base}software/kg-{slug(version)}"

    def dataset(self) -> str:
        return f"{self.base}dataset"
