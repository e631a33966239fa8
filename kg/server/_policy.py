"""What the endpoint agrees to run: queries only (no SPARQL Update) and no ``SERVICE``.

``SERVICE`` would make the query engine send HTTP requests to any address a client names,
so the rule is blunt and cannot be talked round by a parser that reads the text
differently from Oxigraph's: a request whose text holds the letters ``service`` anywhere,
in any case, even inside a string, an IRI or a comment, after Unicode compatibility
folding (character by character, combining marks dropped) and after ``\\uXXXX`` escapes
are undone, is refused. (Write ``"serv"`` and
``"ice"`` apart, with CONCAT, to search for the word.)

Both checks run before a query reaches a worker, so both take time linear in the text.
The first keyword after the prologue tells the operation: SPARQL Update is refused too
(the store is opened read-only whatever this says; this only gives the client a clear 403
rather than a syntax error).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
#: The first keyword of each SPARQL 1.1 Update operation (and WITH, which may open one).
UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                          "WITH"})
_PROLOGUE = frozenset({"BASE", "PREFIX"})

# The prologue (BASE and PREFIX declarations, white space, comments), read from the start,
# each piece matched once where the last one ended: time linear in the length of the text
# whatever it holds (possessive quantifiers never look back).
_SKIP = re.compile(r"(?:\s++|\#[^\n\r]*+)*+")
_WORD = re.compile(r"[A-Za-z]++")
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*+>')
_PNAME_NS = re.compile(r"[^\s:<>#]*+:")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
@dataclass(frozen=True)
class Scan:
    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, an update keyword, or None
    service: bool  # the letters "service" occur

    @property
    def is_update(self) -> bool:
        return self.form in UPDATE_FORMS


def _unescape(m: re.Match) -> str:
    code = int(m.group(1) or m.group(2), 16)
    return chr(code) if code <= 0x10FFFF else m.group()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character as its compatibility form in lower case; a combining mark is dropped
    (so that marks between letters hide nothing)."""
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(c for c in folded if not unicodedata.combining(c))


def _folded(text: str) -> str:
    """``text`` folded character by character: linear, where NFKC of a whole text is not
    (it reorders runs of combining marks by insertion)."""
    return text.lower() if text.isascii() else _NON_ASCII.sub(lambda m: _fold_char(m.group()), text).lower()


def mentions_service(text: str) -> bool:
    for variant in (text, _ESCAPE.sub(_unescape, text)):
        if "service" in _folded(variant):
            return True
    return False


def first_keyword(text: str) -> str | None:
    """The keyword after the prologue, in upper case (None when the text does not start
    as a SPARQL request does); never reads past it."""
    pos = 0
    while True:
        pos = _SKIP.match(text, pos).end()
        word = _WORD.match(text, pos)
        if word is None:
            return None
        keyword, pos = word.group().upper(), word.end()
        if keyword not in _PROLOGUE:
            return keyword if keyword in QUERY_FORMS | UPDATE_FORMS else None
        if keyword == "PREFIX":
            name = _PNAME_NS.match(text, _SKIP.match(text, pos).end())
            if name is None:
                return None
            pos = name.end()
        iri = _IRI.match(text, _SKIP.match(text, pos).end())
        if iri is None:
            return None
        pos = iri.end()


def scan(text: str) -> Scan:
    """What the request is, in time linear in its length."""
    return Scan(first_keyword(text), mentions_service(text))
