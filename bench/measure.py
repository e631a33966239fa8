"""How long a command takes and how much memory it holds, measured from outside."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

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
