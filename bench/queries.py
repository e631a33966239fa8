"""Benchmark 3: the canned queries (``queries/*.rq``, parameters left out, which they read as
"all") on a build of each size of --triples (bench.graphs, stored by ``kg.store.create``).
In process: kg's library (``kg.query.run``, the answer serialised as SPARQL JSON) against
bare pyoxigraph on the same store. Over HTTP: ``kg serve`` against Oxigraph's own server
(``oxigraph serve-read-only``, pip ``oxigraph``) on the same store, both asked for SPARQL
JSON by the same client (urllib, one connection per request). Under 1, 8 and 32
concurrent clients, each contender answers the same query in turn, round after round (a
level left out where the bare engine's pace says it would take over a minute);
latency p50 and p95 over all rounds, answers per second, and the ratio of p50 to bare
pyoxigraph (in process) or to ``oxigraph serve`` (HTTP). Each measurement runs in a
process of its own (``_CLIENT``), so that the client's threads and the contender share no
interpreter with the benchmark."""
from __future__ import annotations

import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import graphs
from .measure import ROOT

CLIENTS = (1, 8, 32)
#: Requests of one measurement: at least this many, and two per client; fewer when one
#: answer is slow, so that one measurement takes about BUDGET seconds.
REQUESTS = 20
BUDGET = 20.0
#: A level of clients is left out when the requests it needs would take longer than LIMIT
#: seconds on CORES cores at the bare engine's pace: it would measure the queue only.
LIMIT = 60.0
CORES = os.cpu_count() or 1

