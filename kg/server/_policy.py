"""What the endpoint agrees to run: queries only (no SPARQL Update) and no ``SERVICE``.

``SERVICE`` would make the query engine send HTTP requests to any address a client names,
so the rule is blunt and cannot be talked round by a parser that reads the text
differently from Oxigraph's: a request whose text holds the letters ``service`` anywhere,
in any case, even inside a string, an IRI or a comment, after Unicode compatibility
folding and after ``\\uXXXX`` escapes are undone, is refused. (Write ``"serv"`` and
``"ice"`` apart, with CONCAT, to search for the word.)

The first keyword after the prologue tells the operation: SPARQL Update is refused too
(the store is opened read-only whatever this says; this only gives the client a clear 403
rather than a syntax error).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
#: The first keyword of each SPARQL 1.1 Update operation (and WITH, which may open one).
UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                          "WITH"})
_PROLOGUE = frozenset({"BASE", "PREFIX"})

_TOKEN = re.compile(r'''
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<pname>[\w.\-]*:(?:[\w.\-:%]|\\.)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)
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


def mentions_service(text: str) -> bool:
    for variant in (text, _ESCAPE.sub(_unescape, text)):
        if "service" in unicodedata.normalize("NFKC", variant).casefold():
            return True
    return False


def scan(text: str) -> Scan:
    form = None
    for m in _TOKEN.finditer(text):
        if m.lastgroup != "word":
            continue
        word = m.group().upper()
        if word not in _PROLOGUE:
            form = word if word in QUERY_FORMS | UPDATE_FORMS else None
            break
    return Scan(form, mentions_service(text))
