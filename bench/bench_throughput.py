"""Benchmark: extraction throughput (characters per second) of this tree against an
earlier commit, measured in one run.

    .venv/bin/python bench/bench_throughput.py [--base REV] [--rounds 3] [DIR ...]

The earlier commit is checked out in a temporary git worktree; each round runs the whole
pipeline of each version, in a fresh interpreter of this virtual environment, over the
same documents (default: corpus/ and, when present, ../shared/eval/provinces/corpus), the
two versions taking turns so that the machine's load falls on both alike. The medians and
their ratio are printed (above 1.0: this tree is faster). No threshold is asserted: the
figures are for the record.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run inside each version's interpreter: import its kg, run its pipeline on the files.
_PROBE = r"""
import hashlib, json, sys, time
from pathlib import Path
from kg.model import Doc
from kg.pipeline import Pipeline
files = [Path(p) for p in sys.argv[1:]]
texts = [f.read_text(encoding="utf-8") for f in files]
pipeline = Pipeline()
pipeline(Doc(path=Path("warm.txt"), text=texts[0][:2000], sha256="0"))  # load the tagger first
t = time.perf_counter()
for f, text in zip(files, texts):
    pipeline(Doc(path=f, text=text, sha256=hashlib.sha256(text.encode()).hexdigest()))
print(json.dumps({"chars": sum(map(len, texts)), "seconds": time.perf_counter() - t}))
"""


def _run(tree: Path, files: list[Path]) -> float:
    out = subprocess.run([sys.executable, "-c", _PROBE, *map(str, files)], cwd=tree, check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["chars"] / result["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--base", default="f60c860", help="the earlier commit (default: f60c860)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    dirs = args.dirs or [ROOT / "corpus"] + [d for d in [ROOT.parent / "shared" / "eval" / "provinces" / "corpus"]
                                             if d.is_dir()]
    files = sorted(f for d in dirs for f in d.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="kg-base-") as tmp:
        base = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), args.base],
                       check=True, capture_output=True)
        try:
            speeds: dict[str, list[float]] = {"base": [], "this tree": []}
            for _ in range(args.rounds):
                speeds["base"].append(_run(base, files))
                speeds["this tree"].append(_run(ROOT, files))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], capture_output=True)
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    print(f"{len(files)} documents, {chars:,} characters, {args.rounds} rounds, base {args.base}")
    for name, values in speeds.items():
        print(f"{name:10s} {statistics.median(values):>12,.0f} characters/s (rounds: "
              + ", ".join(f"{v:,.0f}" for v in values) + ")")
    print(f"ratio this tree / base: {statistics.median(speeds['this tree']) / statistics.median(speeds['base']):.2f}")


if __name__ == "__main__":
    main()
