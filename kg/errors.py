"""Every error and warning kg reports, each with a code, in one place (as spaCy's errors.py).

A message is a template; ``Errors.E001.format(path=...)`` fills it in. Codes never change
meaning once published, so that users and scripts can search for them.
"""
from __future__ import annotations


class ErrorsWithCodes(type):
    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=ErrorsWithCodes):
    # input documents (E0xx)
    E001 = "{path}: no such file or directory"
    E002 = "{path}: the file is empty"
    E003 = "{path}: not a text file (binary content: NUL byte at byte {offset})"
    E004 = "{path}: not valid UTF-8 (byte {offset}: {reason})"
    E005 = "{path}: the file holds only white space"
    E006 = "{path}: cannot be read: {reason}"
    E007 = "{path}: no document kg reads found under this directory ({skipped} other files skipped)"
    E008 = ("{path}: another document has the same name ({other}); documents are identified "
            "by their file names, so this one is skipped (rename it)")
    E009 = ("{path}: the file name is not valid UTF-8; documents are known by their names, so this one "
            "is skipped (rename it)")
    E010 = "{path}: not a format kg reads ({why}); kg reads {known}"
    E011 = "{path}: no main text found in this HTML page (trafilatura found only navigation or nothing)"
    E012 = "{path}: the PDF is encrypted: it opens only with a password"
    E013 = "{path}: not a readable PDF (damaged or not a PDF): {reason}"
    E014 = ("{path}: the PDF has no text layer ({pages} pages, scanned images?): it needs OCR first, "
            "which kg does not do")
    E015 = "{path}: not a readable Word document (.docx): {reason}"
    E016 = "{path}: not a readable web archive (WARC): {reason}"
    E017 = "{path}: the web archive holds no HTML page or PDF file that kg could read ({skipped} could not be read)"
    E018 = "{path}: the same bytes as {other} (SHA-256 {sha}); built once, as {other}"
    E019 = "{path}: a symbolic link that leads nowhere ({reason})"
    E020 = "{path}: a directory that cannot be read ({reason}): the documents in it are not built"
    E021 = ("{path}: {size} is more than kg reads as one document ({limit:,} characters); split it, "
            "or raise the limit with --max-characters")
    E022 = ("{path}: not valid UTF-8 (byte {offset}), and not Vietnamese in Windows-1258, TCVN3/ABC or "
            "VNI either ({reason}; the closest: {suspected}): convert the file to UTF-8 first")
    # pipeline (E1xx)
    E101 = ("pipeline component '{component}' requires '{attr}', which no earlier component "
            "assigns (assigned so far: {assigned})")
    E102 = "unknown pipeline component '{name}' (registered: {known})"
    E103 = "component '{name}' is registered twice ({first} and {second})"
    E104 = "component '{component}' failed on {path}: {reason}"
    E105 = "pattern file {path}, line {line}: {reason}"
    E106 = ("component '{component}' declares '{attr}', which is not a field of a mention "
            "(kg.model.Attrs declares: {known})")
    E107 = "{path}: the worker process building it stopped ({reason}); the other documents are built"
    # builds and stores (E2xx)
    E201 = ("{path}: no build found (run 'kg build' first, or point --build at the output "
            "directory of a build)")
    E202 = "{path}: the store of this build cannot be opened: {reason}"
    E203 = "unknown export format '{fmt}' (choose from: {known})"
    E204 = "{path}: the ontology file is missing or unreadable: {reason}"
    E205 = ("base IRI '{iri}' is not an absolute http(s) IRI ending in '/' or '#' (with no other '#', "
            "and none of the characters an IRI may not hold: spaces, control characters, <>\"{{}}|^`\\)")
    E206 = "{path}: output directory cannot be written: {reason}"
    E207 = "{path}: no gold annotation files (*.json) in this directory"
    E208 = ("{path}: not replaced: it is {what}. -o replaces only a previous build of kg or an "
            "empty directory; choose another -o, or move what is there away")
    E209 = "{path}: cannot be the output: it {what} ({hint}); choose an -o outside the inputs"
    E210 = ("no document was built, so nothing is published: {path} {kept}")
    # validation (E3xx)
    E301 = "{path}: no SHACL shapes found (a .ttl file, or a directory of them)"
    E302 = "{path}: the shapes cannot be parsed: {reason}"
    E303 = "{path}: the graph cannot be parsed: {reason}"
    E304 = ("{count} SHACL violations with --strict: the build is not published (previous output "
            "kept); run without --strict to quarantine the failing facts, or see 'kg validate'")
    E305 = ("the shapes use {what}, which kg's SHACL engine does not run; validate with "
            "--engine pyshacl instead")
    E306 = "unknown SHACL engine '{engine}' (choose from: {known})"
    # queries (E4xx)
    E401 = "unknown parameter '{name}' for this query (its parameters: {known})"
    E402 = "the query cannot be parsed: {reason}"
    E403 = "the query failed: {reason}"
    E404 = "format '{fmt}' is for graphs; for query results choose from: {known}"
    E405 = "no canned query named '{name}' (kg query --list shows them)"
    E406 = ("the query nests groups, brackets or parentheses {depth} deep, more than the {limit} "
            "the engine can parse safely; write it flatter (a subquery or VALUES instead of nesting)")
    # the SPARQL endpoint (E5xx)
    E501 = "SPARQL Update is refused: this endpoint is read-only"
    E502 = ("SERVICE is refused: this endpoint sends no requests to other endpoints, and so refuses any "
            "query that holds the word 'service', even in a string (build such a string with "
            "CONCAT(\"serv\", \"ice\"))")
    E503 = ("the query ran longer than the time limit of {seconds:g} s and was stopped; narrow it or "
            "add LIMIT, or start the server with a larger --timeout")
    E504 = ("the answer has more than {rows} rows, the server's row cap, and was not sent; page "
            "through it with LIMIT and OFFSET, or start the server with a larger --max-rows")
    E505 = ("no query: send 'query' as a URL parameter (GET), a form field (POST "
            "application/x-www-form-urlencoded), or the body of a POST application/sparql-query")
    E506 = "the request is {size} bytes, more than this server's limit of {limit}"
    E507 = "every query worker is busy; try again shortly"
    E508 = "none of the media types accepted ({accept}) is available for {what}; available: {known}"
    E509 = ("unsupported request content type '{ctype}' (send application/x-www-form-urlencoded or "
            "application/sparql-query)")
    E510 = ("the query worker stopped while running the query ({reason}); it may have needed more "
            "memory than the server's --max-memory-mb")
    E511 = "cannot serve on {host}:{port}: {reason}"
    E512 = "{path}: the query workers cannot open the store: {reason}"
    E513 = "'{name}' is given more than once (one query per request)"
    E514 = "method {method} is not allowed on {path} (allowed: {allowed})"
    E515 = "{iri}: nothing in this graph has this IRI"
    E516 = "unknown format '{fmt}' (choose from: {known})"
    E517 = ("the answer is larger than {size} bytes, the server's limit, and was not sent; page "
            "through it with LIMIT and OFFSET")
    E518 = ("'{host}' is not a name of this server, which listens on a loopback address and answers "
            "only to 127.0.0.1, localhost and [::1] (a page's request through a rebound DNS name?)")
    E519 = ("a request in the background from a page of {origin} is refused: other sites' pages may not "
            "use this endpoint unless it is started with --cors ORIGIN")
    # views and analytics (E6xx)
    E601 = "unknown node size '{size}' (choose from: {known})"
    E602 = "no entity '{name}' in the graph (give its IRI, the end of its IRI or its exact name; close: {close})"
    E603 = "'{name}' names {count} entities; give one of their IRIs: {some}"
    E604 = "no document '{name}' in the graph (documents: {known})"
    E605 = "no path between '{a}' and '{b}': they are in different connected components"
    E606 = "{path}: cannot be written: {reason}"
    # the learned span model (E7xx)
    E701 = "{path}: not a gold file kg can read: {reason}"
    E702 = "{path}: the gold names document '{doc}', which is in none of the text folders ({dirs}); skipped"
    E703 = "no gold file with its document was found (gold: {gold}; texts: {texts})"
    E704 = "{path}: not a span model kg can read ({reason}); train one with 'kg train'"
    E705 = "--folds must be 0 (no cross-validation) or at least 2, and at most the {docs} documents; got {folds}"


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "{path}: replacement characters (U+FFFD) in the text: {count} (damaged source?)"
    W002 = ("{path}: Unicode noncharacters (U+FFFE, U+FFFF …) in the text: {count}; the extractors skip "
            "them and quotes show them as U+FFFD")
    W004 = ("{path}: control characters in the text (a terminal escape, a bell …): {count}; no RDF/XML "
            "file may hold them, so quotes show them as U+FFFD")
    W003 = "{path}: the URL it gives is not a valid absolute http(s) IRI, so it is left out: {url}"
    W005 = ("{path}: {url} was captured more than once: the capture of {later} is built, the one of {earlier} "
            "is superseded")


class KGError(Exception):
    """Base of every error kg raises on purpose; ``str(err)`` is the message for users."""


class InputError(KGError):
    """A document cannot be read as text; the build goes on without it."""

    def __init__(self, message: str, path: str = ""):
        super().__init__(message)
        self.path = path


class PipelineError(KGError):
    """The pipeline is mis-assembled (a programming error in a component set)."""


class BuildNotFound(KGError):
    """A command that reads a build was pointed at a directory with no build."""


class ConfigError(KGError):
    """A setting has a value kg cannot use."""
