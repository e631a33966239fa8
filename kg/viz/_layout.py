"""Precomputed layouts. For graphs too large to lay out in the browser: each connected
component as a radial tree around its best-connected node, components packed in rows
(linear in the size of the graph; pure Python, networkx for the traversals). For the others,
where the browser's physics settles the drawing: a start with each community (Louvain) in
a place of its own, so that clusters are drawn apart."""
from __future__ import annotations

import math

import networkx as nx

STEP = 120.0  # distance between rings
SPACING = 28.0  # least distance between neighbours on a ring


def _component(simple: nx.Graph, nodes: set) -> tuple[dict, float]:
    """Positions around (0, 0) and the radius of one component."""
    root = max(nodes, key=lambda n: (simple.degree(n), str(n)))
    tree = nx.bfs_tree(simple.subgraph(nodes), root)
    leaves: dict = {}
    for node in nx.dfs_postorder_nodes(tree, root):
        leaves[node] = sum(leaves[k] for k in tree.successors(node)) or 1
    depth = nx.single_source_shortest_path_length(tree, root)
    per_ring: dict[int, int] = {}
    for d in depth.values():
        per_ring[d] = per_ring.get(d, 0) + 1
    radius_of = {0: 0.0}
    for d in range(1, max(per_ring) + 1):  # rings grow so that their nodes do not overlap
        radius_of[d] = max(radius_of[d - 1] + STEP, per_ring[d] * SPACING / (2 * math.pi))
    position = {root: (0.0, 0.0)}
    span = {root: (0.0, 2 * math.pi)}
    for node in nx.dfs_preorder_nodes(tree, root):
        start, end = span[node]
        at = start
        for kid in sorted(tree.successors(node), key=str):
            width = (end - start) * leaves[kid] / leaves[node]
            span[kid] = (at, at + width)
            angle, r = at + width / 2, radius_of[depth[kid]]
            position[kid] = (r * math.cos(angle), r * math.sin(angle))
            at += width
    return position, radius_of[max(per_ring)] + SPACING


def radial(graph: nx.Graph) -> dict:
    """``{node: (x, y)}`` for every node of ``graph`` (directions ignored)."""
    simple = nx.Graph(graph)
    parts = [_component(simple, c) for c in sorted(nx.connected_components(simple), key=lambda c: (-len(c),
                                                                                               min(map(str, c))))]
    area = sum((2 * r) ** 2 for _, r in parts)
    row_width = max(math.sqrt(area) * 1.2, max((2 * r for _, r in parts), default=0))
    placed: dict = {}
    x = y = row_height = 0.0
    for position, r in parts:  # shelf packing, largest first
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + r, y + r
        for node, (px, py) in position.items():
            placed[node] = (round(cx + px, 1), round(cy + py, 1))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return placed


def by_community(graph: nx.Graph, seed: int = 7, shown=None) -> dict:
    """``{node: (x, y)}``: the communities of ``graph`` (Louvain, seeded) placed apart by a
    spring layout of the graph of communities, each community's nodes on a circle around
    its place; deterministic. ``shown`` (default: all) are the nodes a view opens with: they
    are laid out together, and the others, hidden until asked for, beside them, so that
    what is hidden does not push apart what is shown."""
    simple = nx.Graph(graph)
    first = set(simple) if shown is None else set(shown) & set(simple)
    placed = _communities(_induced(simple, first), seed)
    rest = _communities(_induced(simple, set(simple) - first), seed)
    if placed and rest:  # the hidden ones to the right of the shown
        right = max(x for x, _ in placed.values()) - min(x for x, _ in rest.values()) + STEP
        rest = {n: (round(x + right, 1), y) for n, (x, y) in rest.items()}
    return placed | rest


def _induced(simple: nx.Graph, nodes: set) -> nx.Graph:
    """The subgraph on ``nodes``, its nodes and edges in sorted order: Louvain's result
    follows the order it meets them in, which must not be that of a set."""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(nodes, key=str))
    sub.add_edges_from(sorted((tuple(sorted((a, b), key=str)) for a, b in simple.edges
                               if a in nodes and b in nodes), key=lambda e: (str(e[0]), str(e[1]))))
    return sub


def _communities(simple: nx.Graph, seed: int) -> dict:
    from networkx.algorithms.community import louvain_communities

    if not len(simple):
        return {}
    communities = sorted(louvain_communities(simple, seed=seed), key=lambda c: (-len(c), sorted(map(str, c))))
    home = {n: i for i, c in enumerate(communities) for n in c}
    between = nx.Graph()
    between.add_nodes_from(range(len(communities)))
    for a, b in simple.edges:
        if home[a] != home[b]:
            w = between.get_edge_data(home[a], home[b], {"weight": 0})["weight"]
            between.add_edge(home[a], home[b], weight=w + 1)
    spread = STEP * 2.5 * math.sqrt(len(communities))
    centre = nx.spring_layout(between, seed=seed, scale=spread) if len(communities) > 1 else {0: (0.0, 0.0)}
    placed: dict = {}
    for i, community in enumerate(communities):
        members = sorted(community, key=str)
        r = max(SPACING, len(members) * SPACING / (2 * math.pi))
        cx, cy = centre[i]
        for k, node in enumerate(members):
            angle = 2 * math.pi * k / len(members)
            placed[node] = (round(float(cx) + r * math.cos(angle), 1), round(float(cy) + r * math.sin(angle), 1))
    return placed
