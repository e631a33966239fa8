"""The benchmark suite: ``python -m bench [build] [load] [queries] [shacl] [views] [--rounds 3]``.

Each benchmark runs kg and the tools a user would pick instead on the same data, in one
run, and writes its table, the command that made it and the machine it ran on into
``bench/RESULTS.md`` (``--results PATH`` to write elsewhere), section by section as each
benchmark ends; what follows the line ``KEPT`` there (the targets, written by hand)
stays. No threshold is asserted: the figures are for the record, and the targets are
compared in RESULTS.md.

    build    kg build throughput and peak memory per size (--sizes, MB of text), 1 worker
             and one per core, the split per stage, against underthesea's tagger alone and
             a plain pass
    load     the dataset of --triples into a store: kg's, bare pyoxigraph, rdflib
    queries  the canned queries on --triples under 1, 8 and 32 clients: kg query and
             kg serve against bare pyoxigraph and oxigraph serve
    shacl    SHACL on graphs of --triples: kg validate, pySHACL called plainly, Jena
    views    views of --nodes nodes in headless Chromium: kg's against pyvis's defaults

The older scripts beside it (bench_store.py, bench_server.py, bench_scaling.py,
bench_throughput.py) measure the store, the endpoint, the growth of each stage with one
document's length, and this tree against an earlier commit.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from . import build, load, machine, queries, shacl, views

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
#: RESULTS.md from this line on is written by hand (the targets, what limits them) and kept
#: as it is when the suite writes the tables above it.
KEPT = "<!-- Written by hand from here on; python -m bench keeps it. -->"
#: Each benchmark: its number in RESULTS.md, its title and its module.
BENCHMARKS = {"build": (1, "kg build", build), "load": (2, "Load", load), "queries": (3, "Queries", queries),
              "shacl": (4, "SHACL", shacl), "views": (5, "Views", views)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("benchmarks", nargs="*", metavar="BENCHMARK",
                        help=f"any of {', '.join(BENCHMARKS)} (default: all five)")
    parser.add_argument("--sizes", nargs="+", type=float, default=[1.0], help="megabytes of text (default: 1)")
    parser.add_argument("--triples", nargs="+", type=int, default=[100_000],
                        help="sizes of the graphs loaded and validated (default: 100000)")
    parser.add_argument("--nodes", nargs="+", type=int, default=[10_000, 100_000], help="sizes of the views")
    parser.add_argument("--view-timeout", type=float, default=300.0,
                        help="seconds a view may take to settle before it is reported as not settled")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    unknown = [b for b in args.benchmarks if b not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark {unknown[0]!r}: choose from {', '.join(BENCHMARKS)}")
    args.benchmarks = args.benchmarks or list(BENCHMARKS)
    info = machine.facts()
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    sections = [f"# Benchmarks\n\nMade by `python -m bench {' '.join(sys.argv[1:]) if argv is None else ' '.join(argv)}` "
                f"on {datetime.now(timezone.utc).date()}: {machine.markdown(info)}.\n"]
    previous = args.results.read_text(encoding="utf-8") if args.results.is_file() else ""
    kept = previous[previous.index(KEPT):] if KEPT in previous else ""
    for name in (b for b in BENCHMARKS if b in args.benchmarks):
        number, title, module = BENCHMARKS[name]
        say(f"benchmark {number}: {title}")
        if name == "build":
            rows = build.run(args.sizes, args.rounds, info["cores"], say)
            table = build.markdown(rows) + "\n\n" + build.growth(rows)
        elif name == "views":
            rows = views.run(args.nodes, args.rounds, args.view_timeout, say)
            table = views.markdown(rows, args.view_timeout)
        else:
            rows = module.run(args.triples, args.rounds, say)
            table = module.markdown(rows)
        sections.append(f"## {number}. {title}\n\n" + (module.__doc__ or "").strip() + "\n\n" + table + "\n")
        # what has run, kept if a later one fails
        args.results.write_text("\n".join(sections + ([kept] if kept else [])), encoding="utf-8")
    print(args.results.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
