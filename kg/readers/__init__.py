"""Readers: one per input format, each turning a file's bytes into the text of one or more
documents, where each page begins, and what the file says of itself (title, URL,
publisher, publication and capture dates).

A reader is chosen by the file's suffix and, for a file without a known suffix, by its
first bytes (``sniff``), as rdflib chooses a parser plugin by format: ``READERS`` is the
registry, ``reader_for`` the choice. A reader raises ``ReadError`` with a reason for the
file that cannot be read; ``kg.ingest`` adds the file's name and the error's code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


class ReadError(ValueError):
    """The file cannot be read as its format: ``code`` is the error's code in kg.errors
    (``Errors.<code>`` takes ``path`` and the keywords of ``fields``)."""

    def __init__(self, code: str, **fields):
        super().__init__(code, fields)
        self.code, self.fields = code, fields


@dataclass
class Part:
    """One document read from a file: a file holds one, a web archive one per page."""

    text: str
    format: str  # its media type: "text/plain", "text/html", "application/pdf", …
    member: str | None = None  # within an archive: the page's URL; None for the file itself
    title: str | None = None
    url: str | None = None  # where it was published: the page's canonical URL, the archived URI
    publisher: str | None = None  # the site or the publisher as the file names it
    published: str | None = None  # ISO date the file states it was published on
    captured: str | None = None  # ISO date-time an archive captured it
    encoding: str | None = None  # the character encoding its text was in, when it was text
    pages: tuple[int, ...] = ()  # the offset in ``text`` where each page begins (PDF)
    elements: tuple[tuple[int, str | None], ...] = ()  # (offset in ``text``, XPath of its element in the page) (HTML)
    digest: str | None = None  # SHA-256 of its own bytes, within an archive (else the file's)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot; the longest match wins (".warc.gz")
    read: Callable[[bytes, str], list[Part]] | None = None  # (the file's bytes, its name) -> its documents
    sniff: Callable[[bytes], bool] = lambda head: False  # True when the first bytes are of this format
    read_path: Callable[[Path], list[Part]] | None = None  # archives: read from the file as a stream


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    READERS[reader.name] = reader
    return reader


def suffix_of(path: Path) -> str:
    """The suffix that names the format, lower case: ".txt", ".warc.gz"."""
    name = path.name.lower()
    known = sorted({s for r in READERS.values() for s in r.suffixes}, key=len, reverse=True)
    return next((s for s in known if name.endswith(s) and len(name) > len(s)), path.suffix.lower())


def reader_for(path: Path, head: bytes | None = None) -> Reader | None:
    """The reader of ``path``: by its suffix, else (no suffix, or one no reader knows) by
    its first bytes when ``head`` is given; None when no reader takes it."""
    suffix = suffix_of(path)
    for reader in READERS.values():
        if suffix in reader.suffixes:
            return reader
    if head is not None:  # plain text, the loosest test, last
        for reader in sorted(READERS.values(), key=lambda r: r.name == "text"):
            if reader.sniff(head):
                return reader
    return None


def suffixes() -> list[str]:
    """Every suffix some reader takes."""
    return sorted(s for r in READERS.values() for s in r.suffixes)


from . import _docx, _html, _pdf, _text, _warc  # noqa: E402 - each registers its reader

PLUGINS = (_docx, _html, _pdf, _text, _warc)
