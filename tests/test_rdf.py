import json

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from kg import process_text
from kg.export import serialize
from kg.iri import KG
from kg.rdf import to_graph

TEXT = """当前位置: 首页 > 动态
衢州市柯城区税务局:党建引领优化服务
发布日期:2024-05-20 09:30   文章来源:柯城区税务局
衢州市柯城区税务局党委以“衢税先锋·暖心办”党建品牌为引领,实施“春雨润苗”专项行动,全年为企业减税降费2.3亿元。区税务局党委获评全省税务系统先进基层党组织。
"""


def graph():
    doc = process_text(TEXT, path="kecheng.txt")
    return to_graph([doc])


def test_entities_have_one_zh_label_and_type():
    g = graph()
    ents = [s for s, o in g.subject_objects(RDF.type) if o not in (KG.Article, KG.Measurement, KG.AdministrativeArea, KG.Mention, KG.Evidence)]
    assert ents
    for s in ents:
        labels = list(g.objects(s, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh"
        assert list(g.objects(s, SKOS.prefLabel)) == labels
        assert (s, KG.mentionedIn, None) in g


def test_short_form_is_an_alt_label():
    g = graph()
    po = [s for s in g.subjects(RDF.type, KG.PartyOrganization)]
    alts = {str(a) for s in po for a in g.objects(s, SKOS.altLabel)}
    assert "区税务局党委" in alts


def test_article_node_carries_metadata():
    g = graph()
    (art,) = list(g.subjects(RDF.type, KG.Article))
    assert str(g.value(art, KG.sourcePath)) == "kecheng.txt"
    assert len(str(g.value(art, KG.sha256))) == 64
    assert str(g.value(art, KG.sourceName)) == "柯城区税务局"
    assert g.value(art, URI_ISSUED).toPython().isoformat() == "2024-05-20"


URI_ISSUED = __import__("rdflib").namespace.DCTERMS.issued


def test_measurement_shape():
    g = graph()
    (m,) = list(g.subjects(RDF.type, KG.Measurement))
    assert float(g.value(m, KG.value)) == 230_000_000
    assert g.value(m, KG.unit) == Literal("CNY")
    assert g.value(m, KG.indicator) is not None and g.value(m, KG.about) is not None


def test_turtle_is_byte_stable_and_round_trips():
    a, b = serialize(graph(), "ttl"), serialize(graph(), "ttl")
    assert a == b
    assert isomorphic(Graph().parse(data=a, format="turtle"), graph())


def test_jsonld_keeps_chinese_readable_and_round_trips():
    data = serialize(graph(), "jsonld")
    assert "衢税先锋" in data.decode("utf-8")
    assert "@context" in json.loads(data)
    assert isomorphic(Graph().parse(data=data, format="json-ld"), graph())


def test_same_entity_in_two_articles_is_one_node():
    d1 = process_text("浙江省税务局党委部署工作。", path="a.txt")
    d2 = process_text("浙江省税务局党委召开会议。", path="b.txt")
    g = to_graph([d1, d2])
    (node,) = [s for s in g.subjects(RDF.type, KG.PartyOrganization)]
    assert len(list(g.objects(node, KG.mentionedIn))) == 2


def test_places_carry_level_and_parents_for_roll_up():
    g = to_graph([process_text("平湖市交通运输局推进改革。", path="p.txt")])
    q = """PREFIX kg: <https://w3id.org/dangjian-kg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?place ?province WHERE {
      ?p a kg:Place ; rdfs:label ?place ; kg:locatedIn+ ?v .
      ?v kg:adminLevel "province" ; rdfs:label ?province . }"""
    assert {(str(a), str(b)) for a, b in g.query(q)} == {("平湖市", "浙江省")}
    province = [s for s in g.subjects(RDFS.label, None) if str(g.value(s, RDFS.label)) == "浙江省"]
    assert province and (province[0], RDF.type, KG.Place) not in g
    assert str(g.value(province[0], KG.adminCode)) == "330000000000"
