"""SPARQL-based constraints (§5): each constraint's SELECT query joined with the focus
nodes of its shape, so that one query answers for all of them. A solution is a result
(its ``?this``, ``?path`` and ``?value`` as focus node, path and value; a node shape's
focus node as the value when ``?value`` is not bound), and ``{?var}`` or ``{$var}`` in a
message is replaced by the lexical form of the variable's value (§5.3.2)."""
from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from ..errors import Errors
from ._engine import Engine, Nodes
from ._shapes import Shape, UnsupportedShapes


def constraints(engine: Engine, shape: Shape, nodes: Nodes):
    g = engine.shapes.graph
    hits = []
    for constraint in shape.params[SH.sparql]:
        if g.value(constraint, SH.deactivated) == rdflib.Literal(True):
            continue
        select = g.value(constraint, SH.select)
        if select is None or "$PATH" in str(select):
            raise UnsupportedShapes(Errors.E305.format(what=f"the SPARQL constraint {constraint} (an ASK "
                                                       "query, or $PATH)"))
        own = sorted(m for m in g.objects(constraint, SH.message) if m not in shape.messages)
        for row in engine.solutions(f"SELECT * WHERE {{ {nodes.focus} {{ {str(select).strip()} }} }}"):
            row.pop("failure", None)
            this, path, value = row.pop("this"), row.pop("path", None), row.pop("value", None)
            if value is None and not shape.is_property:
                value = this
            bound = {**row, "this": this, **({"path": path} if path is not None else {}),
                     **({"value": value} if value is not None else {})}
            hits.append(engine.hit(
                shape, this, SH.SPARQLConstraintComponent, value, source_constraint=constraint,
                path=_shapes_term(path) if path is not None else shape.path,
                messages=[rdflib.Literal(_format(str(m), bound)) for m in own + list(shape.messages)]))
    return hits


def _format(message: str, bound: dict) -> str:
    for name, term in bound.items():
        text = term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)
        message = message.replace("{?" + name + "}", text).replace("{$" + name + "}", text)
    return message


def _shapes_term(term):
    """A path bound by a query (an IRI) as a term of the report."""
    return rdflib.URIRef(term.value) if isinstance(term, ox.NamedNode) else rdflib.BNode(term.value)
