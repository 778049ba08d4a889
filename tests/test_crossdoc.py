"""Identity across articles: no duplicates, no false merges."""
from rdflib import RDF, RDFS

from kg import process_text
from kg.iri import KG
from kg.rdf import to_graph

HUZHOU = "湖州市吴兴区港航管理服务中心以“清风港航”党建品牌为引领。市交通运输局党委组织开展主题党日活动。省交通运输厅领导到湖州市调研。"
WENZHOU = "温州市鹿城区港航管理服务中心开展水上安全宣传。市交通运输局党委组织开展主题党日活动。省交通运输厅领导到温州市调研。"
ZHENGZHOU = "郑州市中原区交通运输局深化改革。省交通运输厅领导到郑州市调研,浙江省交通运输厅派员交流。"
ZHEJIANG_TWICE = ("浙江省交通运输厅召开会议,部署港航工作。", "浙江省交通运输厅印发《水运发展行动方案》。")


def nodes(g, typ, label):
    return [s for s in g.subjects(RDF.type, KG[typ]) if str(g.value(s, RDFS.label)) == label]


def test_relative_names_stay_apart_across_cities():
    g = to_graph([process_text(HUZHOU, path="hz.txt"), process_text(WENZHOU, path="wz.txt")])
    assert len(nodes(g, "PartyOrganization", "市交通运输局党委")) == 2


def test_same_province_relative_name_is_one():
    g = to_graph([process_text(HUZHOU, path="hz.txt"), process_text(WENZHOU, path="wz.txt")])
    assert len(nodes(g, "GovernmentBody", "省交通运输厅")) == 1


def test_other_province_is_another_bureau():
    g = to_graph([process_text(HUZHOU, path="hz.txt"), process_text(ZHENGZHOU, path="zz.txt")])
    assert len(nodes(g, "GovernmentBody", "省交通运输厅")) == 2


def test_full_name_in_two_articles_is_one_node():
    g = to_graph([process_text(t, path=f"{i}.txt") for i, t in enumerate(ZHEJIANG_TWICE)])
    (node,) = nodes(g, "GovernmentBody", "浙江省交通运输厅")
    assert len(list(g.objects(node, KG.mentionedIn))) == 2


def test_named_place_prefix_needs_no_scope():
    g = to_graph([process_text(HUZHOU, path="hz.txt"), process_text(ZHENGZHOU, path="zz.txt")])
    assert len(nodes(g, "Place", "湖州市")) == 1
    assert len(nodes(g, "GovernmentBody", "湖州市吴兴区港航管理服务中心")) == 1
