"""Benchmark 4: SHACL validation of the same graphs (bench.graphs) by ``kg validate``, by
pySHACL called plainly (its command line, with the same shapes, the ontology as its
ontology graph and SHACL-AF on) and by Apache Jena's SHACL (Debian's package), each in a
fresh process, taking turns round after round; wall time and peak memory, and the number
of results each reports (which must agree)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from . import graphs, jena
from .measure import take_turns

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "shapes" / "kg-shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "kg.ttl"


def _merged(trig: Path, target: Path) -> None:
    """The union of the dataset's graphs as N-Triples, each triple once."""
    import pyoxigraph as ox

    triples = {q.triple for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)}
    ox.serialize(sorted(triples, key=str), str(target), ox.RdfFormat.N_TRIPLES)


def _results(report: Path) -> int:
    """The number of sh:ValidationResult in a report written as Turtle."""
    import rdflib
    from rdflib.namespace import RDF, SH

    return len(set(rdflib.Graph().parse(report, format="turtle").subjects(RDF.type, SH.ValidationResult)))


def contenders(data: Path, tmp: Path) -> dict[str, list[str]]:
    found = {
        "kg validate": [sys.executable, "-m", "kg", "validate", str(data), "--format", "turtle"],
        "pySHACL plainly": [sys.executable, "-m", "pyshacl", "-s", str(SHAPES), "-e", str(ONTOLOGY), "-a", "-w",
                            "-i", "none", "-f", "turtle", str(data)],
    }
    classpath = jena.classpath(tmp / "jena")
    if classpath:
        found["Jena SHACL"] = ["java", "-Xmx8g", "-cp", classpath, "shacl.shacl", "validate", "--shapes",
                               str(SHAPES), "--data", str(data)]
    return found


def run(sizes: list[int], rounds: int, say=print) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-shacl-") as tmp:
        tmp = Path(tmp)
        for size, trig, triples in graphs.sized(sizes, tmp):
            data = tmp / f"g{size}.nt"
            _merged(trig, data)
            measured = take_turns(contenders(data, tmp), rounds, f"{triples:,} triples", say, ok=(0, 1),
                                  stdout=lambda name: tmp / f"report-{size}-{name.replace(' ', '-')}.ttl",
                                  after=lambda name, command, report: _results(report))
            for name, summary in measured.items():
                rows.append({"triples": triples, "contender": name, "results": summary.pop("extra"), **summary})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| triples | contender | wall | peak memory | × Jena | results |", "|---|---|---|---|---|---|"]
    jena_time = {r["triples"]: r["wall_s"] for r in rows if r["contender"] == "Jena SHACL"}
    for r in rows:
        ratio = f"{r['wall_s'] / jena_time[r['triples']]:.2f}" if r["triples"] in jena_time else ""
        lines.append(f"| {r['triples']:,} | {r['contender']} | {r['wall_s']:.1f} s | {r['peak_gb']:.2f} GB | {ratio} "
                     f"| {r['results']:,} |")
    return "\n".join(lines)
