"""Queries run in worker processes, each with its own read-only handle on the store, so
that a query past its time limit is stopped for real (its process is killed and
replaced) and a slow or crashing query never holds up the others.

A job is a plain tuple sent over a pipe; the answer comes back as bytes, already in the
format the client asked for, or as an error kind with a message.

Quick queries stay quick under slow ones: beside the ``size`` workers a *short lane* of one
more worker takes a query when every worker is busy, for at most ``lane`` seconds. A query
that answers in that time is answered at once; one that does not is stopped there, its text
remembered as slow (it never takes the lane again), and it waits for a worker as any other.
So however many slow queries run or wait, a quick one waits at most about ``lane`` seconds
for each other query new to the lane that arrives with it.
"""
from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox

from ..query import RESULT_FORMATS, serialize_triples
from . import _results


@dataclass(frozen=True)
class Job:
    query: str
    result_format: str | None  # for SELECT and ASK; None: the client accepts none
    graph_format: str | None  # for CONSTRUCT and DESCRIBE
    max_rows: int
    max_bytes: int = 64 << 20  # of the serialised answer
    default_graphs: tuple[str, ...] = ()  # default-graph-uri (none: FROM, or the merge of all graphs)
    named_graphs: tuple[str, ...] = ()  # named-graph-uri (none: every graph)


@dataclass(frozen=True)
class Answer:
    kind: str  # ok, syntax, failed, too-many-rows, too-large, not-acceptable
    body: bytes = b""
    fmt: str = ""
    rows: int = 0  # solutions or triples in the answer
    message: str = ""


def execute(store: ox.Store, job: Job) -> Answer:
    """Run one job on ``store`` (in a worker process)."""
    try:
        options = _dataset(job)
    except ValueError as err:
        return Answer("syntax", message=f"default-graph-uri or named-graph-uri is not an IRI: {err}")
    try:
        answer = _answer(store.query(job.query, **options), job)
    except SyntaxError as err:
        return Answer("syntax", message=str(err))
    except _results.Unwritable as err:
        return Answer("not-acceptable", message=str(err))
    except (OSError, ValueError, RuntimeError) as err:
        return Answer("failed", message=str(err))
    if len(answer.body) > job.max_bytes:
        return Answer("too-large")
    return answer


def _dataset(job: Job) -> dict:
    options: dict = {}
    if job.default_graphs:  # default-graph-uri; otherwise the query's FROM, or the store's merge
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    return options


def _answer(results, job: Job) -> Answer:
    """The answer to a query in the format the client takes, within the row cap."""
    if isinstance(results, ox.QueryBoolean):
        if job.result_format is None:
            return Answer("not-acceptable", message="results")
        return Answer("ok", results.serialize(format=RESULT_FORMATS[job.result_format]), job.result_format, 1)
    if isinstance(results, ox.QueryTriples):
        if job.graph_format is None:
            return Answer("not-acceptable", message="graph")
        triples = _capped(results, job.max_rows)
        if triples is None:
            return Answer("too-many-rows")
        return Answer("ok", serialize_triples(triples, job.graph_format), job.graph_format, len(triples))
    if job.result_format is None:
        return Answer("not-acceptable", message="results")
    variables = [v.value for v in results.variables]
    solutions = _capped(results, job.max_rows)
    if solutions is None:
        return Answer("too-many-rows")
    return Answer("ok", _results.write(variables, solutions, job.result_format), job.result_format,
                  len(solutions))


def _capped(iterator, max_rows: int) -> list | None:
    """At most ``max_rows`` items of ``iterator``, or None when it has more."""
    items = []
    for item in iterator:
        if len(items) == max_rows:
            return None
        items.append(item)
    return items


def _work(store_path: str, conn, max_memory: int | None) -> None:  # pragma: no cover - in the worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    if max_memory:  # a query that needs more dies alone; the pool replaces its process
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    store = ox.Store.read_only(store_path)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store, job))


class WorkerLost(Exception):
    """The worker process died while running a query."""


class Busy(Exception):
    """No worker became free in time."""


