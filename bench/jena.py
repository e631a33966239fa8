"""Apache Jena as Debian packages it (libapache-jena-java): the class path of its command
line tools, fixed so that they start.

Debian's package moves Jena's bundled Xerces to the package ``xerces`` but leaves its
message files under ``org/apache/jena/ext/xerces``; without them Jena stops at start-up
("internal error" in XSSimpleTypeDecl). ``classpath`` puts copies where the classes look.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

PACKAGE = "libapache-jena-java"
#: Logging bridges that would each claim SLF4J; Jena runs with none of them.
_BRIDGES = ("slf4j-log4j12", "slf4j-jdk14", "slf4j-jcl", "slf4j-simple", "slf4j-reload4j", "log4j-over",
            "jcl-over", "jul-to")


def _package_jars(package: str) -> list[str]:
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line.endswith(".jar")] if out.returncode == 0 else []


def classpath(workdir: Path) -> str | None:
    """Jena's class path (its jars, those it depends on and the fix, written in
    ``workdir``), or None when Jena or java is not installed."""
    jars = _package_jars(PACKAGE)
    if not jars or shutil.which("java") is None:
        return None
    status = subprocess.run(["dpkg", "-s", PACKAGE], capture_output=True, text=True).stdout
    depends = next((line for line in status.splitlines() if line.startswith("Depends:")), "Depends:")
    for dep in depends.removeprefix("Depends:").split(","):
        jars += [j for j in _package_jars(dep.split("(")[0].strip()) if not any(x in j for x in _BRIDGES)]
    core = next(j for j in jars if j.endswith("/jena-core.jar"))
    with zipfile.ZipFile(core) as z:
        for name in z.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = workdir / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    return os.pathsep.join([str(workdir)] + list(dict.fromkeys(jars)))
