"""The generated page in a real headless Chromium: it draws every node and
edge (read back from vis-network's own data), makes no request, logs no
error, and its search and filters work. Saves a screenshot."""
import os
import shutil
from pathlib import Path

import pytest

from kg.build import build_outputs
from kg.rdf import to_graph
from kg.view import select, to_networkx

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory, request):
    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("page")
    build_outputs([root / "examples"], out)
    return out / "graph.html"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    pw = pytest.importorskip("playwright.sync_api")
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def open_page(browser, page_file):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.kgStable === true", timeout=30000)
    return page, seen


def expected_counts(page_file):
    from kg.export import read_graph
    from kg.rdf import flatten

    g = to_networkx(flatten(read_graph(page_file.with_name("graph.ttl"))))
    sel = select(g, max_nodes=1500)
    return sel.graph.number_of_nodes(), sel.graph.number_of_edges()


def test_page_draws_every_node_and_edge_offline(browser, page_file):
    page, seen = open_page(browser, page_file)
    nodes = page.evaluate("window.kgNetwork.body.data.nodes.length")
    edges = page.evaluate("window.kgNetwork.body.data.edges.length")
    assert (nodes, edges) == expected_counts(page_file)
    outside = [u for u in seen["requests"] if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert outside == []
    assert seen["errors"] == []
    shot = Path(os.environ.get("KG_SCREENSHOT", str(page_file.with_suffix(".png"))))
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10000
    page.close()


def test_search_and_filters(browser, page_file):
    page, _ = open_page(browser, page_file)
    label = "国家税务总局苏州市吴江区税务局党委"
    page.fill("#kg-search", label)
    page.dispatch_event("#kg-search", "change")
    selected = page.evaluate("window.kgNetwork.getSelectedNodes()")
    assert len(selected) == 1
    assert page.evaluate(f"window.kgData.nodes.get({selected[0]!r}).label") == label
    page.fill("#kg-search", "吴江")  # a part of a name: every node holding it
    page.press("#kg-search", "Enter")
    selected = page.evaluate("window.kgNetwork.getSelectedNodes()")
    names = [page.evaluate(f"(n => [n.label].concat(n.kgAliases || []).join(' '))(window.kgData.nodes.get({n!r}))")
             for n in selected]
    assert len(selected) > 1 and all("吴江" in x for x in names)
    assert "个匹配" in page.text_content("#kg-found")
    alias = page.evaluate("(window.kgData.nodes.get({filter: n => (n.kgAliases || []).length > 0})[0] || {}).kgAliases")
    assert alias, "an example node has another name"
    assert page.evaluate(f"window.kgSearch({alias[0]!r}).length") >= 1
    before = page.evaluate("window.kgNetwork.body.data.nodes.length")
    page.uncheck("input.kg-type[value=Place]")
    after = page.evaluate("window.kgNetwork.body.data.nodes.length")
    places = page.evaluate("window.kgData.nodes.get({filter: n => n.kgType === 'Place'}).length")
    assert after == before - places and places > 0
    edges_before = page.evaluate("window.kgNetwork.body.data.edges.length")
    page.uncheck("input.kg-relation[value=hasBrand]")
    assert page.evaluate("window.kgNetwork.body.data.edges.length") < edges_before
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is False  # opens frozen
    page.click("#kg-freeze")
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is True
    page.click("#kg-freeze")
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is False
    page.close()


def test_first_view_labels_the_central_nodes_legibly(browser, page_file):
    """At the starting zoom the most central nodes' labels are drawn at a readable size."""
    from kg.layout import LEGIBLE

    page, _ = open_page(browser, page_file)
    scale = page.evaluate("window.kgNetwork.getScale()")
    sizes = page.evaluate("window.kgData.nodes.map(n => n.font.size)")
    on_screen = sorted((s * scale for s in sizes), reverse=True)
    assert on_screen[min(LEGIBLE, len(on_screen)) - 1] >= 11, on_screen[:LEGIBLE]  # px, drawn (threshold 8)
    before = page.evaluate("JSON.stringify(window.kgNetwork.getPositions())")
    page.wait_for_timeout(1500)
    assert page.evaluate("JSON.stringify(window.kgNetwork.getPositions())") == before  # nothing drifts
    page.close()


def test_a_large_page_opens_and_settles_in_seconds(browser, tmp_path):
    import random
    import time

    import networkx as nx

    from kg.viz import render_html

    rnd = random.Random(5)
    g = nx.MultiDiGraph()
    for i in range(1500):
        g.add_node(f"n{i}", label=f"某某单位{i}", type=["PartyOrganization", "Brand", "Place"][i % 3])
    for i in range(1, 1500):
        for _ in range(4):
            g.add_edge(f"n{i}", f"n{rnd.randrange(i)}", label="隶属于", relation="subOrganizationOf")
    sel = select(g, max_nodes=1500)
    path = tmp_path / "big.html"
    path.write_text(render_html(sel.graph), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.kgStable === true", timeout=30000)
    assert time.perf_counter() - start < 15  # seconds on a busy 2-core machine; vis-network's own layout took minutes
    page.close()


def test_document_text_never_becomes_markup(browser, tmp_path):
    from kg import process_text

    evil = "某市<img src=x onerror=alert(1)>局党委以“<b>红</b>”党建品牌为引领。"
    out = tmp_path / "evil"
    from kg.export import atomic_writes
    from kg.view import graph_html

    g = to_graph([process_text(evil, path="evil.txt")])
    with atomic_writes(out) as files:
        files["graph.html"] = graph_html(g, title=evil)
    page, seen = open_page(browser, out / "graph.html")
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert seen["errors"] == []
    page.close()


@pytest.fixture(scope="module")
def endpoint_root(page_file):
    import threading

    from kg.serve import load_store, make_server

    server = make_server(load_store(page_file.with_name("graph.trig")), port=0, timeout=10, limit=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_serve_query_page_runs_named_queries_and_flags_a_cut(browser, endpoint_root):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(endpoint_root)
    page.wait_for_function("window.kgReady === true", timeout=10000)
    page.select_option("#named", "brands")
    assert "hasBrand" in page.input_value("#query")
    page.click("#run")
    page.wait_for_function("window.kgRows !== undefined", timeout=10000)
    assert page.evaluate("window.kgRows") == 5  # the server's limit
    assert page.is_visible("#truncated") and "5" in page.text_content("#truncated")
    headers = page.eval_on_selector_all("#result th", "els => els.map(e => e.textContent)")
    assert headers == ["organisation", "brand", "subBrand", "confidence"]
    page.fill("#query", "SELECT ?n WHERE { VALUES ?n { 1 2 } }")
    page.evaluate("window.kgRows = undefined")
    page.click("#run")
    page.wait_for_function("window.kgRows !== undefined", timeout=10000)
    assert page.evaluate("window.kgRows") == 2 and not page.is_visible("#truncated")
    with page.expect_download() as dl:
        page.click("#csv")
    assert Path(dl.value.path()).read_text(encoding="utf-8").split() == ["n", "1", "2"]
    page.fill("#query", "SELECT ?x WHERE { ?x ")
    page.evaluate("window.kgRows = undefined")
    page.click("#run")
    page.wait_for_function("window.kgRows !== undefined", timeout=10000)
    assert page.is_visible("#error") and "bad query" in page.text_content("#error")
    assert all(u.startswith(endpoint_root) for u in seen["requests"]) and not seen["errors"]
    page.close()
