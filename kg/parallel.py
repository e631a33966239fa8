"""The per-document work of a build -- read the file, run the pipeline on each of its
documents, emit its named graph -- in this process or in a pool of worker processes.

Each file is one task, whose outcome is the documents it holds, built, or the failures
that name it. Outcomes come back in the order of the files, whatever order the workers
finish in, so that a build with workers is the same build as one without (the corpus
steps after it see the same documents in the same order). The pool is forked from this
process once the pipeline is loaded, so that the workers share its lexicons and models
rather than loading their own, and it is given a few tasks ahead of the one awaited, so
that memory holds only those. Another ``concurrent.futures.Executor`` may run the tasks
if its workers are this process or forked from it (they read what to build with from this
module); one on other machines needs the pipeline made there (issue #16's Dask build).
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import ingest
from .errors import Errors, InputError
from .model import Doc
from .pipeline import Pipeline
from .rdf.emit import Emitter

#: Inputs smaller than this are built in this process: a pool would cost more than it saves.
PARALLEL_FROM = 256_000  # bytes
#: Tasks given to the pool ahead of the one awaited, per worker.
AHEAD = 2


@dataclass
class Outcome:
    path: Path
    docs: list[Doc] = field(default_factory=list)  # built, emitted and lightened (Doc.lighten)
    quads: list[list] = field(default_factory=list)  # the named graph of each of ``docs``
    failures: list[dict] = field(default_factory=list)  # {"file", "error"}


def cores() -> int:
    """The processor cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers_for(paths: list[Path], asked: int | None) -> int:
    """How many processes build ``paths``: ``asked``, or when None one per core for inputs
    that hold enough text to pay for a pool (``PARALLEL_FROM``), else 1; never more than
    there are files."""
    if asked is None:
        size = 0
        for p in paths:
            try:
                size += p.stat().st_size
            except OSError:
                pass
        asked = cores() if size >= PARALLEL_FROM else 1
    return max(1, min(asked, len(paths)))


def build_one(path: Path, pipeline: Pipeline, max_characters: int, emitter: Emitter) -> Outcome:
    """Read the file at ``path``, run ``pipeline`` on each of its documents and emit its
    named graph; what fails is an outcome's failure, never an exception (a component's bug
    must not lose the other documents). Each document is then lightened: what only the
    components read is dropped, so that the build holds, and a worker sends back, little
    more than the entities and facts the corpus steps read."""
    outcome = Outcome(path)
    try:
        docs = ingest.read(path, max_characters)
    except InputError as err:
        outcome.failures.append({"file": str(path), "error": str(err)})
        return outcome
    for doc in docs:
        try:
            doc = pipeline(doc)
        except Exception as err:  # noqa: BLE001 - any bug of a component is reported, not raised
            msg = Errors.E104.format(component=_failing_component(err), path=ingest.shown(doc.path),
                                     reason=repr(err))
            outcome.failures.append({"file": str(doc.path), "error": msg})
            continue
        try:
            quads = emitter.document(doc)
        except Exception as err:  # noqa: BLE001 - as for a component
            outcome.failures.append({"file": str(doc.path), "error": Errors.E104.format(
                component="kg.rdf.emit", path=ingest.shown(doc.path), reason=repr(err))})
            continue
        outcome.docs.append(doc.lighten())
        outcome.quads.append(quads)
    return outcome


def _failing_component(err: Exception) -> str:
    """The module of the component whose code raised ``err`` (the innermost frame in
    kg/extract, kg/text or kg/resolve), or "?"."""
    tb, name = err.__traceback__, "?"
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("kg.extract", "kg.text", "kg.resolve")):
            name = module
        tb = tb.tb_next
    return name


# What a worker builds with: set before the pool forks, so that every worker has it.
_WORK: tuple | None = None  # (pipeline, max_characters, emitter)


def _task(path: Path) -> Outcome:
    """``build_one`` in a worker, its quads sent back as N-Quads (Oxigraph writes and reads
    them some ten times faster than pickle does its objects)."""
    import pyoxigraph as ox

    outcome = build_one(path, *_WORK)
    outcome.quads = [ox.serialize(quads, format=ox.RdfFormat.N_QUADS) for quads in outcome.quads]
    return outcome


def _received(outcome: Outcome) -> Outcome:
    import pyoxigraph as ox

    outcome.quads = [list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) if data else [] for data in outcome.quads]
    return outcome


def outcomes(paths: Iterable[Path], pipeline: Pipeline, max_characters: int, emitter: Emitter, workers: int = 1,
             started: Callable[[Path], None] | None = None, executor: Executor | None = None) -> Iterator[Outcome]:
    """The outcome of each file, in the order of ``paths``: built here when ``workers`` is 1,
    else by a pool of that many forked processes (or by ``executor``, whose workers must be
    this process or forked from it). ``started`` is told
    of each file as its work begins (here) or is handed to a worker. Stop iterating to stop
    the work: the files not yet handed out are never read."""
    if workers <= 1 and executor is None:
        for path in paths:
            if started:
                started(path)
            yield build_one(path, pipeline, max_characters, emitter)
        return
    global _WORK
    _WORK = (pipeline, max_characters, emitter)
    own = executor is None
    if own:
        executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    pending: deque = deque()
    todo = iter(paths)
    try:
        while True:
            while len(pending) < AHEAD * workers:
                path = next(todo, None)
                if path is None:
                    break
                if started:
                    started(path)
                pending.append((path, executor.submit(_task, path)))
            if not pending:
                return
            path, future = pending.popleft()
            try:
                yield _received(future.result())
            except BrokenProcessPool as err:  # a worker died (killed, out of memory): say so, go on
                yield Outcome(path, failures=[{"file": str(path), "error": Errors.E107.format(
                    path=ingest.shown(path), reason=str(err) or type(err).__name__)}])
                if own:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
                    for i, (p, _) in enumerate(pending):
                        pending[i] = (p, executor.submit(_task, p))
    finally:
        for _, future in pending:
            future.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)
        _WORK = None
