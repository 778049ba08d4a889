import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    from pathlib import Path

    from kg.build import build_outputs

    out = tmp_path_factory.mktemp("stats")
    build_outputs([Path(__file__).resolve().parent.parent / "examples"], out, html=False)
    return out / "graph.ttl"


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_stats_json(graph_file):
    res = run("stats", graph_file, "--json", "--top", "3")
    assert res.exit_code == 0, res.output
    s = json.loads(res.output)
    assert s["nodes"] == sum(s["types"].values()) and s["edges"] == sum(s["relations"].values())
    assert len(s["organisations"]) == 3 and s["organisations"][0]["pagerank"] >= s["organisations"][1]["pagerank"]
    assert s["organisations"][0]["type"] in ("PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization")
    assert s["brands"][0]["type"] == "Brand"
    assert s["components"]["count"] >= 5 and s["communities"]["count"] >= s["components"]["count"]


def test_stats_text(graph_file):
    res = run("stats", graph_file)
    assert res.exit_code == 0 and "most central organisations" in res.output and "communities" in res.output


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_exports(graph_file, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    assert run("export", graph_file, "-f", fmt, "-o", out).exit_code == 0
    g = reader(out)
    s = json.loads(run("stats", graph_file, "--json").output)
    assert g.number_of_nodes() == s["nodes"] and g.number_of_edges() == s["edges"]
    labels = {a.get("label") for _n, a in g.nodes(data=True)}
    assert "国家税务总局苏州市吴江区税务局党委" in labels


def test_viz_focus_types_and_max_nodes(graph_file, tmp_path):
    res = run("viz", graph_file, "-o", tmp_path / "a.html", "--types", "PartyOrganization,Brand")
    assert res.exit_code == 0 and res.output.startswith("drew ")
    res = run("viz", graph_file, "-o", tmp_path / "b.html", "--focus", "国网寿光市供电公司党委", "--depth", "1")
    assert "focus 国网寿光市供电公司党委" in res.output
    res = run("viz", graph_file, "-o", tmp_path / "c.html", "--max-nodes", "20")
    assert "drew 20 nodes" in res.output and "most central of" in res.output
    assert "most central of" in (tmp_path / "c.html").read_text(encoding="utf-8")
    res = run("viz", graph_file, "-o", tmp_path / "d.html", "--types", "Nope")
    assert res.exit_code != 0 and "unknown type" in res.output


def test_ten_thousand_nodes_give_a_usable_page():
    import random

    from kg.view import select
    from kg.viz import render_html

    rnd = random.Random(3)
    g = nx.MultiDiGraph()
    types = ["PartyOrganization", "Brand", "Project", "Place", "Honor"]
    for i in range(10_000):
        g.add_node(f"n{i}", label=f"节点{i}", type=types[i % 5], title=f"节点{i}")
    for i in range(1, 10_000):
        g.add_edge(f"n{i}", f"n{rnd.randrange(i)}", key="locatedIn", label="位于", relation="locatedIn")
    sel = select(g, max_nodes=500)
    assert sel.graph.number_of_nodes() == 500
    assert sel.notes == ["showing the 500 most central of 10000 nodes"]
    html = render_html(sel.graph, notes=sel.notes)
    assert "showing the 500 most central of 10000 nodes" in html and len(html) < 2_000_000
