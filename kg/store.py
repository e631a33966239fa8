"""The embedded store of a build (Oxigraph, on disk in ``OUT/store``)."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from .errors import BuildNotFound, Errors, KGError
from .outdir import MANIFEST, STORE_DIR, Lease, hold

#: The builds this process reads, each held until the process ends (see ``outdir.hold``).
_HELD: dict[str, Lease] = {}
#: Their stores and manifests, read once: a published build never changes (a new build is
#: a folder of its own, which ``held`` finds when the build's name moves on to it).
_STORES: dict[str, ox.Store] = {}
_MANIFESTS: dict[str, dict] = {}


def create(path: Path, quads, triples) -> None:
    """A new store at ``path`` holding ``quads`` in their named graphs and, in its default
    graph, ``triples``, their merge (each triple of any named graph once), so that a query
    without ``FROM`` counts each statement once and ``FROM <g>`` reads one graph. Closed
    when this returns."""
    default = ox.DefaultGraph()
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in triples)
    store.flush()
    del store


def named_quads(store: ox.Store):
    """The quads of the store's named graphs: each document's, the corpus', the ontology's."""
    default = ox.DefaultGraph()
    return (q for q in store if q.graph_name != default)


def merged(store: ox.Store):
    """The triples of the store's default graph: the merge of its named graphs."""
    return (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def sizes(store: ox.Store) -> tuple[int, int]:
    """How many quads the named graphs hold and how many triples their merge, counted by
    the store (not by reading every quad into Python)."""
    triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    return len(store) - triples, triples


def held(build: Path) -> Path:
    """The folder of the build that ``build`` names now, held for this process so that a
    later build does not remove it while it is read; it keeps its meaning when ``build``
    moves on to a newer build."""
    if not (build / MANIFEST).is_file() or not (build / STORE_DIR).is_dir():
        raise BuildNotFound(Errors.E201.format(path=build))
    lease = hold(build)
    if str(lease.path) in _HELD:
        lease.release()  # held already, by the lease of an earlier call
    else:
        _HELD[str(lease.path)] = lease
    return lease.path


def store_path(build: Path) -> Path:
    """The store directory of the build that ``build`` names now, held (see ``held``)."""
    return held(build) / STORE_DIR


def manifest(build: Path) -> dict:
    """The build's ``build.json``: its documents, counts, validation and base IRI (of the
    build held, the one whose store this process reads)."""
    folder = str(held(build))
    if folder not in _MANIFESTS:
        _MANIFESTS[folder] = read_manifest(Path(folder))
    return _MANIFESTS[folder]


def read_manifest(folder: Path) -> dict:
    """The ``build.json`` of the build in directory ``folder``."""
    path = folder / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise KGError(Errors.E202.format(path=path, reason=err)) from None


def open_build(build: Path) -> ox.Store:
    """The store of the build in directory ``build``, read-only (opened once per build)."""
    path = store_path(build)
    if str(path) not in _STORES:
        try:
            _STORES[str(path)] = ox.Store.read_only(str(path))
        except OSError as err:
            raise KGError(Errors.E202.format(path=path, reason=err)) from None
    return _STORES[str(path)]