class Timeout(Exception):
    """The query ran past its time limit; its worker was stopped."""


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.Process
    conn: object

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class Pool:
    """``size`` worker processes over the store at ``store_path`` (a path, or a function
    that tells the path when a worker starts), each limited to ``max_memory`` bytes of
    address space (None: no limit)."""

    def __init__(self, store_path, size: int = 2, max_memory: int | None = None, lane: float = 1.0):
        self.store_path = store_path if callable(store_path) else (lambda: store_path)
        self.size = size
        self.max_memory = max_memory
        self.lane = lane  # seconds a query may run in the short lane (0: no lane)
        self._context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited locks
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lane: queue.Queue[_Worker] = queue.Queue()  # the short lane's worker, when free
        self._slow: set[int] = set()  # hashes of the query texts the lane has stopped
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())  # never None: the pool is not closed yet
        if lane > 0:
            self._lane.put(self._spawn())

    def _spawn(self) -> _Worker | None:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_work, args=(self.store_path(), child, self.max_memory), daemon=True,
                                        name="kg-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            if self._closed:  # closed while this one started: it must not outlive the pool
                worker.stop()
                return None
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker, into: queue.Queue) -> None:
        """Stop ``worker`` and start another into ``into`` (the workers' queue or the lane's)."""
        with self._lock:
            self._all.discard(worker)
        worker.stop()

        def respawn() -> None:
            new = self._spawn()
            if new is not None:
                into.put(new)

        if not self._closed:
            threading.Thread(target=respawn, daemon=True).start()

    def run(self, job: Job, timeout: float) -> Answer:
        """The answer to ``job`` within ``timeout`` seconds in all, waiting for a free
        worker included: Busy when none is free in that time, Timeout when the query runs
        past it (its worker is then stopped and replaced)."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:  # every worker is busy: the short lane first, then wait
            if self.lane > 0 and hash(job.query) not in self._slow:
                answer = self._in_lane(job, deadline)
                if answer is not None:
                    return answer
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise Busy() from None
        answer = self._ask(worker, job, deadline - time.monotonic(), self._idle)
        if answer is None:
            raise Timeout()
        return answer

    def _ask(self, worker: _Worker, job: Job, seconds: float, home: queue.Queue) -> Answer | None:
        """The answer of ``worker`` to ``job`` within ``seconds``, the worker then back in
        ``home``; None when it takes longer (the worker is stopped and replaced in ``home``);
        WorkerLost when it dies."""
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(seconds, 0)):
                answer = worker.conn.recv()
                home.put(worker)
                return answer
        except (EOFError, OSError) as err:
            self._replace(worker, home)
            raise WorkerLost(str(err) or type(err).__name__) from None
        self._replace(worker, home)
        return None

    def _in_lane(self, job: Job, deadline: float) -> Answer | None:
        """The answer of the short lane's worker if ``job`` gets it and finishes within
        ``lane`` seconds; None otherwise (the query is then remembered as slow)."""
        try:
            worker = self._lane.get(timeout=max(min(self.lane, deadline - time.monotonic()), 0))
        except queue.Empty:
            return None
        answer = self._ask(worker, job, min(self.lane, deadline - time.monotonic()), self._lane)
        if answer is not None:
            return answer
        if len(self._slow) > 100_000:  # a bound on what is remembered
            self._slow.clear()
        self._slow.add(hash(job.query))
        if time.monotonic() >= deadline:
            raise Timeout()
        return None

    def warm_lane(self, timeout: float) -> None:
        """Block until the short lane's worker has opened the store (a trivial query answers)."""
        if self.lane > 0:
            deadline = time.monotonic() + timeout
            worker = self._lane.get(timeout=max(timeout, 0.1))
            self._ask(worker, Job("ASK {}", "json", None, 1), max(deadline - time.monotonic(), 0.1), self._lane)

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._all]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def wait_ready(pool: Pool, timeout: float = 30.0) -> None:
    """Block until every worker has opened the store (a trivial query answers)."""
    deadline = time.monotonic() + timeout
    for _ in range(pool.size):
        pool.run(Job("ASK {}", "json", None, 1), timeout=max(deadline - time.monotonic(), 0.1))
    pool.warm_lane(max(deadline - time.monotonic(), 0.1))  # and the short lane's worker
