"""Tests for kg.viz.render_html."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.viz import render_html

XSS_SCRIPT = "</script><script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def _embedded(html: str, element_id: str):
    """Parse the JSON embedded in <script id=element_id type=application/json>."""
    match = re.search(
        r'<script id="%s" type="application/json">(.*?)</script>' % re.escape(element_id),
        html,
        flags=re.DOTALL,
    )
    assert match, f"no embedded JSON {element_id}"
    return json.loads(match.group(1))


def _sample() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("org:1", label="中共某某县委员会", type="PartyOrganization", title="党组织\n第二行")
    g.add_node("ent:1", label="某某茶业有限公司", type="Enterprise", title="企业")
    g.add_node("brand:1", label="某某红茶", type="Brand", title="品牌")
    g.add_node("m:1", label="1.2亿元", type="Measurement")
    g.add_node("x:1", label="未知东西", type="SomethingNew")
    g.add_edge("ent:1", "brand:1", label="拥有品牌")
    g.add_edge("org:1", "ent:1", label="指导")
    g.add_edge("ent:1", "m:1", label="年产值")
    g.add_edge("x:1", "org:1", label="相关")
    return g


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render_html(_sample(), title="测试图谱")


def test_no_external_resources(sample_html):
    attr_urls = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(https?://[^"'\s>]*)""", sample_html, re.I)
    assert attr_urls == []
    assert "<link" not in sample_html.lower()
    assert "@import" not in sample_html
    assert "@font-face" not in sample_html
    # no <script src=...> at all: every script is inline
    assert not re.search(r"<script[^>]*\bsrc\s*=", sample_html, re.I)
    # vis-network itself is inlined
    assert "vis-network" in sample_html
    assert "@version 9.1.2" in sample_html
    assert "new vis.Network(" in sample_html
    assert '<meta charset="utf-8">' in sample_html


def test_single_heading_with_escaped_title():
    html = render_html(_sample(), title="<b>标题</b>")
    assert html.count("<h1>") == 1
    assert "<h1>&lt;b&gt;标题&lt;/b&gt;</h1>" in html
    assert "<b>标题</b>" not in html
    assert not re.search(r"<h[2-6][\s>]", html)


def test_parallel_edges_both_present():
    g = nx.MultiDiGraph()
    g.add_node("a", label="甲公司", type="Enterprise")
    g.add_node("b", label="乙品牌", type="Brand")
    g.add_edge("a", "b", label="拥有品牌")
    g.add_edge("a", "b", label="授权使用")
    g.add_edge("b", "a", label="属于")
    html = render_html(g)
    edges = _embedded(html, "kg-edges")
    triples = sorted((e["from"], e["to"], e["label"]) for e in edges)
    assert triples == [("a", "b", "拥有品牌"), ("a", "b", "授权使用"), ("b", "a", "属于")]
    assert len({e["id"] for e in edges}) == 3
    # the two same-direction edges are drawn with different curves
    ab = [e for e in edges if e["from"] == "a" and e["to"] == "b"]
    assert ab[0]["smooth"] != ab[1]["smooth"]
    assert all(e["arrows"] == "to" for e in edges)


def test_untrusted_text_is_escaped():
    g = nx.MultiDiGraph()
    g.add_node("n1", label=XSS_SCRIPT, type="Person", title=XSS_IMG + "\n" + XSS_SCRIPT)
    g.add_node("n2", label=XSS_IMG, type=XSS_IMG, title="a & b \u2028 c")
    g.add_edge("n1", "n2", label=XSS_SCRIPT, title=XSS_IMG)
    html = render_html(g, title=XSS_SCRIPT)
    assert XSS_SCRIPT not in html
    assert XSS_IMG not in html
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "\u2028" not in html and "\u2029" not in html
    # the data still round-trips exactly
    nodes = {n["id"]: n for n in _embedded(html, "kg-nodes")}
    assert nodes["n1"]["label"] == XSS_SCRIPT
    assert nodes["n1"]["title"] == XSS_IMG + "\n" + XSS_SCRIPT
    assert nodes["n2"]["label"] == XSS_IMG
    assert nodes["n2"]["title"] == "a & b \u2028 c"
    (edge,) = _embedded(html, "kg-edges")
    assert edge["label"] == XSS_SCRIPT and edge["title"] == XSS_IMG
    # every <script> element is one of ours: the payload opened none
    assert html.lower().count("</script") == 5
    # tooltips are turned into plain-text DOM nodes, not HTML strings
    own_js = html.rsplit("<script>", 1)[1]
    assert "textContent" in own_js and "innerHTML" not in own_js


def test_chinese_labels_round_trip(sample_html):
    nodes = {n["id"]: n for n in _embedded(sample_html, "kg-nodes")}
    assert nodes["org:1"]["label"] == "中共某某县委员会"
    assert nodes["brand:1"]["label"] == "某某红茶"
    assert nodes["org:1"]["title"] == "党组织\n第二行"
    edges = _embedded(sample_html, "kg-edges")
    assert {e["label"] for e in edges} == {"拥有品牌", "指导", "年产值", "相关"}
    assert "测试图谱" in sample_html


