"""What the endpoint agrees to run: queries only (no SPARQL Update) and no ``SERVICE``.

A lexical scan, following the SPARQL 1.1 grammar's terminals (comments, strings, IRIs,
variables, prefixed names), finds the first keyword of the request after its prologue and
every bare ``SERVICE`` keyword; text inside strings, IRIs, comments and prefixed names
never counts. The query itself is parsed later by Oxigraph, which reports syntax errors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
#: The first keyword of each SPARQL 1.1 Update operation (and WITH, which may open one).
UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                          "WITH"})
_PROLOGUE = frozenset({"BASE", "PREFIX"})

_TOKEN = re.compile(r'''
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<pname>[\w.\-]*:[\w.\-:%\\]*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Scan:
    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, an update keyword, or None
    service: bool  # a SERVICE keyword occurs

    @property
    def is_update(self) -> bool:
        return self.form in UPDATE_FORMS

    @property
    def is_graph(self) -> bool:
        """The answer is triples (CONSTRUCT, DESCRIBE), not solutions or a boolean."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(m: re.Match) -> str:
    code = int(m.group(1) or m.group(2), 16)
    return chr(code) if code <= 0x10FFFF else m.group()


def scan(text: str) -> Scan:
    # SPARQL allows \uXXXX escapes anywhere in a query (SPARQL 1.1, 19.2): undo them first.
    text = _ESCAPE.sub(_unescape, text)
    form = None
    service = False
    for m in _TOKEN.finditer(text):
        if m.lastgroup != "word":
            continue
        word = m.group().upper()
        if form is None and word not in _PROLOGUE:
            form = word if word in QUERY_FORMS | UPDATE_FORMS else ""
        if word == "SERVICE":
            service = True
    return Scan(form or None, service)
