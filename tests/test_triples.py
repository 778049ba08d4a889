"""kg.triples writes the same graph in every format, for any literal text."""
from __future__ import annotations

import pyoxigraph as ox
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg.triples import (PREFIXES, RDF_TYPE, XSD, jsonld_nodes, lit, ntriples, prefix_header, sort_unique,
                        trig_graph, turtle)

KG = PREFIXES["kg"]
ID = "https://example.org/id/"

# any text an article may hold: quotes, backslashes, newlines, controls, astral characters
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def sample(values):
    triples = []
    for i, v in enumerate(values):
        node = f"{ID}mention/{i}"
        triples += [(node, RDF_TYPE, KG + "Mention"), (node, KG + "text", lit(v)),
                    (node, KG + "indicator", lit(v, "zh")), (node, KG + "start", lit(i)),
                    (node, KG + "value", lit("1.5", datatype=XSD + "decimal")),
                    (node, KG + "mentionOf", f"{ID}Brand/{i % 2}")]
    return triples


def as_rdflib(text, fmt):
    g = rdflib.Graph()
    g.parse(data=text, format=fmt)
    return g


def jsonld_doc(rows):
    import json

    from kg.export import JSONLD_CONTEXT

    return '{"@context": ' + json.dumps(JSONLD_CONTEXT) + ', "@graph": [' + ",".join(jsonld_nodes(rows)) + "]}"


@given(st.lists(texts, min_size=1, max_size=4))
def test_every_format_reads_back_as_the_same_graph(values):
    rows = sort_unique(sample(values))
    nt = as_rdflib(ntriples(rows), "nt")
    assert len(nt) == len(rows)
    assert isomorphic(nt, as_rdflib(prefix_header() + turtle(rows), "turtle"))
    assert isomorphic(nt, as_rdflib(jsonld_doc(rows), "json-ld"))
    ds = rdflib.Dataset()
    ds.parse(data=prefix_header() + trig_graph(rows, ID + "article/1"), format="trig")
    assert isomorphic(nt, ds.graph(rdflib.URIRef(ID + "article/1")))
    # and pyoxigraph, the store kg queries, reads the same statements
    got = {str(t) for t in ox.parse(prefix_header() + turtle(rows), format=ox.RdfFormat.TURTLE)}
    want = {str(t) for t in ox.parse(ntriples(rows), format=ox.RdfFormat.N_TRIPLES)}
    assert got == want


def test_rows_are_sorted_and_unique():
    t = ("http://x/b", KG + "p", lit("v"))
    rows = sort_unique([t, ("http://x/a", KG + "p", lit("v")), t])
    assert [r[1] for r in rows] == ["http://x/a", "http://x/b"]


def test_turtle_groups_subjects_and_compacts_the_vocabulary():
    rows = sort_unique([("http://x/a", RDF_TYPE, KG + "Brand"), ("http://x/a", KG + "partOf", "http://x/b"),
                        ("http://x/a", KG + "partOf", "http://x/c")])
    assert turtle(rows) == "<http://x/a> a kg:Brand ;\n\tkg:partOf <http://x/b> ,\n\t\t<http://x/c> .\n"


def test_no_boolean_literals():
    import pytest

    with pytest.raises(TypeError):
        lit(True)


# ------------------------------------------------------------------ shapes
from kg.triples import IRI, Shape, Slot  # noqa: E402

SHAPE = Shape([(RDF_TYPE, KG + "Mention"), (KG + "text", Slot()), (KG + "indicator", Slot("zh")),
               (KG + "start", Slot(datatype=XSD + "integer")), (KG + "value", lit("1.5", datatype=XSD + "decimal")),
               (KG + "mentionOf", IRI), ("http://www.w3.org/ns/prov#wasDerivedFrom", IRI),
               (KG + "rule", lit('fixed "rule" {0}'))])
iris = st.text(alphabet=st.sampled_from("ab/#-.:>{}党建"), min_size=1, max_size=6).map(lambda s: ID + s)


@given(iris, texts, texts, st.integers(0, 10**6), iris, iris)
def test_a_shape_writes_the_text_of_its_statements(s, text, indicator, start, of, source):
    values = (text, indicator, str(start), of, source)
    rows = sort_unique(SHAPE.triples(s, values))
    assert len(rows) == 8
    assert SHAPE.text(s, values) == (ntriples(rows), turtle(rows), jsonld_nodes(rows)[0])


def test_a_shape_states_each_predicate_once():
    import pytest

    with pytest.raises(ValueError):
        Shape([(KG + "text", Slot()), (KG + "text", Slot("zh"))])


def test_prefix_subjects_and_predicates_keep_line_order():
    # "<…#p> " sorts after "<…#p-1> " and "<…#p1> " ('-' and '1' < '>'), unlike the bare IRIs:
    # the templates order predicates as the lines do
    sh = Shape([(KG + "p", Slot()), (KG + "p-1", Slot()), (KG + "p1", Slot())])
    rows = sort_unique(sh.triples(ID + "n", ("x", "y", "z")))
    assert sh.text(ID + "n", ("x", "y", "z"))[0] == ntriples(rows)
    assert [r[2] for r in rows] == [KG + "p-1", KG + "p1", KG + "p"]
