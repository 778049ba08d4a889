"""The build's page is drawn from what the build gathers (kg.page), and it
shows what drawing it from the written graph shows."""
import pyoxigraph as ox
import pytest

from kg.export import AtomicFiles
from kg.fastrdf import FILES, GraphWriter
from kg.pipeline import build
from kg.view import to_networkx

SHOWN = ("label", "type", "type_zh", "aliases", "title", "weight")


def _both(paths, tmp_path, **kw):
    with AtomicFiles(tmp_path) as files:
        writer = GraphWriter({n: files.open(n) for n in FILES})
        build(paths, sink=lambda x: writer.add(x.text, x.entities), **kw)
        writer.finish()
        writer.close()
        summary = writer.page.network(writer.entities, writer.relations, writer.base)
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    return summary, to_networkx(store)


@pytest.mark.parametrize("jobs", [1, 2])
def test_page_from_the_summary_is_the_page_from_the_file(examples, tmp_path, jobs):
    summary, ref = _both([examples], tmp_path, jobs=jobs)
    assert sorted(summary.edges(keys=True, data=True)) == sorted(ref.edges(keys=True, data=True))
    assert sorted(summary.nodes) == sorted(ref.nodes)
    for n, a in summary.nodes(data=True):
        assert {k: a.get(k) for k in SHOWN} == {k: ref.nodes[n].get(k) for k in SHOWN}, n
    assert any("另有" in a["title"] for _n, a in summary.nodes(data=True))  # a node past the tooltip's lines


def test_the_summary_keeps_only_what_a_tooltip_shows(tmp_path):
    from kg.page import PageSummary

    page = PageSummary()
    page.add([("x", "e", f"第{i}条证据", "https://w3id.org/dangjian-kg/ontology#hasBrand") for i in range(50, 0, -1)])
    page.add([("x", "e", "第1条证据", "https://w3id.org/dangjian-kg/ontology#hasBrand")])
    lines, count = page.tips["x"][1], len(page.tips["x"][3])
    assert count == 50 and len(lines) == page.keep
    assert lines == sorted(lines) and lines[0].endswith("第10条证据")  # string order, as the file path sorts


def test_min_confidence_leaves_weak_facts_off_the_page(examples, tmp_path):
    summary, ref = _both([examples], tmp_path, min_confidence=0.9)
    assert sorted(summary.edges(keys=True)) == sorted(ref.edges(keys=True))
    assert {n: a["title"] for n, a in summary.nodes(data=True)} == {n: a["title"] for n, a in ref.nodes(data=True)}


def test_a_store_build_draws_the_same_page(examples, tmp_path):
    from kg.build import build_outputs, build_store

    build_outputs([examples], tmp_path / "files")
    build_store([examples], tmp_path / "store", out=tmp_path / "from-store")
    assert (tmp_path / "from-store" / "graph.html").read_bytes() == (tmp_path / "files" / "graph.html").read_bytes()
