from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """One build of the bundled corpus, shared by the tests that only read it."""
    import kg

    out = tmp_path_factory.mktemp("build") / "out"
    result = kg.build([CORPUS], out)
    assert result.ok, result.failures
    return out, result
