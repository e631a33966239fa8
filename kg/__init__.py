"""kg: a knowledge-graph builder for Vietnamese local-government documents.

>>> import kg
>>> result = kg.build(["corpus"], "out")   # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path as _Path


def build(inputs, out="out", *, base_iri: str | None = None, progress=None):
    """Build the graph of the documents under ``inputs`` into directory ``out``."""
    from .builder import build as _build
    from .config import Settings

    settings = Settings(base_iri=base_iri) if base_iri else Settings()
    return _build([_Path(p) for p in inputs], _Path(out), settings, progress)


__all__ = ["build", "__version__"]
