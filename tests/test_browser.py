"""The views of kg viz in a real headless Chromium (Debian's chromium and chromium-driver,
driven by selenium), opened from disk with background networking off: each loads with no
console error and no request leaving the machine, holds the expected nodes and edges,
shows hostile text as text, and renders (a screenshot, saved and checked for ink).

Screenshots go to $KG_TEST_ARTIFACTS (default: the test's temporary directory).
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pytest

import kg
from kg.viz import render, write_views

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
#: Requests with these schemes never leave the machine.
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome", "chrome-extension", "chrome-untrusted", "devtools"}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium and chromium-driver are missing; .ci/run installs them")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory):
    path = Path(os.environ.get("KG_TEST_ARTIFACTS") or tmp_path_factory.mktemp("screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def views(corpus_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    graph = kg.to_networkx(kg.open(corpus_build[0]))
    organisation = max((n for n, t in graph.nodes(data="type") if t == "Organisation"), key=graph.degree)
    return out, {v.name: v for v in write_views(graph, out, entity=organisation, hops=2)}


def open_page(driver, path: Path, wait: float = 90.0) -> dict:
    """Load a page from disk; wait for its layout; return what the browser saw."""
    driver.get_log("browser")
    driver.get_log("performance")  # drain what earlier pages left
    driver.get(path.as_uri())
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if driver.execute_script("return !!(window.kgView && window.kgView.stabilized) || !window.vis"):
            break
        time.sleep(0.2)
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return {"console": driver.get_log("browser"), "requests": requests}


def assert_clean(seen: dict) -> None:
    problems = [e for e in seen["console"] if e["level"] in ("SEVERE", "WARNING")]
    assert not problems, problems
    leaving = [u for u in seen["requests"] if urlsplit(u).scheme not in LOCAL_SCHEMES]
    assert not leaving, leaving


def screenshot(driver, artefacts: Path, name: str) -> Path:
    from PIL import Image

    path = artefacts / f"{name}.png"
    driver.save_screenshot(str(path))
    graph_box = driver.find_element("id", "graph").rect
    with Image.open(path) as image:
        area = image.convert("RGB").crop((int(graph_box["x"]), int(graph_box["y"]),
                                          int(graph_box["x"] + graph_box["width"]),
                                          int(min(graph_box["y"] + graph_box["height"], image.height))))
        inked = sum(1 for pixel in area.getdata() if sum(pixel) < 690)  # anything but near-white
    assert inked > 500, f"{path}: the graph area is blank"
    return path


def hover(driver, node: str) -> None:
    """Move the real mouse over a node, as a user would, and wait for its tooltip."""
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = driver.execute_script(
        "const p = kgView.network.canvasToDOM(kgView.network.getPosition(arguments[0]));"
        "const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y];", node)
    ActionChains(driver).move_by_offset(0, 0).perform()
    body = driver.find_element("tag name", "body")
    origin = body.rect
    ActionChains(driver).move_to_element_with_offset(body, int(x - origin["width"] / 2),
                                                     int(y - origin["height"] / 2)).perform()
    time.sleep(0.6)  # the view's tooltip delay is 150 ms


def test_every_view_renders_offline_with_its_nodes_and_edges(browser, views, artefacts):
    out, written = views
    for name, view in written.items():
        if view.kind == "timeline":  # a page of text, no graph
            continue
        seen = open_page(browser, out / name)
        assert_clean(seen)
        state = browser.execute_script("return [kgView.stabilized, kgView.nodes.length, kgView.edges.length]")
        assert state == [True, view.nodes, view.edges], name
        screenshot(browser, artefacts, Path(name).stem)


def test_the_index_lists_the_views_and_loads_cleanly(browser, views):
    out, written = views
    seen = open_page(browser, out / "index.html")
    assert_clean(seen)
    links = browser.execute_script("return [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert {link for link in links if "#" not in link} == set(written)
    hubs = [link for link in links if "#" in link]  # the busiest entities' neighbourhoods
    assert hubs and all(link.startswith("corpus.html#focus=") for link in hubs)


def test_the_timeline_loads_cleanly_and_links_to_neighbourhoods(browser, views):
    out, written = views
    seen = open_page(browser, out / "timeline.html")
    assert_clean(seen)
    rows = browser.find_elements("css selector", "tbody tr")
    assert len(rows) == written["timeline.html"].nodes > 0
    links = browser.execute_script("return [...document.querySelectorAll('tbody a')].map(a => a.getAttribute('href'))")
    assert links and all(link.startswith("corpus.html#focus=") for link in links)
    marks = browser.find_elements("css selector", "svg.axis a.mark")
    assert len(marks) == len(rows)  # the axis draws every row, and a mark opens its row
    marks[-1].click()
    assert browser.execute_script("return location.hash") == "#row-%d" % (len(rows) - 1)
    assert browser.execute_script("return document.querySelector('tr:target') !== null")


def test_search_and_the_type_filter_work(browser, views):
    out, _ = views
    open_page(browser, out / "corpus.html")
    box = browser.find_element("id", "search-input")
    box.send_keys("lang son")  # no accents: finds "Lạng Sơn"
    browser.find_element("css selector", "#search button").click()
    found = browser.execute_script("return kgView.network.getSelectedNodes().length")
    assert found > 0
    assert browser.find_element("id", "search-result").text == f"{found} found"
    before = browser.execute_script("return kgView.network.body.data.nodes.length")
    projects = browser.execute_script(
        "return kgView.network.body.data.nodes.get({filter: n => n.kg_type === 'Project'}).length")
    browser.find_element("css selector", "#legend input[data-type='Project']").click()
    after = browser.execute_script("return kgView.network.body.data.nodes.length")
    visible = browser.execute_script(
        "return kgView.network.body.data.nodes.get({filter: n => n.kg_type === 'Project'}).length")
    assert projects > 0 and visible == 0 and after <= before - projects  # and those related only to them


def test_places_and_nodes_without_relations_wait_behind_the_legend(browser, views):
    """The corpus view opens on the entities that answer questions: places other than
    wards, and nodes with no relation to a node shown, are hidden until the legend shows
    them; relations are named in Vietnamese and English."""
    out, _ = views
    open_page(browser, out / "corpus.html")
    shown = "return kgView.network.body.data.nodes.get().map(n => n.id)"
    ids = set(browser.execute_script(shown))
    nodes = {n["id"]: n for n in browser.execute_script(
        "return kgView.nodes.get().map(n => ({id: n.id, kg_type: n.kg_type}))")}
    ends = browser.execute_script("return kgView.edges.get().map(e => [e.from, e.to])")
    assert not any(nodes[i]["kg_type"] == "Place" for i in ids)
    for i in ids:  # each node shown has a relation to another node shown
        assert any((a == i and b in ids and b != i) or (b == i and a in ids and a != i) for a, b in ends), i
    places = [i for i, n in nodes.items() if n["kg_type"] == "Place"]
    place_box = browser.find_element("css selector", "#legend input[data-type='Place']")
    assert places and not place_box.is_selected()
    place_box.click()
    assert set(places) & set(browser.execute_script(shown))
    browser.find_element("id", "show-isolated").click()
    assert set(browser.execute_script(shown)) == set(nodes)  # everything, once both are shown
    names = browser.execute_script("return kgView.edges.get().map(e => e.kg_names)")
    assert "cơ quan ban hành · issued by" in names


def test_the_corpus_view_names_its_busiest_entities_without_zooming(browser, views, artefacts):
    """Seen whole, as it opens, the corpus view holds every node it shows inside the window
    and draws every name, those of its five busiest entities at a size one reads (8 px or
    more on the screen), the others over vis-network's threshold for drawing a label (5 px)."""
    out, _ = views
    open_page(browser, out / "corpus.html")
    scale, deadline = None, time.monotonic() + 30
    while time.monotonic() < deadline:  # the view fits itself once more when the physics stops
        time.sleep(0.5)
        now = browser.execute_script("return kgView.network.getScale()")
        if now == scale:
            break
        scale = now
    shown = browser.execute_script("""
        const net = kgView.network, box = document.getElementById('graph').getBoundingClientRect();
        return net.body.data.nodes.get().map(n => {
          const body = net.body.nodes[n.id], at = net.canvasToDOM(net.getPosition(n.id));
          return {id: n.id, value: body.options.value, px: body.labelModule.fontOptions.size * net.getScale(),
                  inside: at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height};
        });""")
    assert len(shown) > 20 and all(n["inside"] for n in shown), [n["id"] for n in shown if not n["inside"]]
    busiest = sorted(shown, key=lambda n: -n["value"])
    assert all(n["px"] >= 8 for n in busiest[:5]), [(n["id"], round(n["px"], 1)) for n in busiest[:5]]
    assert all(n["px"] >= 5 for n in busiest), [(n["id"], round(n["px"], 1)) for n in busiest if n["px"] < 5]
    screenshot(browser, artefacts, "corpus-as-it-opens")


