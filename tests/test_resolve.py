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
