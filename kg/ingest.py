"""Finding and reading documents: every file under the inputs is read by the reader of its
format (``kg.readers``) or named as skipped with the reason, and each problem is an
``InputError`` whose message names the file and what is wrong with it; the build records it
and goes on with the other documents.

A document is known by its name (its IRI is made of its stem) and its bytes: two documents
of one name, or the same bytes under two names, are built once (``Identity``).
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import readers
from .config import MAX_CHARACTERS
from .errors import Errors, InputError, Warnings
from .model import Doc
from .rdf.iri import file_slug, slug
from .text.normalise import CONTROLS, NONCHARACTERS

_SURROGATE = re.compile("[\ud800-\udfff]")
#: How much of a file without a known suffix is read to tell its format.
HEAD = 4096


@dataclass
class Collected:
    """What the inputs hold: the files to read (sorted by name), the problems, and the
    files skipped (``(path, reason)``: formats kg does not read, hidden files)."""

    files: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def __iter__(self):  # files, errors = collect(...)
        return iter((self.files, self.errors))


def shown(path: Path | str) -> str:
    """A path as it may be printed: control characters (terminal escapes among them) and
    bytes that are not UTF-8 escaped, as Python writes them in a string."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace") if isinstance(path, Path) else path
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def collect(inputs: list[Path]) -> Collected:
    """Every document under the inputs (files as given, directories searched, following
    symbolic links once), sorted by name, without duplicates; an error for each input or
    link that leads nowhere, each directory that cannot be read and each that holds no
    document; and each other file skipped, with the reason."""
    found: dict[Path, None] = {}
    out = Collected()
    for path in inputs:
        if path.is_symlink() and not path.exists():
            out.errors.append(_dangling(path))
        elif path.is_dir():
            before, skipped = len(found), len(out.skipped)
            _walk(path, found, out)
            if len(found) == before and not any(e.path.startswith(str(path)) for e in out.errors):
                out.errors.append(InputError(Errors.E007.format(path=shown(path), skipped=len(out.skipped) - skipped),
                                             str(path)))
        else:
            found.setdefault(path, None)  # named by the user: read, or an error saying why not
    for p in sorted(found, key=lambda p: (p.name, str(p))):
        if _SURROGATE.search(str(p)):  # bytes that are not UTF-8, kept by the file system's decoding
            out.errors.append(InputError(Errors.E009.format(path=shown(p)), shown(p)))
            continue
        out.files.append(p)
    return out


def _walk(top: Path, found: dict, out: Collected) -> None:
    seen: set[tuple[int, int]] = set()

    def failed(err: OSError) -> None:
        where = Path(err.filename) if err.filename else top
        out.errors.append(InputError(Errors.E020.format(path=shown(where), reason=err.strerror or err), str(where)))

    for root, dirs, files in os.walk(top, onerror=failed, followlinks=True):
        here = Path(root)
        try:
            info = here.stat()
        except OSError as err:
            failed(err)
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:  # a link back to a directory already searched
            out.errors.append(InputError(Errors.E019.format(path=shown(here), reason="a loop: it leads back to a "
                                                            "directory already searched"), str(here)))
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in sorted(dirs):
            if name.startswith("."):
                out.skipped.append((shown(here / name), "a hidden directory"))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                out.skipped.append((shown(path), "a hidden file"))
                continue
            why = _why_not(path)
            if why is None:
                found.setdefault(path, None)
            elif isinstance(why, InputError):
                out.errors.append(why)
            else:
                out.skipped.append((shown(path), why))
        # a symbolic link to a directory that does not exist is listed among the files
        for name in [d for d in dirs if (here / d).is_symlink() and not (here / d).exists()]:
            out.errors.append(_dangling(here / name))


