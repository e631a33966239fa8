"""Validation of a shapes graph over an Oxigraph store, one query per constraint.

A shape is checked for all its focus nodes at once: the focus nodes are a SPARQL group
pattern binding ``?this`` (§2.1: the union of the shape's targets), the value nodes a
pattern binding ``?this`` and ``?value`` (§2.3: the focus node itself for a node shape,
its values along ``sh:path`` for a property shape), and each constraint component a query
over them that returns only what fails (``_core``, ``_sparql``). A shape used inside
another (``sh:node``, ``sh:or``, ``sh:qualifiedValueShape`` …) is checked the same way, its
focus nodes being the value nodes of the shape that uses it, so no query is ever made per
node.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib

from ._shapes import Shape, ShapesGraph


@dataclass(eq=False)
class Hit:
    """One validation result (§3.6): what failed, where, and the results nested in it."""
    shape: Shape
    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    component: rdflib.URIRef
    value: object = None
    path: object = None  # the sh:resultPath node of the shapes graph
    source_constraint: object = None
    messages: list = field(default_factory=list)
    details: list["Hit"] = field(default_factory=list)


@dataclass(frozen=True)
class Nodes:
    """What a constraint reads: the focus nodes and the value nodes, as patterns."""
    focus: str  # binds ?this, each focus node once
    values: str  # binds ?this and ?value

    def as_focus(self) -> "Nodes":
        """The value nodes, each once, as the focus nodes of a shape used inside."""
        return focus_nodes("{ SELECT DISTINCT ?value WHERE { " + self.values + " } } BIND(?value AS ?this)")


def focus_nodes(pattern: str) -> Nodes:
    return Nodes(focus="{ SELECT DISTINCT ?this WHERE { " + pattern + " } }", values="")


class Engine:
    """Runs ``shapes`` over ``store`` (its default graph, or with ``union`` the union of
    its graphs); ``run()`` gives every result of the shapes with targets."""

    def __init__(self, store: ox.Store, shapes: ShapesGraph, union: bool = False):
        self.store, self.shapes, self.union = store, shapes, union
        self.queries = 0

    def run(self) -> list[Hit]:
        hits: list[Hit] = []
        for shape in self.shapes.focus_shapes:
            pattern = " UNION ".join("{ " + t + " }" for t in shape.targets)
            hits.extend(self.check(shape, focus_nodes(pattern)))
        return hits

    def check(self, shape: Shape, nodes: Nodes) -> list[Hit]:
        """The results of ``shape`` on the focus nodes ``nodes.focus``."""
        from ._core import COMPONENTS

        if shape.deactivated:
            return []
        if shape.is_property:
            path = self.path(shape)
            nodes = Nodes(nodes.focus, f"{nodes.focus} ?this {path} ?value .")
        else:
            nodes = Nodes(nodes.focus, f"{nodes.focus} BIND(?this AS ?value)")
        hits: list[Hit] = []
        for parameter, component in COMPONENTS:
            if parameter in shape.params:
                hits.extend(component(self, shape, nodes))
        return hits

    def failing(self, shape: Shape, nodes: Nodes) -> dict:
        """The value nodes of ``nodes`` that do not conform to ``shape``, each with its
        results."""
        out: dict = {}
        for hit in self.check(shape, nodes.as_focus()):
            out.setdefault(hit.focus, []).append(hit)
        return out

    def path(self, shape: Shape) -> str:
        from ._shapes import sparql_path
        return sparql_path(self.shapes.graph, shape.path)

    def select(self, where: str, variables: str = "?this ?value", modifiers: str = "") -> list[tuple]:
        """The distinct rows of ``variables`` that ``where`` matches."""
        query = f"{self.shapes.prologue}\nSELECT DISTINCT {variables} WHERE {{ {where} }} {modifiers}"
        self.queries += 1
        rows = self.store.query(query, use_default_graph_as_union=self.union)
        names = [v.value for v in rows.variables]
        return [tuple(row[n] for n in names) for row in rows]

    def solutions(self, query: str) -> list[dict]:
        """Every distinct solution of a full SELECT query, each as a dict by variable."""
        self.queries += 1
        rows = self.store.query(f"{self.shapes.prologue}\n{query}", use_default_graph_as_union=self.union)
        names = [v.value for v in rows.variables]
        seen: dict = {}
        for row in rows:
            values = tuple(row[n] for n in names)
            seen.setdefault(values, {n: v for n, v in zip(names, values) if v is not None})
        return list(seen.values())

    def hit(self, shape: Shape, focus, component, value=None, **extra) -> Hit:
        return Hit(shape=shape, focus=focus, component=component, value=value,
                   path=extra.pop("path", shape.path), messages=extra.pop("messages", list(shape.messages)),
                   **extra)
