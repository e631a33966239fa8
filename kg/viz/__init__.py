"""``kg viz``: self-contained HTML views of the graph, drawn by vis-network through pyvis.

Each view is one UTF-8 file that works with no network: vis-network's script and style
(from the pyvis package) and the view's own are inlined, the data is JSON in the page, and
a Content-Security-Policy allows no request to leave it. Our template replaces pyvis's,
which links Bootstrap from a CDN.

>>> from kg.viz import write_views               # doctest: +SKIP
>>> views = write_views("out", "out/views")       # corpus, one per document, index.html
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import jinja2
import networkx as nx
import pyvis
from pyvis.edge import Edge
from pyvis.node import Node

from ..analyze import betweenness
from ..api import find_entity
from ..errors import Errors, KGError
from ..lexicon import relation_names
from ._layout import by_community, radial

HERE = Path(__file__).parent
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
#: Above this many nodes, the layout is computed here and physics is off in the browser.
LARGE = 1000

#: Colour, vis-network shape and the legend's symbol of each class.
STYLES = {
    "Organisation": ("#1f77b4", "dot", "●"),
    "Person": ("#d62728", "star", "★"),
    "Resolution": ("#2ca02c", "square", "■"),
    "Project": ("#ff7f0e", "diamond", "◆"),
    "Ward": ("#9467bd", "triangle", "▲"),
    "Event": ("#8c564b", "hexagon", "⬢"),
    "Place": ("#7f7f7f", "triangleDown", "▼"),
}
SIZES = ("degree", "betweenness")
#: Types hidden when a view opens (the legend shows them again): places other than wards
#: are context more than answers.
HIDDEN_TYPES = ("Place",)



@dataclass(frozen=True)
class View:
    name: str  # file name
    title: str
    nodes: int
    edges: int
    kind: str  # corpus, document, entity


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def _script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _json_for_html(value) -> str:
    """JSON that cannot end its <script> element nor open a comment: <, > and & escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _scores(graph: nx.MultiDiGraph, size: str) -> dict[str, float]:
    simple = nx.Graph(graph)
    return betweenness(simple)[0] if size == "betweenness" else dict(simple.degree())


def _style(type_: str) -> tuple[str, str, str]:
    """Colour, shape and legend symbol of a class (grey dots for anything else)."""
    return STYLES.get(type_, ("#999999", "dot", "●"))


@cache
def _page_parts() -> dict:
    """The template and what every page inlines, read once: vis-network's script and
    style, the view's own, and the policy that allows just these two scripts."""
    vis_js = (VIS / "vis-network.min.js").read_text(encoding="utf-8")
    view_js = (HERE / "view.js").read_text(encoding="utf-8")
    csp = ("default-src 'none'; " f"script-src {_script_hash(vis_js)} {_script_hash(view_js)}; "
           "style-src 'unsafe-inline'; img-src data: blob:; font-src 'none'; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    safe = jinja2.utils.markupsafe.Markup
    return {"template": _environment().get_template("template.html"), "csp": csp,
            "vis_css": safe((VIS / "vis-network.css").read_text(encoding="utf-8")),
            "view_css": safe((HERE / "view.css").read_text(encoding="utf-8")),
            "vis_js": safe(vis_js), "view_js": safe(view_js)}


def render(graph: nx.MultiDiGraph, title: str, *, size: str = "degree", subtitle: str = "",
           index: str | None = "index.html", focus: str | None = None) -> str:
    """One self-contained HTML page drawing ``graph`` (as made by ``kg.to_networkx``)."""
    if size not in SIZES:
        raise KGError(Errors.E601.format(size=size, known=", ".join(SIZES)))
    scores = _scores(graph, size)
    # pyvis's node and edge records, made directly: Network.add_node and add_edge look each
    # id up in a list, which makes a view of n nodes cost n² (minutes at 100,000); the
    # graph's ids are unique already
    nodes = []
    for node, attrs in sorted(graph.nodes(data=True)):
        type_ = attrs.get("type", "")
        colour, shape, _ = _style(type_)
        nodes.append(Node(node, shape, label=attrs.get("label", node), color=colour, value=scores.get(node, 0),
                          kg_type=type_, kg_documents=list(attrs.get("documents", []))).options)
    edges = []
    for s, o, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))):
        relation = attrs.get("relation", "")
        role = attrs.get("role", "")
        vi, en = relation_names().get(relation, (relation, relation))
        edges.append(Edge(s, o, directed=True, label=role or vi, kg_relation=relation, kg_role=role,
                          kg_names=f"{vi} · {en}", kg_sources=list(attrs.get("sources", []))).options)
    large = len(nodes) > LARGE
    # laid out here: drawn still when large (the browser need not simulate thousands of
    # nodes); else a start with each community apart, which the physics then settles
    focus_type = graph.nodes[focus].get("type") if focus in graph else None
    hidden = [t for t in HIDDEN_TYPES if t != focus_type]  # never the focus's own type
    position = radial(graph) if large else by_community(graph, shown=_shown(graph, hidden, focus))
    for n in nodes:
        n["x"], n["y"] = position[n["id"]]
    options: dict = {"configure": {"enabled": False}}
    # labels appear as one zooms in: under 5 px on the screen one is not drawn, so a view
    # seen whole names its hubs only
    options["nodes"] = {"scaling": {"min": 10, "max": 44, "label": {"enabled": True, "min": 14, "max": 28,
                                                                    "drawThreshold": 5}},
                        "font": {"size": 12}}
    options["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 9, "align": "middle"},
                        "color": {"color": "#9aa3b2", "highlight": "#1d2330"}, "smooth": not large}
    options["physics"] = {"enabled": bool(nodes) and not large, "solver": "barnesHut",
                          "barnesHut": {"gravitationalConstant": -2500, "centralGravity": 0.8, "springLength": 110,
                                        "avoidOverlap": 0.1},
                          "stabilization": {"enabled": True, "iterations": 150 if large else 400, "updateInterval": 25,
                                            "fit": False}}  # the page fits what it shows (view.js)
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                              "navigationButtons": False, "multiselect": True}
    present: dict[str, int] = {}
    for n in nodes:
        present[n["kg_type"]] = present.get(n["kg_type"], 0) + 1
    order = {t: i for i, t in enumerate(STYLES)}
    types = {t: {"color": _style(t)[0], "symbol": _style(t)[2], "count": c}
             for t, c in sorted(present.items(), key=lambda kv: order.get(kv[0], len(order)))}
    hidden = [t for t in hidden if t in types]
    data = {"nodes": nodes, "edges": edges, "options": options, "types": types, "focus": focus, "hidden": hidden}
    parts = _page_parts()
    return parts["template"].render(
        title=title, subtitle=subtitle, index=index, n_nodes=len(nodes), n_edges=len(edges), csp=parts["csp"],
        vis_css=parts["vis_css"], view_css=parts["view_css"], vis_js=parts["vis_js"], view_js=parts["view_js"],
        data_json=jinja2.utils.markupsafe.Markup(_json_for_html(data)))


