"""Benchmark 5: views of --nodes nodes (a scale-free graph, one edge per new node, of the six
types, with Vietnamese labels) opened in headless Chromium (Debian's chromium and
chromium-driver, through selenium), a fresh browser for each page: kg's view
(``kg.viz.render``: laid out in Python above ``kg.viz.LARGE`` nodes, still in the browser)
against the page pyvis makes of the same graph with its defaults (``Network.from_nx``,
vis-network's physics settling it in the browser). For each: the seconds to make the page
in Python, its size, the seconds from navigation to settled (kg: ``kgView.settledAt``;
pyvis: vis-network's ``stabilizationIterationsDone``), at most --view-timeout, and the
JavaScript heap then."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .measure import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
TYPES = ("Organisation", "Person", "Resolution", "Project", "Ward", "Event")

# argv: contender (kg | pyvis), nodes, page. Writes the page; prints the seconds it took.
_PAGE = r"""
import sys, time
import networkx as nx
contender, n, page = sys.argv[1], int(sys.argv[2]), sys.argv[3]
types = %r
base = nx.barabasi_albert_graph(n, 1, seed=1)
g = nx.MultiDiGraph()
for i in base:
    g.add_node(f"urn:x:{i}", label=f"Đơn vị số {i}", type=types[i %% 6], documents=["a.txt"])
for u, v in base.edges():
    g.add_edge(f"urn:x:{u}", f"urn:x:{v}", key="about", relation="about", sources=[])
t = time.perf_counter()
if contender == "kg":
    from kg.viz import render
    text = render(g, f"{n:,} nodes")
else:
    from pyvis.network import Network
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(g)
    text = net.generate_html()
    # tell the benchmark when vis-network has settled the drawing (the page's own listener
    # stays as it is)
    text = text.replace("</body>", '<script>(function wait(){ if (typeof network === "undefined" || !network) '
                        '{ setTimeout(wait, 5); return; } network.once("stabilizationIterationsDone", '
                        'function(){ window.__settledAt = performance.now(); }); })();</script></body>')
open(page, "w", encoding="utf-8").write(text)
print(time.perf_counter() - t)
""" % (TYPES,)

NOT_SETTLED = {"settled_s": None, "heap_mb": None, "nodes_shown": None}
_SETTLED = {"kg": "return window.kgView && window.kgView.stabilized ? window.kgView.settledAt : null",
            "pyvis": "return window.__settledAt || null"}


def _browser(profile: Path, timeout: float):
    """A headless Chromium whose driver waits up to ``timeout`` for an answer (a page that
    lays out in its main thread answers nothing meanwhile)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        raise RuntimeError("Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.page_load_strategy = "none"  # the clock is the page's: performance.now() from navigation
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--window-size=1280,900", "--enable-precise-memory-info", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.command_executor.client_config.timeout = timeout + 30  # read at each request
    driver.set_script_timeout(timeout)
    return driver


def _open(page: Path, contender: str, timeout: float, profile: Path) -> dict:
    """In this process: open ``page`` and poll it until it says it has settled."""
    from selenium.common.exceptions import TimeoutException

    driver = _browser(profile, timeout)
    try:
        driver.get(page.as_uri())
        deadline = time.monotonic() + timeout
        settled = None
        while settled is None and time.monotonic() < deadline:
            try:
                settled = driver.execute_script(_SETTLED[contender])
            except TimeoutException:  # the page holds its main thread
                break
            if settled is None:
                time.sleep(0.25)
        if settled is None:  # the browser may not even quit: open_page ends its session
            print(json.dumps(NOT_SETTLED), flush=True)
            os._exit(0)
        heap = driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : null")
        shown = driver.execute_script("return (window.kgView && kgView.nodes.length) || "
                                      "(window.network && network.body.data.nodes.length) || null")
    finally:
        driver.quit()
    return {"settled_s": round(settled / 1000, 2), "heap_mb": None if heap is None else round(heap / 1e6),
            "nodes_shown": shown}


def open_page(page: Path, contender: str, timeout: float, profile: Path) -> dict:
    """Seconds from navigation until the page says it has settled (None: not within
    ``timeout``), and the JavaScript heap then; the browser in a session of its own, ended
    whole when the page holds its main thread past the deadline (the driver then gets no
    answer, not even to quit)."""
    proc = subprocess.Popen([sys.executable, "-m", "bench.views", str(page), contender, str(timeout), str(profile)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout + 60)
    except subprocess.TimeoutExpired:
        out = None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the driver and the browser with it
        except ProcessLookupError:
            pass
    if out is None:
        proc.communicate()
        return dict(NOT_SETTLED)
    if proc.returncode:
        raise RuntimeError(f"{contender} {page.name}: {err.decode()[-2000:]}")
    return json.loads(out)


def run(sizes: list[int], rounds: int, timeout: float, say=print) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-views-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            runs: dict[str, list[dict]] = {}
            for r in range(rounds):
                for contender in ("kg", "pyvis"):
                    say(f"  {n:,} nodes, round {r + 1}/{rounds}: {contender}")
                    page = tmp / f"{contender}-{n}.html"
                    made = subprocess.run([sys.executable, "-c", _PAGE, contender, str(n), str(page)], cwd=ROOT,
                                          capture_output=True, text=True, check=True)
                    seen = open_page(page, contender, timeout, tmp / f"profile-{contender}-{n}-{r}")
                    runs.setdefault(contender, []).append({"page_s": round(float(made.stdout), 2),
                                                           "page_mb": round(page.stat().st_size / 1e6, 1), **seen})
            for contender, ms in runs.items():
                rows.append({"nodes": n, "contender": contender, "rounds": ms, **_median(ms)})
    return rows


def _median(ms: list[dict]) -> dict:
    """The round in the middle by time to settle (a round that did not settle counts as
    the slowest)."""
    return sorted(ms, key=lambda m: m["settled_s"] if m["settled_s"] is not None else float("inf"))[len(ms) // 2]


def markdown(rows: list[dict], timeout: float) -> str:
    lines = ["| nodes | contender | page made in | page size | settled after | JS heap | nodes shown |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        settled = f"{r['settled_s']:.1f} s" if r["settled_s"] is not None else f"not within {timeout:.0f} s"
        lines.append(f"| {r['nodes']:,} | {'kg view' if r['contender'] == 'kg' else 'pyvis defaults'} | "
                     f"{r['page_s']:.1f} s | {r['page_mb']:.1f} MB | {settled} | "
                     f"{r['heap_mb'] if r['heap_mb'] is not None else '–'} MB | {r['nodes_shown'] or '–'} |")
    return "\n".join(lines) + "\n\nEach round: " + json.dumps(
        {f"{r['nodes']} {r['contender']}": [m["settled_s"] for m in r["rounds"]] for r in rows})


if __name__ == "__main__":  # one page: PAGE CONTENDER TIMEOUT PROFILE (open_page runs this)
    print(json.dumps(_open(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), Path(sys.argv[4]))))
