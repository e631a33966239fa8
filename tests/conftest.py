from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: Examples of each property test (tests/test_properties.py): many in CI, a few locally
#: (``HYPOTHESIS_PROFILE=ci`` runs CI's number anywhere).
settings.register_profile("ci", max_examples=10_000, deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

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


@pytest.fixture(scope="module")
def build(corpus_build):
    """The folder of the shared corpus build."""
    return corpus_build[0]


@pytest.fixture(scope="module")
def trig(build):
    """The build's exported dataset as rdflib reads it: each named graph's triples, and the
    distinct triples of all of them."""
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(build / "graph.trig", format="trig")
    graphs = {str(g.identifier): set(g) for g in ds.graphs() if len(g)}
    return graphs, set().union(*graphs.values())


@pytest.fixture()
def open_folder():
    """A folder any user may read (pytest's own are the owner's alone), for the tests that
    run kg as an ordinary user (helpers.as_a_user)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kg-tests-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(folder)
