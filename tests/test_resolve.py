"""Entity resolution on short texts of our own."""
import pytest

from kg import process_text


def entity(doc, label):
    for e in doc.entities.values():
        if e.label == label or label in e.aliases:
            return e
    raise AssertionError(f"{label} not found in {sorted(e.label for e in doc.entities.values())}")


def test_short_form_joins_full_name():
    doc = process_text("湖州市南浔区综合行政执法局党委成立以来成效明显。\n今年,执法局党委组织开展“执法为民”主题活动。")
    e = entity(doc, "湖州市南浔区综合行政执法局党委")
    assert "执法局党委" in e.aliases


def test_abbreviation_by_subsequence():
    doc = process_text("湖州市南浔区港航管理服务中心以“清风港湾”党建品牌为引领。港航中心被确定为全市示范单位。")
    e = entity(doc, "湖州市南浔区港航管理服务中心")
    assert "港航中心" in e.aliases


def test_punctuation_variants_are_one_brand():
    doc = process_text("以“阳光税务·暖心服务”党建品牌为统领。“阳光税务暖心服务”品牌深入人心。")
    brands = [e for e in doc.entities.values() if e.type == "Brand"]
    assert len(brands) == 1 and brands[0].label == "阳光税务·暖心服务"


def test_county_short_name_after_full_name():
    doc = process_text("桐乡市供电公司服务桐乡全域。")
    e = entity(doc, "桐乡市")
    assert e.type == "Place" and "桐乡" in e.aliases


def test_two_bureaus_with_different_places_stay_apart():
    doc = process_text("湖州市交通运输局与嘉兴市交通运输局签订合作协议。")
    labels = sorted(e.label for e in doc.entities.values() if e.type == "GovernmentBody")
    assert labels == ["嘉兴市交通运输局", "湖州市交通运输局"]


def test_relative_abbreviations():
    doc = process_text("长兴县发展和改革委员会党组坚持党建引领。县发改委牵头成立项目服务专班。\n"
                       "湖州市交通运输局推进数字改革。市交通局组织开展主题党日活动。")
    assert "县发改委" in entity(doc, "长兴县发展和改革委员会").aliases
    assert "市交通局" in entity(doc, "湖州市交通运输局").aliases


def test_relative_name_does_not_join_another_province():
    doc = process_text("郑州市中原区交通运输局深化改革。省交通运输厅领导到郑州市调研,浙江省交通运输厅派员交流。")
    assert "省交通运输厅" not in entity(doc, "浙江省交通运输厅").aliases


def test_self_references_point_to_the_organisation_of_the_text():
    doc = process_text("湖州市交通运输局扎实推进党建工作。我局获评全省交通系统先进集体。该局还建设了红色驿站。")
    bureau = entity(doc, "湖州市交通运输局").key
    got = {(r.subject, r.predicate, doc.entities[r.object].label) for r in doc.relations}
    assert (bureau, "receivedHonor", "全省交通系统先进集体") in got
    assert (bureau, "established", "红色驿站") in got
    assert "我局" not in entity(doc, "湖州市交通运输局").aliases


def test_company_and_office_self_references():
    doc = process_text("国网某某市供电公司党委坚持党建引领。该公司建成红色电力驿站。")
    company = entity(doc, "国网某某市供电公司").key
    assert (company, "established") in {(r.subject, r.predicate) for r in doc.relations}


def test_a_bare_kind_and_its_party_body_join_the_one_full_name():
    doc = process_text("浙江大学医学院附属第一医院党委打造“医心向党”品牌。医院党委荣获“全国先进基层党组织”称号。")
    party = [e for e in doc.entities.values() if e.type == "PartyOrganization"]
    assert [e.label for e in party] == ["浙江大学医学院附属第一医院党委"], [(e.label, e.aliases) for e in party]
    assert "医院党委" in party[0].aliases


@pytest.mark.parametrize("text,full,bare", [
    ("高迁村党委发展民宿经济。村党委书记王建军介绍,村党委被评为“全省先进基层党组织”。", "高迁村党委", "村党委"),
    ("今年以来,月河街道党工委打造“月河红”品牌。街道党工委书记李华表示,将深化治理。", "月河街道党工委", "街道党工委"),
    # the full name and its short form are one unit, not two to choose from
    ("今年以来,湖州市吴兴区月河街道党工委打造“月河红”品牌。下一步,月河街道党工委将深化治理。街道党工委书记李华表示……",
     "湖州市吴兴区月河街道党工委", "街道党工委"),
])
def test_the_party_body_of_a_kind_of_place_joins_the_one_full_name(text, full, bare):
    doc = process_text(text)
    party = [e for e in doc.entities.values() if e.type == "PartyOrganization"]
    assert [e.label for e in party] == [full], [(e.label, e.aliases) for e in party]
    assert bare in party[0].aliases