# argv: mode (kg | pyoxigraph | http), target (build folder or URL), query file, clients,
# requests. Prints the seconds of each request as JSON, after one request to warm up.
_CLIENT = r"""
import json, sys, time, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor
mode, target, text = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding="utf-8").read()
clients, requests = int(sys.argv[4]), int(sys.argv[5])
if mode == "kg":
    from pathlib import Path
    from kg import query
    build = Path(target)
    ask = lambda: query.serialize(query.run(build, text), "json")
elif mode == "pyoxigraph":
    import pyoxigraph as ox
    store = ox.Store.read_only(target)
    ask = lambda: store.query(text).serialize(format=ox.QueryResultsFormat.JSON)
else:
    body = urllib.parse.urlencode({"query": text}).encode()
    headers = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}
    ask = lambda: urllib.request.urlopen(urllib.request.Request(target, data=body, headers=headers), timeout=600).read()
def timed(_=None):
    t = time.perf_counter()
    answer = ask()
    return time.perf_counter() - t, len(answer)
first, size = timed()
with ThreadPoolExecutor(clients) as pool:
    t = time.perf_counter()
    seconds = [s for s, _ in pool.map(timed, range(requests))]
    wall = time.perf_counter() - t
print(json.dumps({"first": first, "bytes": size, "seconds": seconds, "wall": wall}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("Oxigraph's server is missing: pip install oxigraph (a test dependency of kg)")
    return found


class _Served:
    """A server process on a free port, up once it answers ``ASK {}`` at ``url``."""

    def __init__(self, command: list[str], path: str):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}{path}"
        self.proc = subprocess.Popen([c.replace("{port}", str(self.port)) for c in command], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{self.url}?query=ASK%7B%7D", timeout=5).read()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"{command[0]} did not start: {self.proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.1)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc.stderr.close()


# argv: TriG file, store folder: the store kg would write of it.
_STORE = r"""
import sys
import pyoxigraph as ox
from kg import store
quads = list(ox.parse(path=sys.argv[1], format=ox.RdfFormat.TRIG))
store.create(sys.argv[2], quads, {q.triple for q in quads})
"""


def _build(trig: Path, seed: Path, folder: Path) -> Path:
    """A build folder of the dataset in ``trig``: its store (made in a process of its own,
    so that this one stays small: a child's peak memory counts from the fork), and the
    seed build's manifest (kg reads the base IRI there)."""
    folder.mkdir()
    subprocess.run([sys.executable, "-c", _STORE, str(trig), str(folder / "store")], cwd=ROOT, check=True,
                   capture_output=True)
    shutil.copy(seed / "build.json", folder / "build.json")
    return folder


def _measure(mode: str, target: str, query: Path, clients: int, requests: int) -> dict:
    done = subprocess.run([sys.executable, "-c", _CLIENT, mode, target, str(query), str(clients), str(requests)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{mode} {query.name}: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def run(sizes: list[int], rounds: int, say=print, clients: tuple[int, ...] = CLIENTS) -> list[dict]:
    from kg.query import bind, canned

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-queries-") as tmp:
        tmp = Path(tmp)
        seed = graphs.build(0.25, tmp / "seed-build")
        texts = {}
        for name, c in canned().items():
            texts[name] = tmp / f"{name}.rq"
            texts[name].write_text(bind(c.text, {}), encoding="utf-8")
        for size, trig, triples in graphs.sized(sizes, tmp, seed):
            build = _build(trig, seed, tmp / f"build-{size}")
            trig.unlink()
            servers = {
                "kg serve": _Served([sys.executable, "-m", "kg", "serve", "--build", str(build), "--port", "{port}",
                                     "--quiet", "--timeout", "600", "--max-rows", "100000000",
                                     "--max-response-mb", "4096", "--max-memory-mb", "0"], "/sparql"),
                "oxigraph serve": _Served([oxigraph_binary(), "serve-read-only", "--location", str(build / "store"),
                                           "--bind", "127.0.0.1:{port}"], "/query"),
            }
            contenders = {"kg query": ("kg", str(build)), "pyoxigraph": ("pyoxigraph", str(build / "store")),
                          **{name: ("http", s.url) for name, s in servers.items()}}
            try:
                for name, path in texts.items():
                    one = None  # bare pyoxigraph's p50 with one client, seconds
                    for n in sorted(clients):
                        if one is not None and one * n / CORES > LIMIT:
                            rows.append({"triples": triples, "query": name, "clients": n, "skipped": one})
                            continue
                        runs: dict[str, list[dict]] = {}
                        requests = max(REQUESTS, 2 * n)
                        for r in range(rounds):
                            for contender, (mode, target) in contenders.items():
                                say(f"  {triples:,} triples, {name}, {n} clients, round {r + 1}/{rounds}: {contender}")
                                m = _measure(mode, target, path, n, requests)
                                runs.setdefault(contender, []).append(m)
                                if r == 0 and m["first"] * requests / min(n, 2) > BUDGET:
                                    requests = max(n, math.ceil(BUDGET * min(n, 2) / m["first"]))
                        rows.extend(_summary(triples, name, n, runs))
                        if n == 1:
                            one = rows[-len(runs) + list(runs).index("pyoxigraph")]["p50_ms"] / 1000
            finally:
                for s in servers.values():
                    s.close()
            shutil.rmtree(build)
    return rows


def _summary(triples: int, query: str, clients: int, runs: dict[str, list[dict]]) -> list[dict]:
    out = []
    for contender, ms in runs.items():
        seconds = sorted(s for m in ms for s in m["seconds"])
        out.append({"triples": triples, "query": query, "clients": clients, "contender": contender,
                    "requests": len(seconds), "bytes": ms[0]["bytes"],
                    "p50_ms": round(1000 * statistics.median(seconds), 1),
                    "p95_ms": round(1000 * seconds[min(len(seconds) - 1, math.ceil(0.95 * len(seconds)) - 1)], 1),
                    "per_s": round(sum(len(m["seconds"]) for m in ms) / sum(m["wall"] for m in ms), 1)})
    return out


#: Each contender's yardstick: in process against bare pyoxigraph, HTTP against oxigraph serve.
BARE = {"kg query": "pyoxigraph", "pyoxigraph": "pyoxigraph", "kg serve": "oxigraph serve",
        "oxigraph serve": "oxigraph serve"}


def markdown(rows: list[dict]) -> str:
    p50 = {(r["triples"], r["query"], r["clients"], r["contender"]): r["p50_ms"] for r in rows if "skipped" not in r}
    lines = ["| triples | query | clients | contender | p50 | p95 | answers/s | × bare p50 |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "skipped" in r:
            lines.append(f"| {r['triples']:,} | {r['query']} | {r['clients']} | all | left out: one answer takes "
                         f"{r['skipped']:.1f} s, {r['clients']} at once would only measure the queue | | | |")
            continue
        bare = p50[(r["triples"], r["query"], r["clients"], BARE[r["contender"]])]
        ratio = f"{r['p50_ms'] / bare:.2f}" if bare else "–"
        lines.append(f"| {r['triples']:,} | {r['query']} | {r['clients']} | {r['contender']} | {r['p50_ms']:.1f} ms | "
                     f"{r['p95_ms']:.1f} ms | {r['per_s']:.1f} | {ratio} |")
    return "\n".join(lines) + "\n\n" + overall(rows)


def overall(rows: list[dict]) -> str:
    """Per size, clients and contender, the geometric mean over the queries of the ratio of
    p50 to the bare engine's."""
    rows = [r for r in rows if "skipped" not in r]
    p50 = {(r["triples"], r["query"], r["clients"], r["contender"]): r["p50_ms"] for r in rows}
    ratios: dict[tuple, list[float]] = {}
    for r in rows:
        if r["contender"] in ("kg query", "kg serve"):
            bare = p50[(r["triples"], r["query"], r["clients"], BARE[r["contender"]])]
            if bare:
                ratios.setdefault((r["triples"], r["clients"], r["contender"]), []).append(r["p50_ms"] / bare)
    lines = ["Geometric mean over the queries of p50 ÷ the bare engine's p50:", "",
             "| triples | clients | kg query ÷ pyoxigraph | kg serve ÷ oxigraph serve |", "|---|---|---|---|"]
    for triples, n in sorted({(t, n) for t, n, _ in ratios}):
        cells = [statistics.geometric_mean(ratios[(triples, n, c)]) if (triples, n, c) in ratios else None
                 for c in ("kg query", "kg serve")]
        lines.append(f"| {triples:,} | {n} | " + " | ".join(f"{v:.2f}" if v else "–" for v in cells) + " |")
    return "\n".join(lines)
