"""SHACL: graphs kg writes conform; graphs broken on purpose are reported."""
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Literal, URIRef

from kg import process_text
from kg.cli import main
from kg.iri import KG
from kg.rdf import to_graph
from kg.validate import validate

TEXT = "湖州市南浔区税务局党委以“浔税先锋”党建品牌为引领,全年减税2.3亿元,获评全省税务系统先进基层党组织。"


@pytest.fixture
def graph():
    return to_graph([process_text(TEXT, path="t.txt")])


def node(g, cls):
    return next(g.subjects(RDF.type, cls))


def test_built_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms, [str(v) for v in report.violations]


def test_development_set_graphs_conform(shared):
    from kg.pipeline import process_file

    docs = [process_file(p) for p in sorted((shared / "corpus" / "seeds").glob("*.txt"))]
    report = validate(to_graph(docs))
    assert report.conforms, [str(v) for v in report.violations][:5]


def break_second_label(g):
    n = node(g, KG.PartyOrganization)
    g.add((n, RDFS.label, Literal("另一个名字", lang="zh")))
    return "rdfs:label", "exactly one rdfs:label"


def break_english_label(g):
    n = node(g, KG.Brand)
    g.set((n, RDFS.label, Literal("Pioneer", lang="en")))
    return "rdfs:label", "Chinese"


def break_two_types(g):
    n = node(g, KG.Brand)
    g.add((n, RDF.type, KG.Project))
    return "rdf:type", "exactly one entity type"


def break_relation_range(g):
    g.add((node(g, KG.PartyOrganization), KG.hasBrand, node(g, KG.Honor)))
    return "", "object of kg:hasBrand must be Brand"


def break_relation_domain(g):
    g.add((node(g, KG.Honor), KG.undertakes, node(g, KG.Brand)))
    return "", "subject of kg:undertakes must be Organization"


def break_measurement_value(g):
    g.set((node(g, KG.Measurement), KG.value, Literal("很多")))
    return "kg:value", "xsd:decimal"


def break_measurement_unit(g):
    g.remove((node(g, KG.Measurement), KG.unit, None))
    return "kg:unit", "unit"


def break_untraced_entity(g):
    n = URIRef("https://w3id.org/dangjian-kg/id/Brand/无源品牌")
    g.add((n, RDF.type, KG.Brand))
    g.add((n, RDFS.label, Literal("无源品牌", lang="zh")))
    return "kg:mentionedIn", "article"


def break_ill_typed_value(g):
    g.set((node(g, KG.Measurement), KG.value, Literal("很多", datatype=XSD.decimal)))
    return "kg:value", "xsd:decimal"


def break_span_order(g):
    m = node(g, KG.Mention)
    g.set((m, KG.start, Literal(10 ** 6)))
    return "kg:start", "smaller than kg:end"


def break_confidence_range(g):
    g.set((node(g, KG.Evidence), KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    return "kg:confidence", "between 0 and 1"


def break_sha(g):
    g.set((node(g, KG.Article), KG.sha256, Literal("not-a-hash")))
    return "kg:sha256", "SHA-256"


def break_place_honour(g):
    g.add((node(g, KG.Brand), KG.locatedIn, node(g, KG.Honor)))
    return "", "object of kg:locatedIn must be Place or AdministrativeArea"


def break_no_type(g):
    n = node(g, KG.Brand)
    g.remove((n, RDF.type, None))
    g.add((n, RDF.type, KG.Organization))  # not an entity type, and nothing else
    return "", "subject of kg:"


BREAKERS = [break_second_label, break_english_label, break_two_types, break_relation_range, break_relation_domain,
            break_measurement_value, break_measurement_unit, break_untraced_entity, break_ill_typed_value,
            break_span_order, break_confidence_range, break_sha, break_place_honour]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_broken_graph_is_reported(graph, breaker):
    path, message = breaker(graph)
    report = validate(graph)
    assert not report.conforms
    hits = [v for v in report.violations if message in v.message and (not path or v.path == path)]
    assert hits, [str(v) for v in report.violations]


@pytest.mark.parametrize("breaker", BREAKERS + [break_no_type, None])
def test_sparql_shapes_give_pyshacls_verdicts(graph, breaker):
    """kg.shacl compiles the shapes to SPARQL; pyshacl is the reference."""
    from kg.validate import validate_pyshacl

    if breaker:
        breaker(graph)
    ours, ref = validate(graph), validate_pyshacl(graph)
    assert ours.conforms == ref.conforms
    seen = lambda report: sorted({(v.focus, v.path, v.message) for v in report.violations})  # noqa: E731
    assert seen(ours) == seen(ref)


def test_a_shape_kg_does_not_compile_is_refused():
    from rdflib import Graph

    from kg import shacl

    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://x/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:hasValue ex:v ] .""",
                           format="turtle")
    with pytest.raises(ValueError, match="does not know"):
        shacl._property_queries(shapes, next(shapes.subjects()), next(shapes.objects(None, shapes.namespace_manager.expand_curie("sh:property"))), "")


def test_validate_command(graph, tmp_path):
    good = tmp_path / "good.ttl"
    graph.serialize(good, format="turtle")
    res = CliRunner().invoke(main, ["validate", str(good)])
    assert res.exit_code == 0 and "conforms" in res.output
    break_second_label(graph)
    bad = tmp_path / "bad.ttl"
    graph.serialize(bad, format="turtle")
    res = CliRunner().invoke(main, ["validate", str(bad)])
    assert res.exit_code == 1
    assert "湖州市南浔区税务局党委" in res.output and "rdfs:label" in res.output
