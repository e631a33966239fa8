"""The benchmark suite: ``python -m bench [build] [--sizes 1 10] [--rounds 3]``.

Each benchmark runs kg and the tools a user would pick instead on the same data, in one
run, and writes its table, the command that made it and the machine it ran on into
``bench/RESULTS.md`` (``--results PATH`` to write elsewhere). No threshold is asserted:
the figures are for the record, and the targets are compared in RESULTS.md.

    build    kg build throughput and peak memory per size, 1 worker and one per core, the
             split per stage, against underthesea's tagger alone and a plain pass
    load     the dataset of --triples into a store: kg's, bare pyoxigraph, rdflib
    shacl    SHACL on graphs of --triples: kg validate, pySHACL called plainly, Jena

The older scripts beside it (bench_store.py, bench_server.py, bench_scaling.py,
bench_throughput.py) measure the store, the endpoint, the growth of each stage with one
document's length, and this tree against an earlier commit.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from . import build, load, machine, shacl

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("benchmarks", nargs="*", default=["build", "load", "shacl"], choices=["build", "load", "shacl"])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1.0], help="megabytes of text (default: 1)")
    parser.add_argument("--triples", nargs="+", type=int, default=[100_000],
                        help="sizes of the graphs loaded and validated (default: 100000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    info = machine.facts()
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    sections = [f"# Benchmarks\n\nMade by `python -m bench {' '.join(sys.argv[1:]) if argv is None else ' '.join(argv)}` "
                f"on {datetime.now(timezone.utc).date()}: {machine.markdown(info)}.\n"]
    if "build" in args.benchmarks:
        say("benchmark 1: kg build")
        rows = build.run(args.sizes, args.rounds, info["cores"], say)
        sections.append("## 1. kg build\n\n" + (build.__doc__ or "").strip() + "\n\n" + build.markdown(rows)
                        + "\n\n" + build.growth(rows) + "\n")
    if "load" in args.benchmarks:
        say("benchmark 2: load")
        rows = load.run(args.triples, args.rounds, say)
        sections.append("## 2. Load\n\n" + (load.__doc__ or "").strip() + "\n\n" + load.markdown(rows) + "\n")
    if "shacl" in args.benchmarks:
        say("benchmark 4: SHACL")
        rows = shacl.run(args.triples, args.rounds, say)
        sections.append("## 4. SHACL\n\n" + (shacl.__doc__ or "").strip() + "\n\n" + shacl.markdown(rows) + "\n")
    args.results.write_text("\n".join(sections), encoding="utf-8")
    print(args.results.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
