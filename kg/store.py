"""The embedded store of a build (Oxigraph, on disk in ``OUT/store``)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import BuildNotFound, Errors, KGError

STORE_DIR = "store"


def create(path: Path, quads) -> None:
    """A new store at ``path`` holding ``quads``; closed when this returns."""
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()
    del store


def open_build(build: Path) -> ox.Store:
    """The store of the build in directory ``build``, read-only."""
    path = build / STORE_DIR
    if not (build / "build.json").is_file() or not path.is_dir():
        raise BuildNotFound(Errors.E201.format(path=build))
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise KGError(Errors.E202.format(path=path, reason=err)) from None
