"""The embedded store: incremental builds stay equal to a fresh build."""
import shutil

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.cli import main
from kg.pipeline import process_file
from kg.rdf import flatten, to_graph
from kg.store import KgStore, StoreError


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.fixture
def corpus(examples, tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    for name in ("tax_wujiang.txt", "power_shouguang.txt", "hospital_santai.txt"):
        shutil.copy(examples / name, src / name)
    return src


def canonical(g):
    """Decimals compared by value: oxigraph writes 2000 where rdflib keeps 2000.0."""
    from rdflib import XSD, Graph, Literal

    from kg.rdf import decimal_lexical

    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(decimal_lexical(float(o)), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def fresh(folder):
    return canonical(to_graph([process_file(p) for p in sorted(folder.glob("*.txt"))]))


def stored(path):
    with KgStore(path, read_only=True) as st:
        return canonical(flatten(st.dataset()))


def test_incremental_updates_match_a_fresh_build(corpus, examples, tmp_path):
    store = tmp_path / "store"
    res = run("build", corpus, "--store", store)
    assert res.exit_code == 0 and "added 3" in res.output
    res = run("build", corpus, "--store", store)
    assert "added 0, updated 0, removed 0, skipped 3" in res.output

    # a changed article replaces its old facts
    tax = corpus / "tax_wujiang.txt"
    tax.write_text(tax.read_text(encoding="utf-8").replace("税润吴江", "税润江南"), encoding="utf-8")
    # a new one is added, a removed one is pruned
    shutil.copy(examples / "village_zigui.txt", corpus / "village_zigui.txt")
    (corpus / "hospital_santai.txt").unlink()
    res = run("build", corpus, "--store", store, "--prune")
    assert res.exit_code == 0
    assert "added 1, updated 1, removed 1, skipped 1" in res.output

    g = stored(store)
    labels = {str(o) for o in g.objects(None, __import__("rdflib").RDFS.label)}
    assert "税润江南" in labels and "税润吴江" not in labels
    assert not any("三台县" in x for x in labels)
    assert isomorphic(g, fresh(corpus))


def test_query_a_store_with_parameters(corpus, tmp_path):
    store = tmp_path / "store"
    run("build", corpus, "--store", store)
    res = run("query", "--store", store, "figures", "--param", "unit=km", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].startswith("indicator,value,unit") and ",km," in res.output


def test_store_and_files_together(corpus, tmp_path):
    res = run("build", corpus, "--store", tmp_path / "store", "-o", tmp_path / "out")
    assert res.exit_code == 0
    from rdflib import Graph
    assert isomorphic(canonical(Graph().parse(tmp_path / "out" / "graph.ttl")), fresh(corpus))


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="not a kg store"):
        KgStore(tmp_path / "none", read_only=True)
    res = run("query", "--store", tmp_path / "none", "articles")
    assert res.exit_code == 2 and "not a kg store" in res.output


def test_the_stores_graph_is_the_builds_graph_spelling_included(examples, tmp_path):
    """Not only equal values: the same literals (decimals keep the build's 1.0), so isomorphic() holds."""
    from kg.export import read_graph

    assert run("build", examples, "--store", tmp_path / "s", "-o", tmp_path / "o", "--no-html").exit_code == 0
    with KgStore(tmp_path / "s", read_only=True) as st:
        assert isomorphic(flatten(st.dataset()), flatten(read_graph(tmp_path / "o" / "graph.ttl")))


def test_a_damaged_manifest_is_a_clear_error(examples, tmp_path):
    assert run("build", examples, "--store", tmp_path / "s", "--no-html").exit_code == 0
    (tmp_path / "s" / "manifest.json").write_text("{ not json", encoding="utf-8")
    res = run("build", examples, "--store", tmp_path / "s", "--no-html")
    assert res.exit_code == 2 and "manifest" in res.output and "Traceback" not in res.output


def test_one_file_by_two_paths_is_one_article(examples, tmp_path, monkeypatch):
    monkeypatch.chdir(examples.parent)
    assert run("build", "examples", "--store", tmp_path / "s", "--no-html").exit_code == 0
    res = run("build", examples.resolve(), "--store", tmp_path / "s", "--no-html")
    assert res.exit_code == 0 and "added 0" in res.output and "skipped 5" in res.output