def test_a_name_without_its_national_body_joins_the_full_name():
    doc = process_text("中国石化某某炼化公司党委打造“蓝色引擎”品牌。某某炼化公司党委荣获“中央企业先进基层党组织”称号。")
    party = [e for e in doc.entities.values() if e.type == "PartyOrganization"]
    assert [e.label for e in party] == ["中国石化某某炼化公司党委"], [(e.label, e.aliases) for e in party]


def test_a_bare_kind_with_its_party_suffix_refers_to_that_party_body():
    doc = process_text("台州建设集团有限公司党委推进品牌建设。全年营收12亿元。公司党委被评为“省国资委先进基层党组织”。")
    refs = [m for m in doc.mentions if m.text == "公司党委"]
    assert refs and refs[0].entity == "PartyOrganization:台州建设集团有限公司党委", refs


@pytest.mark.parametrize("text,full,short", [
    # short forms written out from resources/short_forms.tsv (监管 = 监督管理, 疾控 = 疾病预防控制)
    ("河西区市场监管局开展检查。河西区市场监督管理局党组召开会议。", "河西区市场监督管理局", "河西区市场监管局"),
    ("长河市疾病预防控制中心获评先进单位。长河市疾控中心组织义诊。", "长河市疾病预防控制中心", "长河市疾控中心"),
])
def test_short_forms_of_a_unit_are_one_entity(text, full, short):
    doc = process_text(text)
    e = entity(doc, full)
    assert short in e.aliases
    assert not any(x.label == short for x in doc.entities.values())


def test_one_character_counties_are_places():
    doc = process_text("陇西市下辖成县、徽县和康县。他担任县委书记多年。")
    places = {e.label for e in doc.entities.values() if e.type == "Place"}
    assert {"成县", "徽县", "康县"} <= places
    assert "任县" not in places  # 担任|县委: no county starts inside a word


def test_name_with_its_opening_left_out_joins_the_full_name():
    doc = process_text("青岚高速云台东收费站创建示范窗口。云台东收费站党员带头服务司机。")
    assert "云台东收费站" in entity(doc, "青岚高速云台东收费站").aliases


def test_name_with_a_stretch_left_out_joins_the_full_name():
    doc = process_text("长河建工集团丽水湾项目党支部开展主题党日活动。长河建工集团党支部组织党员观看红色电影。\n"
                       "清溪职业技术大学举办技能大赛,清溪职业大学学生踊跃参加。")
    assert "长河建工集团党支部" in entity(doc, "长河建工集团丽水湾项目党支部").aliases
    assert "清溪职业大学" in entity(doc, "清溪职业技术大学").aliases


def test_left_out_unit_keeps_two_bodies_apart():
    """机关 or a branch left out names another body: 某局党委 is not 某局机关党委."""
    doc = process_text("长河市民政局党委召开会议。长河市民政局机关党委开展主题党日活动。\n"
                       "长河人寿公司党委部署工作,长河人寿公司青岚分公司党委抓好落实。")
    labels = {e.label for e in doc.entities.values() if e.type == "PartyOrganization"}
    assert {"长河市民政局党委", "长河市民政局机关党委", "长河人寿公司党委", "长河人寿公司青岚分公司党委"} <= labels


def test_short_name_of_two_longer_names_joins_neither():
    doc = process_text("东岭村第一党支部和西岭村第一党支部结对共建。第一党支部书记作表态发言。")
    for label in ("东岭村第一党支部", "西岭村第一党支部"):
        assert "第一党支部" not in entity(doc, label).aliases


def test_a_branch_and_its_formal_name_are_one():
    """中共某某支部委员会 is the formal name of 某某党支部."""
    doc = process_text("中共长河市青溪区网约车司机支部委员会正式成立。网约车司机党支部将开展“安全出行”活动。")
    assert "网约车司机党支部" in entity(doc, "中共长河市青溪区网约车司机支部委员会").aliases


def test_a_village_written_after_its_town_is_also_named_by_both():
    doc = process_text("家住西湖区转塘街道龙坞村的王先生说。")
    assert "转塘街道龙坞村" in entity(doc, "龙坞村").aliases
    assert "西湖区转塘街道" in entity(doc, "转塘街道").aliases
