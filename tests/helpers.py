"""Run the pipeline on a text that a test writes."""
from __future__ import annotations

import hashlib
from pathlib import Path

from kg.model import Doc
from kg.pipeline import Pipeline

_PIPELINE = None


def run(text: str, name: str = "test_doc.txt") -> Doc:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    doc = Doc(path=Path(name), text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return _PIPELINE(doc)


def entities(doc: Doc, type_: str) -> dict[str, object]:
    return {e.name: e for e in doc.entities if e.type == type_}


def facts(doc: Doc) -> set[tuple]:
    return {(f.predicate, f.subject.name, f.object.name, f.role) for f in doc.facts}
