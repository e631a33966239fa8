"""kg: a knowledge-graph builder for Vietnamese local-government documents.

>>> import kg
>>> result = kg.build(["corpus"], "out")   # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path as _Path


_SHIPPED = object()


def build(inputs, out="out", *, base_iri: str | None = None, progress=None, model=_SHIPPED,
          workers: int | None = None):
    """Build the graph of the documents under ``inputs`` into directory ``out``;
    ``model``: the span model's file (None: rules only; default: the shipped one);
    ``workers``: processes that read and extract the documents (default: one per core
    for large inputs, else 1)."""
    from dataclasses import replace

    from .builder import build as _build
    from .config import Settings

    settings = Settings(base_iri=base_iri, workers=workers) if base_iri else Settings(workers=workers)
    if model is not _SHIPPED:
        settings = replace(settings, model=None if model is None else _Path(model))
    return _build([_Path(p) for p in inputs], _Path(out), settings, progress)


def open(build="out"):  # noqa: A001 - kg.open, as the API documents it
    """The graph of a build as an rdflib Dataset backed by its Oxigraph store."""
    from .api import open as _open

    return _open(build)


def to_networkx(graph, types=None):
    """A networkx MultiDiGraph of the entities of ``graph`` and their relations."""
    from .api import to_networkx as _to_networkx

    return _to_networkx(graph) if types is None else _to_networkx(graph, tuple(types))


__all__ = ["build", "open", "to_networkx", "__version__"]