def test_the_index_opens_a_busy_entitys_neighbourhood_in_one_click(browser, views):
    from selenium.webdriver.common.keys import Keys

    out, _ = views
    open_page(browser, out / "index.html")
    link = browser.find_element("css selector", "a[href^='corpus.html#focus=']")
    link.click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not browser.execute_script(
            "return !!(window.kgView && kgView.stabilized && kgView.network.getSelectedNodes().length)"):
        time.sleep(0.2)
    hub = browser.execute_script("return kgView.network.getSelectedNodes()[0]")
    shown = set(browser.execute_script("return kgView.network.body.data.nodes.get().map(n => n.id)"))
    ends = browser.execute_script("return kgView.edges.get().map(e => [e.from, e.to])")
    around = {b for a, b in ends if a == hub} | {a for a, b in ends if b == hub} | {hub}
    assert shown == around and len(shown) > 1
    assert "around" in browser.find_element("id", "status").text
    browser.find_element("tag name", "body").send_keys(Keys.ESCAPE)
    assert browser.execute_script("return kgView.network.body.data.nodes.length") > len(shown)


def test_hostile_text_is_shown_as_text_and_runs_nothing(browser, tmp_path, artefacts):
    g = nx.MultiDiGraph()
    g.add_node("urn:x:a", label=HOSTILE, type="Organisation", documents=[HOSTILE])
    g.add_node("urn:x:b", label="Phường Đông Kinh", type="Ward", documents=["a.txt"])
    g.add_edge("urn:x:a", "urn:x:b", key="locatedIn", relation="locatedIn",
               sources=[{"document": "a.txt", "sentence": HOSTILE}])
    page = tmp_path / "hostile.html"
    page.write_text(render(g, HOSTILE), encoding="utf-8")
    seen = open_page(browser, page)
    assert_clean(seen)
    assert browser.execute_script("return window.__pwned") is None
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.find_element("tag name", "h1").text == HOSTILE
    tip = browser.execute_script("return kgView.nodes.get('urn:x:a').title.textContent")
    assert HOSTILE in tip
    edge_tip = browser.execute_script("return kgView.edges.get()[0].title.textContent")
    assert HOSTILE in edge_tip
    hover(browser, "urn:x:a")  # the tooltip a user sees
    shown = browser.execute_script("const t = document.querySelector('div.vis-tooltip');"
                                   "return t && t.style.visibility !== 'hidden' ? t.textContent : null")
    assert shown is not None and HOSTILE in shown and "mentioned in" in shown
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    screenshot(browser, artefacts, "hostile")


