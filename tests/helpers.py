"""Run the pipeline on a text that a test writes; run a command as an ordinary user."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from kg.model import Doc
from kg.pipeline import Pipeline

_PIPELINE = None

#: An absolute http(s) IRI as every RDF format and parser takes it: no white space, no
#: characters IRIs exclude, no control characters.
IRI_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?/[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]*$")


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


def as_a_user(command: list[str], folder: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``command`` in ``folder`` as an ordinary user: root reads every file, so a test of
    what cannot be read runs as nobody when the tests run as root (its HOME a folder of its
    own inside ``folder``)."""
    import pytest

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv to drop to an ordinary user")
        home = folder / ".home"
        home.mkdir(exist_ok=True)
        os.chown(home, 65534, 65534)
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        env["HOME"] = str(home)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=folder, env=env)