def _shown(graph: nx.MultiDiGraph, hidden: list[str], focus: str | None) -> set[str]:
    """The nodes a view opens with (as view.js filters them): not of a hidden type, and
    related to another node that is not, or the focus."""
    def visible(n) -> bool:
        return graph.nodes[n].get("type") not in hidden

    return {n for n in graph if visible(n) and (n == focus or any(
        m != n and visible(m) for m in nx.all_neighbors(graph, n)))}


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader never sees half a file, a failure leaves the old one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def file_name(kind: str, key: str, unique: bool = False) -> str:
    """``kind-key.html`` with the key made safe; ``unique`` adds a hash of the key, for keys
    that would otherwise share a name ("c d" and "c-d")."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-.") or "x"
    if unique:
        safe += "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{kind}-{safe}.html"


def document_view(graph: nx.MultiDiGraph, document: str) -> nx.MultiDiGraph:
    """The entities a document mentions and the relations read from it."""
    view = nx.MultiDiGraph()
    view.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if document in d.get("documents", ()))
    mentioned = set(view)
    for s, o, key, d in graph.edges(keys=True, data=True):
        stated_here = any(src["document"] == document for src in d.get("sources", ()))
        from_reference_data = not d.get("sources") and s in mentioned and o in mentioned
        if stated_here or from_reference_data:
            for end in (s, o):
                if end not in view:
                    view.add_node(end, **graph.nodes[end])
            view.add_edge(s, o, key=key, **d)
    return view


def ego_view(graph: nx.MultiDiGraph, entity: str, hops: int) -> nx.MultiDiGraph:
    """Everything within ``hops`` relations of ``entity``, whatever their direction."""
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), entity, cutoff=hops)
    return graph.subgraph(near).copy()


def write_views(graph: nx.MultiDiGraph, out: Path, *, documents: list[str] | None = None,
                entity: str | None = None, hops: int = 1, size: str = "degree",
                progress: Callable[[str], None] | None = None) -> list[View]:
    """Write the corpus view, a view per document (those named, or all), an ego view when
    ``entity`` is given, and ``index.html`` listing them; returns what was written."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KGError(Errors.E206.format(path=out, reason=err)) from None
    known = sorted({doc for _, d in graph.nodes(data=True) for doc in d.get("documents", ())})
    if documents:
        wanted = []
        for name in documents:
            match = [k for k in known if k == name or Path(k).stem == name]
            if not match:
                raise KGError(Errors.E604.format(name=name, known=", ".join(known) or "none"))
            wanted += match
    else:
        wanted = known
    jobs = [("corpus.html", "The whole corpus", "corpus", graph, "", None)]
    plain = [file_name("doc", doc.removesuffix(".txt")) for doc in wanted]
    for doc, name in zip(wanted, plain):
        if plain.count(name) > 1:
            name = file_name("doc", doc.removesuffix(".txt"), unique=True)
        jobs.append((name, doc, "document", document_view(graph, doc), _about(graph.graph.get("documents", {}).get(doc)),
                     None))
    if entity is not None:
        node = find_entity(graph, entity)
        label = graph.nodes[node].get("label", node)
        jobs.append((file_name("entity", node.rsplit("/", 1)[-1]), label, "entity", ego_view(graph, node, hops),
                     f"within {hops} relation{'s' if hops != 1 else ''} of {label}", node))
    views = []
    for name, title, kind, sub, subtitle, focus in jobs:
        if progress:
            progress(name)
        _write(out / name, render(sub, title, size=size, subtitle=subtitle, focus=focus))
        views.append(View(name, title, sub.number_of_nodes(), sub.number_of_edges(), kind))
    items = timeline(graph)
    _write(out / "timeline.html", _environment().get_template("timeline.html").render(items=items, axis=axis(items)))
    views.append(View("timeline.html", "Timeline of events and posts", len(items), 0, "timeline"))
    _write(out / "index.html", _index(views, _hubs(graph)))
    return views


