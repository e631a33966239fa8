"""kg viz and kg analyze without a browser: what the pages hold, the views' subgraphs,
entity lookup, analytics on small graphs whose answers are known, GraphML/GEXF read back."""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import math
import os
import re
from html import unescape

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

import kg

from conftest import ROOT
from kg.analyze import analyze, shortest_path, write_graph
from kg.cli import main
from kg.errors import KGError
from kg.api import find_entity
from kg.viz import LARGE, document_view, ego_view, render, write_views
from kg.viz._layout import SPACING, radial

HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script><!--'


def graph_of(edges, types=None, labels=None):
    g = nx.MultiDiGraph()
    for s, o, rel in edges:
        for n in (s, o):
            g.add_node(n, label=(labels or {}).get(n, n), type=(types or {}).get(n, "Organisation"), documents=["a.txt"])
        g.add_edge(s, o, key=rel, relation=rel, sources=[{"document": "a.txt", "sentence": f"{s} {rel} {o}."}])
    return g


def csp_of(html: str) -> str:
    return unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def corpus_graph(corpus_build):
    return kg.to_networkx(kg.open(corpus_build[0]))


# -- pages ----------------------------------------------------------------------------


def test_a_view_loads_nothing_from_the_network(corpus_graph):
    html = render(corpus_graph, "Toàn bộ")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", html)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert '<meta charset="utf-8">' in html
    assert "default-src 'none'" in csp_of(html) and "connect-src 'none'" in csp_of(html)


def test_the_policy_allows_exactly_the_inline_scripts_of_the_page(corpus_graph):
    html = render(corpus_graph, "x")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    allowed = set(re.search(r"script-src ([^;]+);", csp_of(html)).group(1).split())
    assert len(scripts) == 2 and hashes == allowed


def test_text_from_documents_cannot_break_out_of_the_page():
    g = graph_of([("a", "b", "about")], labels={"a": HOSTILE, "b": "Phường Đông Kinh"})
    html = render(g, HOSTILE)
    assert "<img src=x" not in html and "window.__pwned=2</script>" not in html
    assert "&lt;img src=x" in html  # the title, escaped
    data = page_data(html)
    assert {n["label"] for n in data["nodes"]} == {HOSTILE, "Phường Đông Kinh"}  # and the data intact


def test_nodes_carry_type_documents_and_edges_their_sources(corpus_graph):
    data = page_data(render(corpus_graph, "x"))
    assert len(data["nodes"]) == corpus_graph.number_of_nodes()
    assert len(data["edges"]) == corpus_graph.number_of_edges()
    assert all(n["kg_type"] and isinstance(n["kg_documents"], list) for n in data["nodes"])
    posts = [e for e in data["edges"] if e["kg_relation"] == "holdsPost"]
    assert posts and all(e["label"] == e["kg_role"] != "" for e in posts)  # posts show the title
    assert any(e["kg_sources"] and e["kg_sources"][0]["sentence"] for e in data["edges"])
    assert set(data["types"]) <= {"Organisation", "Person", "Resolution", "Project", "Ward", "Event", "Place"}
    assert sum(t["count"] for t in data["types"].values()) == len(data["nodes"])


def test_node_size_follows_degree_or_betweenness():
    g = graph_of([("hub", "a", "about"), ("hub", "b", "about"), ("hub", "c", "about"), ("c", "d", "about")])
    by_degree = {n["id"]: n["value"] for n in page_data(render(g, "x"))["nodes"]}
    assert by_degree["hub"] == 3 and by_degree["a"] == 1
    by_betweenness = {n["id"]: n["value"] for n in page_data(render(g, "x", size="betweenness"))["nodes"]}
    assert max(by_betweenness, key=by_betweenness.get) == "hub" and by_betweenness["a"] == 0
    with pytest.raises(KGError, match="E601"):
        render(g, "x", size="pagerank")


def test_large_graphs_are_laid_out_before_the_browser_sees_them():
    star = graph_of([("centre", f"n{i}", "about") for i in range(LARGE + 200)])
    data = page_data(render(star, "x"))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])
    small = page_data(render(graph_of([("a", "b", "about")]), "x"))
    assert small["options"]["physics"]["enabled"] is True  # a start the physics settles


def test_communities_start_apart():
    """Two dense groups joined by one edge start with each group around a place of its own."""
    from kg.viz._layout import by_community

    g = nx.Graph()
    g.add_edges_from((f"a{i}", f"a{j}") for i in range(8) for j in range(i))
    g.add_edges_from((f"b{i}", f"b{j}") for i in range(8) for j in range(i))
    g.add_edge("a0", "b0")
    pos = by_community(g)
    assert set(pos) == set(g) and pos == by_community(g)  # deterministic

    def centre(group):
        xs = [pos[f"{group}{i}"] for i in range(8)]
        return sum(x for x, _ in xs) / 8, sum(y for _, y in xs) / 8

    (ax, ay), (bx, by) = centre("a"), centre("b")
    apart = math.dist((ax, ay), (bx, by))
    spread = max(math.dist(pos[f"a{i}"], (ax, ay)) for i in range(8))
    assert apart > 2 * spread


