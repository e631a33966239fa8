"""Reading documents: UTF-8 text files, checked before anything else sees them.

Each problem is an ``InputError`` whose message names the file and what is wrong with it;
the build records it and goes on with the other documents.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from .errors import Errors, InputError, Warnings
from .model import Doc
from .rdf.iri import file_slug
from .text.normalise import NONCHARACTERS

SUFFIXES = (".txt",)
_SURROGATE = re.compile("[\ud800-\udfff]")


def collect(inputs: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Every document under the inputs (files as given, directories searched), sorted,
    without duplicates; and an error for each directory that holds none."""
    files: dict[Path, None] = {}
    errors: list[InputError] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not found:
                errors.append(InputError(Errors.E007.format(path=path), str(path)))
            for p in found:
                files.setdefault(p, None)
        else:
            files.setdefault(path, None)
    chosen, seen = [], {}
    for p in sorted(files, key=lambda p: (p.name, str(p))):
        if _SURROGATE.search(str(p)):  # bytes that are not UTF-8, kept by the file system's decoding
            shown = os.fsencode(p).decode("utf-8", "backslashreplace")
            errors.append(InputError(Errors.E009.format(path=shown), shown))
            continue
        stem = file_slug(p.stem)  # a document's IRI is made of its stem: one file per stem
        if stem in seen:
            errors.append(InputError(Errors.E008.format(path=p, other=seen[stem]), str(p)))
            continue
        seen[stem] = p
        chosen.append(p)
    return chosen, errors


def read(path: Path) -> Doc:
    """The document at ``path``, or an ``InputError`` saying why it cannot be one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=path), str(path)) from None
    except OSError as err:
        raise InputError(Errors.E006.format(path=path, reason=err.strerror or err), str(path)) from None
    if not data:
        raise InputError(Errors.E002.format(path=path), str(path))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(Errors.E003.format(path=path, offset=nul), str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(Errors.E004.format(path=path, offset=err.start, reason=err.reason), str(path)) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is not part of the text
    if not text.strip():
        raise InputError(Errors.E005.format(path=path), str(path))
    doc = Doc(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())
    damaged = text.count("\ufffd")
    if damaged:
        doc.warnings.append(Warnings.W001.format(path=path.name, count=damaged))
    odd = len(NONCHARACTERS.findall(text))
    if odd:
        doc.warnings.append(Warnings.W002.format(path=path.name, count=odd))
    return doc