def test_a_view_of_10000_nodes_opens(browser, tmp_path, artefacts):
    base = nx.barabasi_albert_graph(10_000, 1, seed=1)
    types = ["Organisation", "Person", "Resolution", "Project", "Ward", "Event"]
    g = nx.MultiDiGraph()
    for i in base:
        g.add_node(f"urn:x:{i}", label=f"Đơn vị số {i}", type=types[i % 6], documents=["a.txt"])
    for u, v in base.edges():
        g.add_edge(f"urn:x:{u}", f"urn:x:{v}", key="about", relation="about", sources=[])
    page = tmp_path / "large.html"
    page.write_text(render(g, "10,000 nodes"), encoding="utf-8")
    seen = open_page(browser, page, wait=120)
    assert_clean(seen)
    state = browser.execute_script("return [kgView.stabilized, kgView.nodes.length, kgView.edges.length]")
    assert state == [True, 10_000, 9_999]
    screenshot(browser, artefacts, "large")


def test_the_query_page_of_kg_serve_runs_canned_queries_offline(browser, corpus_build, artefacts):
    from selenium.webdriver.common.keys import Keys

    from kg.server import Server

    with Server(corpus_build[0], port=0) as server:
        browser.get_log("browser")
        browser.get_log("performance")
        browser.get(server.url)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not browser.find_elements("css selector", "#canned button"):
            time.sleep(0.1)
        buttons = {b.text: b for b in browser.find_elements("css selector", "#canned button")}
        assert {"posts", "issued-by", "co-mentions"} <= set(buttons)
        buttons["issued-by"].click()  # a query with a parameter: the form asks for it
        browser.find_element("css selector", "#params button[type=submit]").click()
        while time.monotonic() < deadline and "rows" not in browser.find_element("id", "status").text:
            time.sleep(0.1)
        status = browser.find_element("id", "status").text
        rows = browser.find_elements("css selector", "#results tbody tr")
        assert rows and status.startswith(f"{len(rows)} row")
        assert "Nghị quyết" in browser.find_element("id", "results").text
        editor = browser.find_element("id", "query")  # a query of one's own, with Ctrl+Enter
        editor.clear()
        editor.send_keys("SELECT ?e WHERE { ?e a <https://w3id.org/vn-gov-kg/ontology#Organisation> } LIMIT 3")
        editor.send_keys(Keys.CONTROL, Keys.ENTER)
        while time.monotonic() < deadline and browser.find_element("id", "status").text != "3 rows" and \
                not browser.find_element("id", "status").text.startswith("3 rows"):
            time.sleep(0.1)
        links = browser.find_elements("css selector", "#results td a")
        assert len(links) == 3 and all(a.get_attribute("href").startswith(server.url + "id/") for a in links)
        def offered():
            return {b.get_attribute("data-format") for b in browser.find_elements("css selector", "button[data-format]")
                    if b.is_displayed()}

        assert offered() == {"json", "csv", "tsv", "xml"}  # a SELECT: result formats only
        editor.clear()
        editor.send_keys("CONSTRUCT { ?e a ?t } WHERE { ?e a ?t } LIMIT 3")
        assert offered() == {"turtle", "ntriples", "jsonld", "rdfxml"}  # a CONSTRUCT: graph formats only
        editor.clear()
        editor.send_keys("SELECT ?e WHERE { ?e a <https://w3id.org/vn-gov-kg/ontology#Organisation> } LIMIT 3")
        links[0].click()  # the entity's Linked Data page
        assert browser.find_element("tag name", "h1").text and "/id/" in browser.current_url
        requests = [json.loads(e["message"])["message"] for e in browser.get_log("performance")]
        urls = [m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"]
        assert urls and all(u.startswith(server.url) or urlsplit(u).scheme in LOCAL_SCHEMES for u in urls), urls
        problems = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
        assert not problems, problems
        browser.save_screenshot(str(artefacts / "query-page.png"))