def test_colours_shapes_and_legend(sample_html):
    nodes = {n["id"]: n for n in _embedded(sample_html, "kg-nodes")}
    assert nodes["org:1"]["shape"] == "box"
    assert nodes["m:1"]["shape"] == "diamond"
    assert nodes["brand:1"]["shape"] == "ellipse"
    colours = {nid: n["color"]["background"] for nid, n in nodes.items()}
    assert len(set(colours.values())) == len(colours)  # distinct types, distinct colours
    assert colours["x:1"] == "#b0b0b0"  # unknown type -> neutral grey
    legend = re.search(r'<ul class="kg-legend">(.*?)</ul>', sample_html, re.DOTALL).group(1)
    for name in ("PartyOrganization", "Enterprise", "Brand", "Measurement", "Other"):
        assert name in legend
    assert "Person" not in legend  # only the types present
    assert "SomethingNew" not in legend
    options = _embedded(sample_html, "kg-options")
    assert options["physics"]["enabled"] is False  # laid out before (kg.layout): the page opens frozen
    assert "barnesHut" in options["physics"]  # for when the reader releases the layout
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())
    assert isinstance(options["layout"]["randomSeed"], int)
    assert options["layout"]["hierarchical"]["enabled"] is False


def test_deterministic():
    g1 = _sample()
    # same graph, built in a different insertion order
    g2 = nx.MultiDiGraph()
    for n, d in reversed(list(g1.nodes(data=True))):
        g2.add_node(n, **d)
    for u, v, d in reversed(list(g1.edges(data=True))):
        g2.add_edge(u, v, **d)
    first = render_html(g1, title="t")
    assert render_html(g1, title="t") == first
    assert render_html(g2, title="t") == first


def test_empty_graph():
    html = render_html(nx.MultiDiGraph(), title="空图")
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert "<h1>空图</h1>" in html
    assert "图为空" in html and "empty" in html
    assert "http://" not in html and "https://" not in html
    assert render_html(nx.MultiDiGraph(), title="空图") == html


def test_missing_attributes_and_self_loop():
    g = nx.MultiDiGraph()
    g.add_node("n")
    g.add_edge("n", "n")
    g.add_edge("n", "n", label="自环")
    html = render_html(g)
    (node,) = _embedded(html, "kg-nodes")
    assert node["label"] == "n"
    assert node["color"]["background"] == "#b0b0b0"
    edges = _embedded(html, "kg-edges")
    assert len(edges) == 2
    assert edges[0]["selfReference"] != edges[1]["selfReference"]


def test_weak_edges_are_dashed_and_say_their_confidence():
    from kg.viz import WEAK_EDGE

    g = nx.MultiDiGraph()
    g.add_node("a", label="甲局党委", type="PartyOrganization")
    g.add_node("b", label="乙品牌", type="Brand")
    g.add_node("c", label="丙局", type="GovernmentBody")
    g.add_edge("a", "b", label="拥有品牌", confidence=0.95)
    g.add_edge("a", "c", label="隶属于", confidence=round(WEAK_EDGE - 0.38, 2))
    edges = {e["to"]: e for e in _embedded(render_html(g), "kg-edges")}
    assert not edges["b"].get("dashes") and "置信度 0.95" in edges["b"]["title"]
    assert edges["c"]["dashes"] is True and "置信度 0.22" in edges["c"]["title"]
    assert edges["c"]["color"]["color"] != edges["b"].get("color", {}).get("color")


def test_layout_keeps_boxes_apart_and_labels_central_nodes_large():
    from kg.layout import LEGIBLE, PAD, box_radius, label_size

    g = nx.MultiDiGraph()
    for i in range(60):
        g.add_node(f"n{i}", label=f"某某单位第{i}党支部", type="PartyOrganization", weight=round(1 - i / 60, 3))
    for i in range(1, 60):
        g.add_edge(f"n{i}", f"n{(i - 1) // 3}", label="隶属于")
    nodes = {n["id"]: n for n in _embedded(render_html(g), "kg-nodes")}
    assert nodes["n0"]["font"]["size"] == label_size(0, 1.0) > nodes["n59"]["font"]["size"]
    assert sum(n["font"]["size"] > label_size(LEGIBLE, 0) for n in nodes.values()) == LEGIBLE
    ids = sorted(nodes)
    for a in ids:
        for b in ids:
            if a < b:
                na, nb = nodes[a], nodes[b]
                gap = ((na["x"] - nb["x"]) ** 2 + (na["y"] - nb["y"]) ** 2) ** 0.5
                need = box_radius(na["label"], na["font"]["size"]) + box_radius(nb["label"], nb["font"]["size"])
                assert gap >= need + PAD - 1, (a, b)

