"""Identity across articles: no duplicates, no false merges."""
from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, SKOS

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


def _build(tmp_path, files):
    from kg.build import build_outputs
    from kg.export import read_graph
    from kg.rdf import flatten

    folder = tmp_path / "in"
    folder.mkdir()
    for name, (text, encoding) in files.items():
        (folder / name).write_bytes(text.encode(encoding))
    build_outputs([folder], tmp_path / "out", html=False)
    return flatten(read_graph(tmp_path / "out" / "graph.ttl"))


def test_traditional_and_simplified_spellings_are_one_node(tmp_path):
    """The first article writes the bureau in traditional characters (Big5), the second in simplified."""
    g = _build(tmp_path, {
        "a.txt": ("嘉禾市建寧區稅務局黨委以「建稅先鋒」黨建品牌為引領,服務納稅人三千人次。", "big5"),
        "b.txt": ("嘉禾市建宁区税务局党委开展“税企连心”主题党日活动,获评全省税务系统先进基层党组织。", "utf-8"),
    })
    bureaus = [s for s in g.subjects(RDF.type, KG.PartyOrganization)]
    assert len(bureaus) == 1, bureaus
    labels = {str(o) for o in g.objects(bureaus[0], RDFS.label)}
    assert labels == {"嘉禾市建寧區稅務局黨委"}  # as the first article wrote it
    alts = {str(o) for o in g.objects(bureaus[0], SKOS.altLabel)}
    assert "嘉禾市建宁区税务局党委" in alts
    titles = {str(o) for o in g.objects(None, DCTERMS.title)}
    assert any("稅務局" in t for t in titles)  # a Big5 article's title keeps its characters


def test_a_traditional_place_gets_its_code_and_parents(tmp_path):
    g = _build(tmp_path, {"a.txt": ("臺州市椒江區稅務局黨委以「椒稅先鋒」黨建品牌為引領,服務納稅人三千人次。", "big5")})
    codes = {str(o) for o in g.objects(None, KG.adminCode)}
    assert codes  # 椒江區 ⊂ 臺州市 ⊂ 浙江省, though written 臺州 and 區


def test_an_invisible_character_does_not_make_the_preferred_label(tmp_path):
    g = _build(tmp_path, {
        "a.txt": ("平湖市交通\u200b运输局党委以“金平湖”党建品牌为引领。", "utf-8"),
        "b.txt": ("平湖市交通运输局党委开展主题党日活动。", "utf-8"),
        "c.txt": ("平湖市交通运输局党委获评全省先进基层党组织。", "utf-8"),
    })
    labels = {str(o) for s in g.subjects(RDF.type, KG.PartyOrganization) for o in g.objects(s, RDFS.label)}
    assert labels == {"平湖市交通运输局党委"}
