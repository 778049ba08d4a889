"""Graph files read by pyoxigraph (kg.graphio): exports isomorphic to what was
read, byte-stable, blank nodes included; decimals keep kg's form."""
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.export import read_graph
from kg.graphio import EXPORT_FORMATS, export_bytes, light_quads, open_graph
from kg.errors import InputError
from kg.rdf import flatten

SUFFIX = {"ttl": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig", "nq": "nq", "xml": "rdf"}
BLANKS = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p [ ex:q "一" ; ex:r [ ex:q "二" ] ] , [ ex:q "三" ] ;
     ex:n "47.5"^^xsd:decimal , "3.0"^^xsd:decimal , "引号\\"与\\\\斜杠\\n换行"@zh .
ex:g { ex:a ex:in ex:b . }
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build_outputs

    out = tmp_path_factory.mktemp("built")
    build_outputs([Path(__file__).resolve().parent.parent / "examples"], out, html=False)
    return out


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_of_a_build_are_the_graph_read(built, tmp_path, fmt):
    store = open_graph(built / "graph.trig")
    data = export_bytes(store, fmt)
    assert data == export_bytes(open_graph(built / "graph.trig"), fmt)
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    out.write_bytes(data)
    assert isomorphic(flatten(read_graph(out)), flatten(read_graph(built / "graph.trig")))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_blank_nodes_and_escapes_survive_and_stay_stable(tmp_path, fmt):
    src = tmp_path / "b.trig"
    src.write_text(BLANKS, encoding="utf-8")
    data = export_bytes(open_graph(src), fmt)
    again = tmp_path / "again.trig"  # the same graph written in another order, blank nodes named otherwise
    again.write_text(BLANKS.replace('ex:p [ ex:q "一" ; ex:r [ ex:q "二" ] ] , [ ex:q "三" ]',
                                    'ex:p [ ex:q "三" ] , [ ex:r [ ex:q "二" ] ; ex:q "一" ]'), encoding="utf-8")
    assert export_bytes(open_graph(again), fmt) == data
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    out.write_bytes(data)
    assert isomorphic(flatten(read_graph(out)), flatten(read_graph(src)))


def test_decimals_come_back_in_kgs_form(tmp_path):
    """pyoxigraph keeps a decimal's value, not its spelling: kg's own form (3000000.0) comes back."""
    src = tmp_path / "d.ttl"
    dec = "http://www.w3.org/2001/XMLSchema#decimal"
    src.write_text(f'<http://x/a> <http://x/v> "3000000.0"^^<{dec}> , "19.70"^^<{dec}> .', encoding="utf-8")
    assert sorted(q[2] for q in light_quads(open_graph(src))) == [("19.7", None, dec), ("3000000.0", None, dec)]


@pytest.mark.parametrize("name,text,says", [("x.ttl", "<a> <b> .", "not valid turtle"),
                                             ("x.csv", "a,b", "unknown RDF format"),
                                             ("x.nt", None, "no such file")])
def test_bad_files_are_named(tmp_path, name, text, says):
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        open_graph(path)
    assert name in str(err.value) and says in str(err.value)