def _why_not(path: Path) -> str | InputError | None:
    """None when ``path`` is a document kg reads; else why it is skipped, or its error."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if path.is_symlink():
            return _dangling(path)
        return InputError(Errors.E006.format(path=shown(path), reason=err.strerror or err), str(path))
    if not stat.S_ISREG(mode):
        return "not a regular file (a device, socket or pipe)"
    if readers.reader_for(path) is not None:
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD)
    except OSError as err:
        return InputError(Errors.E006.format(path=shown(path), reason=err.strerror or err), str(path))
    if not head:
        return None if not path.suffix else f"an empty file of a format kg does not read ({path.suffix})"
    if readers.reader_for(path, head) is not None:
        return None
    return f"not a format kg reads ({path.suffix or 'no suffix'}, {_kind(head)}); kg reads {', '.join(readers.suffixes())}"


def _kind(head: bytes) -> str:
    return "binary content" if b"\x00" in head else "content that is not UTF-8 text, HTML, PDF, DOCX or WARC"


def _dangling(path: Path) -> InputError:
    """The error of a symbolic link whose target does not exist, or that leads to itself."""
    try:
        path.stat()
        reason = "its target cannot be reached"
    except OSError as err:
        reason = ("a loop of links" if err.errno == errno.ELOOP
                  else f"its target {shown(os.readlink(path))} does not exist")
    return InputError(Errors.E019.format(path=shown(path), reason=reason), str(path))


def read(path: Path, max_characters: int = MAX_CHARACTERS) -> list[Doc]:
    """The documents of the file at ``path`` (one, or one per page of a web archive), or an
    ``InputError`` saying why it holds none. A document longer than ``max_characters`` is
    refused (``E021``); a text file so large that it must be is refused unread."""
    try:
        if path.is_symlink() and not path.exists():
            raise _dangling(path)
        with path.open("rb") as stream:
            head = stream.read(HEAD)
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=shown(path)), str(path)) from None
    except IsADirectoryError:
        raise InputError(Errors.E020.format(path=shown(path), reason="a directory given where a file was "
                                                                     "expected"), str(path)) from None
    except OSError as err:
        raise InputError(Errors.E006.format(path=shown(path), reason=err.strerror or err), str(path)) from None
    if not head:
        raise InputError(Errors.E002.format(path=shown(path)), str(path))
    reader = readers.reader_for(path, head)
    if reader is None:
        raise InputError(Errors.E010.format(path=shown(path), why=_kind(head), known=", ".join(readers.suffixes())),
                         str(path))
    try:
        if reader.read_path is not None:
            parts, digest = reader.read_path(path), None
        else:
            size = path.stat().st_size
            if reader.name == "text" and size > 4 * max_characters:  # UTF-8: at most 4 bytes a character
                raise InputError(Errors.E021.format(path=shown(path), size=f"{size:,} bytes",
                                                    limit=max_characters), str(path))
            data = path.read_bytes()
            parts, digest = reader.read(data, path.name), hashlib.sha256(data).hexdigest()
    except readers.ReadError as err:
        raise InputError(getattr(Errors, err.code).format(path=shown(path), **err.fields), str(path)) from None
    except OSError as err:
        raise InputError(Errors.E006.format(path=shown(path), reason=err.strerror or err), str(path)) from None
    docs, too_long = [], []
    for part in parts:
        if len(part.text) > max_characters:  # a file, or one page of an archive (the others are read)
            where = shown(path) if part.member is None else f"{shown(path)} {shown(part.member)}"
            too_long.append(InputError(Errors.E021.format(path=where, size=f"{len(part.text):,} characters",
                                                          limit=max_characters), str(path)))
            continue
        where = path if part.member is None else path / member_name(part)
        sha = part.digest or digest
        doc = Doc(path=where, text=part.text, sha256=sha, source=part, file=path)
        doc.warnings.extend(part.warnings)
        if part.url and not _is_url(part.url):
            doc.warnings.append(Warnings.W003.format(path=shown(doc.name), url=shown(part.url[:200])))
            part.url = None
        _check_text(doc)
        docs.append(doc)
    if too_long and not docs:
        raise too_long[0]
    if too_long:
        docs[0].warnings.extend(str(err) for err in too_long)
    return docs


def member_name(part: readers.Part) -> str:
    """The name of a page of a web archive: its URL made a file name, with a digest of the
    URL so that two URLs never share one."""
    url = urlsplit(part.member)
    readable = slug(f"{url.netloc} {url.path}")[:80].strip("-") or "page"
    suffix = ".pdf" if part.format == "application/pdf" else ".html"
    return f"{readable}-{hashlib.sha1(part.member.encode('utf-8')).hexdigest()[:8]}{suffix}"


def _is_url(url: str) -> bool:
    """An absolute http(s) IRI with a host, that the graph can hold."""
    import pyoxigraph as ox

    try:
        parts = urlsplit(url)
        ox.NamedNode(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _check_text(doc: Doc) -> None:
    damaged = doc.text.count("\ufffd")
    if damaged:
        doc.warnings.append(Warnings.W001.format(path=doc.name, count=damaged))
    odd = len(NONCHARACTERS.findall(doc.text))
    if odd:
        doc.warnings.append(Warnings.W002.format(path=doc.name, count=odd))
    controls = len(CONTROLS.findall(doc.text))
    if controls:
        doc.warnings.append(Warnings.W004.format(path=shown(doc.name), count=controls))


class Identity:
    """The documents built so far, by name and by bytes: a second document of a name
    (``E008``) or of the same bytes (``E018``) is refused, the first is kept."""

    def __init__(self):
        self._stems: dict[str, Path] = {}
        self._digests: dict[str, Path] = {}

    def claim(self, doc: Doc) -> InputError | None:
        stem = file_slug(doc.stem)
        if stem in self._stems:
            return InputError(Errors.E008.format(path=shown(doc.path), other=shown(self._stems[stem])), str(doc.path))
        if doc.sha256 in self._digests:
            other = self._digests[doc.sha256]
            return InputError(Errors.E018.format(path=shown(doc.path), other=shown(other), sha=doc.sha256[:12] + "…"),
                              str(doc.path))
        self._stems[stem], self._digests[doc.sha256] = doc.path, doc.path
        return None
