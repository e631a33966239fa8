"""``kg analyze``: network measures of the entity graph (networkx) and its export to
GraphML and GEXF for Gephi."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
from networkx.algorithms.community import louvain_communities, modularity

from .api import find_entity
from .errors import Errors, KGError

#: Betweenness is exact up to this many nodes, then estimated from a seeded sample.
EXACT_BETWEENNESS = 2000


def analyze(graph: nx.MultiDiGraph, top: int = 10, path: tuple[str, str] | None = None) -> dict:
    """Centralities, communities, components, the busiest organisations and, when asked,
    the shortest path between two entities; plain data, ready for JSON."""
    simple = nx.Graph(graph)
    between, sampled = betweenness(simple)
    label = _labels(graph)
    kind = {n: d.get("type") or "" for n, d in graph.nodes(data=True)}

    def entity(node, **extra):
        return {"iri": node, "label": label.get(node, node), "type": kind.get(node, ""), **extra}

    def ranked(scores: dict) -> list[dict]:
        best = sorted(scores.items(), key=lambda kv: (-kv[1], label.get(kv[0], kv[0])))[:top]
        return [entity(n, score=round(s, 6)) for n, s in best]

    communities = sorted(louvain_communities(simple, seed=0), key=lambda c: (-len(c), sorted(c))) if len(simple) else []
    components = sorted(nx.connected_components(simple), key=len, reverse=True)
    organisations = []
    for node in graph:
        if kind.get(node) != "Organisation":
            continue
        posts = sum(1 for _, _, r in graph.in_edges(node, data="relation") if r == "holdsPost")
        issued = sum(1 for _, _, r in graph.in_edges(node, data="relation") if r == "issuedBy")
        if posts or issued:
            organisations.append(entity(node, posts=posts, resolutions=issued))
    organisations.sort(key=lambda o: (-(o["posts"] + o["resolutions"]), o["label"]))
    result = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "degree": ranked(nx.degree_centrality(simple)) if len(simple) > 1 else [],
        "betweenness": ranked(between) if len(simple) > 1 else [],
        "betweenness_sampled": sampled,
        "communities": [{"size": len(c), "members": [entity(n) for n in sorted(
                            c, key=lambda n: (-simple.degree(n), label.get(n, n)))][:top]} for c in communities[:top]],
        "community_count": len(communities),
        "modularity": round(modularity(simple, communities), 6) if simple.number_of_edges() else 0.0,
        "components": {"count": len(components), "largest": len(components[0]) if components else 0,
                       "sizes": [len(c) for c in components[:top]]},
        "organisations": organisations[:top],
    }
    if path is not None:
        result["path"] = shortest_path(graph, *path)
    return result


def _labels(graph: nx.Graph) -> dict:
    """Each node's label, or the node itself when it has none."""
    return {n: d.get("label") or n for n, d in graph.nodes(data=True)}


def betweenness(simple: nx.Graph) -> tuple[dict, bool]:
    """Betweenness centrality, and whether it was estimated from a seeded sample of 500
    sources (above ``EXACT_BETWEENNESS`` nodes) rather than computed exactly."""
    sampled = len(simple) > EXACT_BETWEENNESS
    return nx.betweenness_centrality(simple, k=500 if sampled else None, seed=0), sampled


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    """The steps of a shortest path between two entities (named as ``find_entity`` takes
    them), whatever the direction of the relations: ``[{from, relation, to}, …]``."""
    source, target = find_entity(graph, a), find_entity(graph, b)
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise KGError(Errors.E605.format(a=a, b=b)) from None
    label = _labels(graph)
    steps = []
    for u, v in zip(nodes, nodes[1:]):
        forward = graph.get_edge_data(u, v)
        data = next(iter((forward or graph.get_edge_data(v, u)).values()))
        relation = data.get("relation", "") + (f" ({data['role']})" if data.get("role") else "")
        steps.append({"from": label.get(u, u), "relation": relation if forward else f"{relation} (reverse)",
                      "to": label.get(v, v), "from_iri": u, "to_iri": v})
    return steps


def flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings or numbers, as GraphML and GEXF need."""
    out = nx.MultiDiGraph()
    for node, d in graph.nodes(data=True):
        out.add_node(node, label=d.get("label", node), type=d.get("type", ""),
                     documents="; ".join(d.get("documents", ())))
    for s, o, key, d in graph.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, relation=d.get("relation", ""), role=d.get("role", ""),
                     sources=" | ".join(f"{x['document']}: {x['sentence']}" for x in d.get("sources", ())))
    return out


def write_graph(graph: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    """Write GraphML or GEXF atomically (a failure leaves any previous file as it was)."""
    path = Path(path)
    writer = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}[fmt]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        writer(flat(graph), tmp)
        os.replace(tmp, path)
    except OSError as err:
        raise KGError(Errors.E606.format(path=path, reason=err)) from None
    finally:
        tmp.unlink(missing_ok=True)
