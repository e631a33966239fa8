"""How long a command takes and how much memory it holds, measured from outside."""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


def measure(command: list[str], ok: tuple[int, ...] = (0,), stdout: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident bytes of ``command`` (run in the
    repository; the peak is that of its largest process, workers it waited for included,
    as ``wait4`` reports it), its output kept in ``stdout`` if given; a ``RuntimeError``
    when it exits with a status not in ``ok``."""
    t = time.perf_counter()
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, cwd=ROOT)
    finally:
        if stdout:
            sink.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise RuntimeError(f"{' '.join(command[:4])} … exited with {code}: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def take_turns(commands: dict[str, list[str]], rounds: int, label: str, say=print, ok: tuple[int, ...] = (0,),
               stdout: Callable[[str], Path] | None = None,
               after: Callable[[str, list[str], Path | None], object] | None = None) -> dict[str, dict]:
    """Each of ``commands`` run ``rounds`` times, the commands taking turns round after round
    (so that the machine's other load falls on all of them alike). Per name: the median wall
    and CPU seconds, the largest peak memory, each round's wall time, and what ``after``
    (told the name, the command and its output file, ``stdout(name)``) made of the round in
    the middle."""
    runs: dict[str, list] = {}
    for r in range(rounds):
        for name, command in commands.items():
            say(f"  {label}, round {r + 1}/{rounds}: {name}")
            out = stdout(name) if stdout else None
            measured = measure(command, ok, out)
            runs.setdefault(name, []).append((*measured, after(name, command, out) if after else None))
    return {name: {"wall_s": round(statistics.median(m[0] for m in ms), 2),
                   "cpu_s": round(statistics.median(m[1] for m in ms), 2),
                   "peak_gb": round(max(m[2] for m in ms) / 1e9, 2),
                   "rounds": [round(m[0], 2) for m in ms], "extra": ms[len(ms) // 2][3]}
            for name, ms in runs.items()}