def _about(source: dict | None) -> str:
    """A document view's subtitle: what its file says of it, when it says anything."""
    said = [" ".join(source[k].split()) for k in ("title", "publisher", "published", "url") if source and source.get(k)]
    return "one document" + (": " + " · ".join(said) if said else "")


def _focus(node: str) -> str:
    return "corpus.html#focus=" + quote(node, safe="")


def timeline(graph: nx.MultiDiGraph) -> list[dict]:
    """The dated events and posts of ``graph``, oldest first: each a date, a kind and the
    parts of its line (texts, those of entities with a link to their neighbourhood)."""
    items = []
    for node, d in graph.nodes(data=True):
        if d.get("date"):
            items.append({"date": d["date"], "kind": "event", "sort": d.get("label", node),
                          "parts": [{"text": d.get("label", node), "href": _focus(node)}]})
    for person, org, d in graph.edges(data=True):
        for date in d.get("dates", ()):
            label = graph.nodes[person].get("label", person)
            items.append({"date": date, "kind": "post", "sort": label, "parts": [
                {"text": label, "href": _focus(person)}, {"text": f" — {d.get('role') or 'thành viên'}, ", "href": None},
                {"text": graph.nodes[org].get("label", org), "href": _focus(org)}]})
    return sorted(items, key=lambda i: (i["date"], i["kind"], i["sort"]))


def _year(date: str) -> float:
    """``2021``, ``2021-10`` or ``2021-10-09`` as a year with its fraction."""
    parts = [int(p) for p in date.split("-")[:3]]
    month, day = (parts[1:] + [1, 1])[:2] if len(parts) > 1 else (7, 1)  # a bare year: its middle
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


#: The drawn axis of the timeline: its width and the height of one mark, in SVG units.
AXIS_WIDTH, MARK = 1000, 11


def axis(items: list[dict]) -> dict:
    """The timeline drawn: a tick per year (fewer when the years are many) and a mark per
    item at its date (events and posts in their colours, marks of one date stacked), each
    mark linking to the item's row (``row-N``) and titled with its date and line."""
    colours = {"event": _style("Event")[0], "post": _style("Person")[0]}
    if not items:
        return {"width": AXIS_WIDTH, "height": 0, "ticks": [], "marks": [], "colours": colours}
    years = [_year(i["date"]) for i in items]
    first, last = math.floor(min(years)), math.floor(max(years)) + 1
    margin = 30

    def x(year: float) -> float:
        return round(margin + (year - first) / (last - first) * (AXIS_WIDTH - 2 * margin), 1)

    every = max(1, math.ceil((last - first) / 20))
    ticks = [{"x": x(y), "year": y} for y in range(first, last + 1) if (y - first) % every == 0]
    stacked: dict[float, int] = {}
    marks = []
    for n, (item, year) in enumerate(zip(items, years)):
        at = x(year)
        level = stacked[at] = stacked.get(at, -1) + 1
        text = "".join(p["text"] for p in item["parts"])
        marks.append({"x": at, "y": -MARK * (level + 1), "row": f"row-{n}", "kind": item["kind"],
                      "colour": colours[item["kind"]],
                      "title": f"{item['date']} · {text}"})
    height = MARK * (max(stacked.values()) + 2)
    return {"width": AXIS_WIDTH, "height": height, "ticks": ticks, "marks": marks, "colours": colours}


#: How many of the busiest entities the index links, each to its neighbourhood.
HUBS = 12


def _hubs(graph: nx.MultiDiGraph) -> list[dict]:
    """The entities with the most relations, busiest first, for the index."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))[:HUBS]
    return [{"id": n, "label": graph.nodes[n].get("label", n), "type": graph.nodes[n].get("type", ""),
             "degree": graph.degree(n), "href": _focus(n)} for n in ranked
            if graph.degree(n)]


def _index(views: list[View], hubs: list[dict] = ()) -> str:
    return _environment().get_template("index.html").render(views=views, styles=STYLES, hubs=hubs)
