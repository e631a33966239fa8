"""Benchmark: the cost of kg serve over the store it serves, in one run.

    .venv/bin/python bench/bench_server.py [OUT]      (default: out/, built first if missing)

Times the same SELECT asked of the build's Oxigraph store directly and through the HTTP
endpoint (a real server on a free port, urllib as the client): sequential requests, then
four clients at once. Prints each figure and the ratios; asserts no threshold.
"""
from __future__ import annotations

import json
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

QUERY = ("SELECT ?e ?label WHERE { ?e a <https://w3id.org/vn-gov-kg/ontology#Organisation> ; "
         "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label")
N = 200


def main() -> None:
    import kg
    from kg.server import Limits, Server
    from kg.store import open_build

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    if not (out / "build.json").is_file():
        kg.build(["corpus"], out)
    store = open_build(out)
    started = time.perf_counter()
    for _ in range(N):
        rows = list(store.query(QUERY, use_default_graph_as_union=True))
    direct = (time.perf_counter() - started) / N

    with Server(out, port=0, limits=Limits(workers=2)) as server:
        url = server.url + "sparql?" + urllib.parse.urlencode({"query": QUERY})

        def ask(_=None) -> int:
            request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request) as response:
                return len(json.loads(response.read())["results"]["bindings"])

        assert ask() == len(rows)
        started = time.perf_counter()
        for _ in range(N):
            ask()
        sequential = (time.perf_counter() - started) / N
        started = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(ask, range(N)))
        concurrent = time.perf_counter() - started

    print(f"rows per answer:               {len(rows)}")
    print(f"store, direct:                 {direct * 1000:8.2f} ms per query")
    print(f"HTTP, one client:              {sequential * 1000:8.2f} ms per request "
          f"({sequential / direct:.1f}x the store)")
    print(f"HTTP, four clients, 2 workers: {N / concurrent:8.1f} requests/s "
          f"({(concurrent / N) / sequential:.2f}x the one-client time per request)")


if __name__ == "__main__":
    main()