def test_what_a_view_hides_does_not_push_apart_what_it_shows():
    """The nodes a view opens with start where they would without the hidden ones (places,
    nodes with no relation); the hidden ones start beside them, to the right."""
    from kg.viz import _shown
    from kg.viz._layout import by_community

    g = nx.MultiDiGraph()
    g.add_edges_from((f"a{i}", f"a{i + 1}") for i in range(6))
    g.add_edges_from(("b0", f"b{i}") for i in range(1, 5))
    nx.set_node_attributes(g, "Organisation", "type")
    bare = by_community(g)
    g.add_nodes_from((f"alone{i}" for i in range(40)), type="Organisation")
    g.add_node("place", type="Place")
    g.add_edge("a0", "place")
    shown = _shown(g, ["Place"], None)
    assert shown == {f"a{i}" for i in range(7)} | {f"b{i}" for i in range(5)}
    pos = by_community(g, shown=shown)
    assert {n: pos[n] for n in shown} == bare and set(pos) == set(g)
    assert min(pos[n][0] for n in set(g) - shown) > max(pos[n][0] for n in shown)


def test_the_radial_layout_places_every_node_apart():
    g = nx.barabasi_albert_graph(3000, 1, seed=3)
    g.add_nodes_from(range(3000, 3050))  # isolated nodes too
    pos = radial(g)
    assert set(pos) == set(g)
    points = sorted(pos.values())
    assert len(set(points)) == len(points)
    star = radial(nx.star_graph(2000))  # node 0 is the centre, 1..2000 one ring around it
    cx, cy = star[0]
    by_angle = sorted(star[n] for n in range(1, 2001))
    by_angle.sort(key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
    gaps = [math.dist(a, b) for a, b in zip(by_angle, by_angle[1:])]
    assert min(gaps) >= SPACING * 0.99  # neighbours on the ring do not overlap


# -- views ----------------------------------------------------------------------------


def test_a_document_view_holds_what_that_document_says(corpus_graph):
    doc = sorted({d for _, ds in corpus_graph.nodes(data="documents") for d in ds})[0]
    view = document_view(corpus_graph, doc)
    assert view.number_of_nodes() > 0
    for s, o, d in view.edges(data=True):
        assert not d["sources"] or any(src["document"] == doc for src in d["sources"])
    stated = [n for n, ds in view.nodes(data="documents") if doc in ds]
    assert len(stated) >= view.number_of_nodes() - 2 * view.number_of_edges()


def test_an_ego_view_reaches_exactly_n_hops():
    g = graph_of([("a", "b", "about"), ("c", "b", "about"), ("c", "d", "about"), ("d", "e", "about")])
    assert set(ego_view(g, "b", 1)) == {"a", "b", "c"}
    assert set(ego_view(g, "b", 2)) == {"a", "b", "c", "d"}


def test_entities_are_found_by_iri_end_of_iri_or_name():
    g = graph_of([("https://x.org/id/organisation/ubnd-a", "https://x.org/id/ward/1", "locatedIn")],
                 labels={"https://x.org/id/organisation/ubnd-a": "Ủy ban nhân dân phường A",
                         "https://x.org/id/ward/1": "Phường A"})
    assert find_entity(g, "https://x.org/id/ward/1") == "https://x.org/id/ward/1"
    assert find_entity(g, "organisation/ubnd-a") == "https://x.org/id/organisation/ubnd-a"
    assert find_entity(g, "ủy ban nhân dân phường a") == "https://x.org/id/organisation/ubnd-a"
    with pytest.raises(KGError, match=r"E602.*Phường A"):
        find_entity(g, "Phường B")
    g.add_node("https://x.org/id/place/a", label="Phường A", type="Place", documents=[])
    with pytest.raises(KGError, match="E603"):
        find_entity(g, "Phường A")


def test_write_views_writes_an_index_of_every_view_with_counts(corpus_graph, tmp_path):
    organisation = next(n for n, t in corpus_graph.nodes(data="type") if t == "Organisation")
    views = write_views(corpus_graph, tmp_path, entity=organisation, hops=2)
    kinds = [v.kind for v in views]
    assert kinds.count("corpus") == 1 and kinds.count("entity") == 1 and kinds.count("document") == 5
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert kinds.count("timeline") == 1
    for v in views:
        assert (tmp_path / v.name).is_file()
        assert f'href="{v.name}"' in index
        counts = (rf'<td class="n" colspan="2">{v.nodes} dated</td>' if v.kind == "timeline"
                  else rf'<td class="n">{v.nodes}</td><td class="n">{v.edges}</td>')
        assert re.search(rf'href="{re.escape(v.name)}".*?{counts}', index)
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(KGError, match="E604"):
        write_views(corpus_graph, tmp_path, documents=["no-such-document"])


def test_kg_viz_command(corpus_build, tmp_path):
    out = tmp_path / "views"
    res = CliRunner().invoke(main, ["viz", "--build", str(corpus_build[0]), "-o", str(out), "--type", "Organisation",
                                    "--type", "person"])
    assert res.exit_code == 0, res.output
    data = page_data((out / "corpus.html").read_text(encoding="utf-8"))
    assert {n["kg_type"] for n in data["nodes"]} <= {"Organisation", "Person"}
    assert len(res.stdout.strip().splitlines()) == 7  # corpus + 5 documents + the timeline
    res = CliRunner().invoke(main, ["viz", "--build", str(corpus_build[0]), "-o", str(out), "--entity", "Nobody at all"])
    assert res.exit_code == 2 and "E602" in res.output


# -- analytics ------------------------------------------------------------------------


def two_cliques():
    edges = [(a, b, "about") for i, a in enumerate("abcd") for b in "abcd"[i + 1:]]
    edges += [(a, b, "about") for i, a in enumerate("pqrs") for b in "pqrs"[i + 1:]]
    edges += [("d", "bridge", "about"), ("bridge", "p", "about")]
    return graph_of(edges)


def test_analysis_of_a_graph_whose_answers_are_known():
    result = analyze(two_cliques(), top=3)
    assert result["betweenness"][0]["iri"] == "bridge"
    assert {e["iri"] for e in result["degree"][:2]} == {"d", "p"}
    assert result["community_count"] == 2 or result["community_count"] == 3
    assert result["components"] == {"count": 1, "largest": 9, "sizes": [9]}
    assert result["modularity"] > 0.3


def test_organisations_are_ranked_by_posts_and_issued_documents():
    g = graph_of([("p1", "org", "holdsPost"), ("p2", "org", "holdsPost"), ("r1", "org", "issuedBy"),
                  ("r2", "other", "issuedBy")],
                 types={"p1": "Person", "p2": "Person", "r1": "Resolution", "r2": "Resolution"})
    orgs = analyze(g)["organisations"]
    assert [(o["iri"], o["posts"], o["resolutions"]) for o in orgs] == [("org", 2, 1), ("other", 0, 1)]


def test_the_shortest_path_follows_relations_either_way():
    steps = shortest_path(two_cliques(), "a", "s")
    assert [s["from"] for s in steps][0] == "a" and steps[-1]["to"] == "s"
    assert "bridge" in {s["to"] for s in steps}
    g = graph_of([("a", "b", "about"), ("c", "d", "about")])
    with pytest.raises(KGError, match="E605"):
        shortest_path(g, "a", "d")


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(corpus_graph, tmp_path, fmt, reader):
    path = tmp_path / f"g.{fmt}"
    write_graph(corpus_graph, path, fmt)
    back = reader(path)
    assert back.number_of_nodes() == corpus_graph.number_of_nodes()
    node = next(iter(corpus_graph))
    assert back.nodes[node]["label"] == corpus_graph.nodes[node]["label"]


def test_kg_analyze_command(corpus_build, tmp_path):
    build = str(corpus_build[0])
    res = CliRunner().invoke(main, ["analyze", "--build", build, "--format", "json", "--gexf", str(tmp_path / "g.gexf")])
    assert res.exit_code == 0, res.output
    result = json.loads(res.stdout)
    assert result["nodes"] > 100 and result["degree"] and result["organisations"]
    assert (tmp_path / "g.gexf").is_file()
    res = CliRunner().invoke(main, ["analyze", "--build", build, "--format", "csv", "--top", "3"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["section"] for r in rows} >= {"degree", "betweenness", "organisations"}
    organisation, second = [e["label"] for e in result["organisations"][:2]]
    res = CliRunner().invoke(main, ["analyze", "--build", build, "--format", "json", "--path", organisation, second])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["path"]
    res = CliRunner().invoke(main, ["analyze", "--build", build, "--path", "Nobody at all", organisation])
    assert res.exit_code == 2 and "E602" in res.output


def test_documents_whose_names_would_clash_get_views_of_their_own(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Organisation", documents=["c d.txt"])
    g.add_node("b", label="B", type="Organisation", documents=["c-d.txt"])
    views = write_views(g, tmp_path)
    names = [v.name for v in views if v.kind == "document"]
    assert len(set(names)) == 2 and all((tmp_path / n).is_file() for n in names)


def test_a_document_view_does_not_depend_on_the_order_of_nodes():
    def build(order):
        g = nx.MultiDiGraph()
        for n in order:
            g.add_node(n, label=n, type="Organisation", documents=["a.txt"])
        g.add_edge("x", "y", key="ref", relation="locatedIn", sources=[])
        g.add_edge("z", "y", key="st", relation="about", sources=[{"document": "a.txt", "sentence": "z y."}])
        return sorted(document_view(g, "a.txt").edges(keys=True))

    assert build("xyz") == build("zxy") == build("yzx") == [("x", "y", "ref"), ("z", "y", "st")]


def test_analysis_takes_nodes_and_edges_without_attributes():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Organisation")
    g.add_node("b")
    g.add_edge("a", "b")
    result = analyze(g)
    assert {e["label"] for e in result["degree"]} == {"A", "b"}
    assert shortest_path(g, "a", "b")[0]["to"] == "b"


def test_the_relation_names_of_kgs_properties_are_the_ontologys_labels():
    from kg.rdf.vocab import EDGE_PROPERTIES
    from kg.lexicon import relation_names

    onto = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    for relation, prop in EDGE_PROPERTIES.items():
        labels = {(l.language, str(l)) for l in onto.objects(rdflib.URIRef(str(prop)), rdflib.RDFS.label)}
        if labels:  # kg's own properties (org:subOrganizationOf is ORG's)
            vi, en = relation_names()[relation]
            assert ("vi", vi) in labels and ("en", en) in labels, relation


def test_the_timeline_lists_every_dated_event_and_post_oldest_first(corpus_build, tmp_path):
    from kg.viz import timeline

    out, _ = corpus_build
    ds = kg.open(out)
    graph = kg.to_networkx(ds)
    items = timeline(graph)
    events = {str(r[0]) for r in ds.query("SELECT DISTINCT ?e WHERE { ?e a kg:Event ; kg:startDate ?d }")}
    posts = {(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in ds.query(
        "SELECT DISTINCT ?p ?o ?role ?d WHERE { ?m org:member ?p ; org:organization ?o ; org:role/skos:prefLabel ?role ; "
        "org:memberDuring/time:inside/(time:inXSDDate|time:inXSDgYearMonth) ?d . FILTER(lang(?role) = 'vi') }")}
    assert events and posts
    assert sum(i["kind"] == "event" for i in items) == len(events)
    assert sum(i["kind"] == "post" for i in items) == len(posts)
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    from kg.viz import write_views

    written = {v.name for v in write_views(graph, tmp_path / "views")}
    page = (tmp_path / "views" / "timeline.html").read_text(encoding="utf-8")
    assert "timeline.html" in written and page.count('<td class="date">') == len(items)
    assert "timeline.html" in (tmp_path / "views" / "index.html").read_text(encoding="utf-8")


def test_the_timeline_axis_places_each_item_at_its_date():
    """One mark per item, left to right in date order, marks of one date stacked; a tick per
    year from the first to the year after the last; each mark names its row."""
    from kg.viz import axis

    items = [{"date": d, "kind": k, "parts": [{"text": t, "href": None}]} for d, k, t in [
        ("2011-09-30", "event", "a"), ("2017-11-15", "post", "b"), ("2017-11-15", "event", "c"), ("2025", "post", "d")]]
    drawn = axis(items)
    marks = drawn["marks"]
    assert [m["row"] for m in marks] == ["row-0", "row-1", "row-2", "row-3"]
    assert marks[0]["x"] < marks[1]["x"] == marks[2]["x"] < marks[3]["x"]
    assert marks[1]["y"] != marks[2]["y"]  # stacked, not drawn over each other
    assert [t["year"] for t in drawn["ticks"]] == list(range(2011, 2027))
    assert all(drawn["ticks"][0]["x"] <= m["x"] <= drawn["ticks"][-1]["x"] for m in marks)
    assert marks[3]["title"] == "2025 · d" and marks[0]["colour"] != marks[1]["colour"]
    assert axis([])["marks"] == []


def test_the_start_layout_is_the_same_in_every_process():
    """Louvain follows the order it meets the nodes in: the layout must not follow the
    order of a set, which changes with the process's hash seed."""
    import subprocess
    import sys

    script = ("import networkx as nx, json; from kg.viz._layout import by_community\n"
              "g = nx.Graph(); g.add_edges_from((f'a{i}', f'a{i + 1}') for i in range(9))\n"
              "g.add_edges_from(('b0', f'b{i}') for i in range(1, 6)); g.add_edge('a0', 'p')\n"
              "print(json.dumps(by_community(g, shown=set(g) - {'p'}), sort_keys=True))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(outputs) == 1
