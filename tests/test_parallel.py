"""The per-document work in a pool of processes (kg.parallel): the same build whatever the
number of workers, outcomes in the order of the files, failures named as without a pool,
and a worker that dies named without losing the other documents."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kg
from kg import parallel
from kg.builder import build
from kg.config import Settings
from kg.pipeline import Pipeline
from kg.rdf.emit import Emitter
from kg.rdf.iri import IRIs
from kg.rdf.vocab import DEFAULT_BASE_IRI

from conftest import CORPUS

FILES = ("graph.trig", "graph.ttl", "validation.ttl", "quarantine.trig")
EMITTER = Emitter(IRIs(DEFAULT_BASE_IRI))


@pytest.mark.slow
def test_two_workers_build_the_same_bytes_as_one(corpus_build, tmp_path):
    out, alone = corpus_build
    assert alone.workers == 1  # the corpus is too small to be worth a pool by default
    result = kg.build([CORPUS], tmp_path / "out", workers=2)
    assert result.ok and result.workers == 2
    for name in FILES:
        assert (tmp_path / "out" / name).read_bytes() == (out / name).read_bytes(), name


def test_failures_are_the_same_with_a_pool(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for seed in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(seed, inp / seed.name)
    (inp / "a-empty.txt").write_bytes(b"")
    (inp / "z-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    one = build([inp], tmp_path / "one", Settings(workers=1, validate=False))
    two = build([inp], tmp_path / "two", Settings(workers=2, validate=False))
    assert one.failures == two.failures and len(one.failures) == 2
    assert [d["name"] for d in one.documents] == [d["name"] for d in two.documents]
    assert (tmp_path / "one" / "graph.trig").read_bytes() == (tmp_path / "two" / "graph.trig").read_bytes()


def _notices(folder: Path, count: int) -> list[Path]:
    """``count`` short texts, each naming a body and a date."""
    paths = []
    for i in range(count):
        path = folder / f"{i}.txt"
        path.write_text(f"Ủy ban nhân dân tỉnh Lạng Sơn họp ngày {i + 1}/3/2024.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_outcomes_come_in_the_order_of_the_files_and_stop_when_asked(tmp_path):
    paths = _notices(tmp_path, 6)
    started: list[Path] = []
    work = parallel.outcomes(paths, Pipeline(), 10_000, EMITTER, workers=2, started=started.append)
    first = [next(work).path for _ in range(2)]
    work.close()  # stopping: the files not yet handed out are never read
    assert first == paths[:2]
    assert len(started) < len(paths) and started == paths[:len(started)]
    done = [o.path for o in parallel.outcomes(paths, Pipeline(), 10_000, EMITTER, workers=2)]
    assert done == paths


class _DiesOn:
    """A pipeline that ends its process on one document (as the kernel's OOM killer would)."""

    def __init__(self, name: str):
        self.name, self.pipeline = name, Pipeline()

    def __call__(self, doc):
        if doc.name == self.name:
            os._exit(9)
        return self.pipeline(doc)


def test_a_worker_that_dies_is_named_and_the_others_are_built(tmp_path):
    paths = _notices(tmp_path, 4)
    found = list(parallel.outcomes(paths, _DiesOn("1.txt"), 10_000, EMITTER, workers=2))
    assert [o.path for o in found] == paths
    [dead] = [o for o in found if o.failures]
    assert dead.path == paths[1] and "[E107]" in dead.failures[0]["error"] and "1.txt" in dead.failures[0]["error"]
    assert all(o.docs and len(o.quads) == len(o.docs) for o in found if o is not dead)
    assert all(d.norm is None and not d.tokens and d.entities for o in found for d in o.docs)  # lightened


@pytest.mark.parametrize("size,asked,files,expected", [
    (1_000, None, 5, 1), (10_000_000, None, 5, min(5, parallel.cores())), (10_000_000, 3, 2, 2), (10, 4, 9, 4)])
def test_how_many_workers(tmp_path, size, asked, files, expected):
    paths = []
    for i in range(files):
        path = tmp_path / f"{i}.txt"
        with path.open("wb") as f:
            f.truncate(size // files)
        paths.append(path)
    assert parallel.workers_for(paths, asked) == expected
