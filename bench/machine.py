"""What a benchmark ran on: cores, memory, Python and the versions of the engines compared."""
from __future__ import annotations

import os
import platform
from importlib import metadata

PACKAGES = ("kg", "pyoxigraph", "rdflib", "pyshacl", "underthesea", "spacy", "oxigraph")


def facts() -> dict:
    memory = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            memory = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) * 1024
    except (OSError, StopIteration):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return {"cores": len(os.sched_getaffinity(0)), "memory_gb": round(memory / 1e9, 1),
            "cpu": platform.processor() or platform.machine(), "python": platform.python_version(),
            "load_average": [round(x, 2) for x in os.getloadavg()], "versions": versions}


def markdown(info: dict) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    return (f"{info['cores']} cores, {info['memory_gb']} GB, {info['cpu']}, Python {info['python']}; "
            f"load average before the run {info['load_average']}; {versions}")
