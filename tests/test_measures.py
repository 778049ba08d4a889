import pytest

from kg import process_text
from kg.measures import parse_number


@pytest.mark.parametrize("text,value,unit", [
    ("全年完成固定资产投资12.5亿元。", 1_250_000_000, "CNY"),
    ("发放补贴资金300万元。", 3_000_000, "CNY"),
    ("新建农村公路8.6公里。", 8.6, "km"),
    ("改造管网12千米。", 12, "km"),
    ("业务量同比增长35%。", 35, "%"),
    ("集装箱吞吐量达到120万标箱。", 1_200_000, "TEU"),
    ("累计服务群众3.4万人次。", 34_000, "人次"),
    ("惠及近两万户群众。", 20_000, "户"),
    ("开展活动60余场。", 60, "场"),
    ("建成党群服务站点十八个。", 18, "个"),
    ("培育示范企业约50家。", 50, "家"),
    ("全年保障过往船舶8.6万艘次。", 86_000, "艘次"),
    ("病区新增床位40张。", 40, "张"),
    ("活动室面积约80平方米,辖区面积3.5平方公里。", 80, "平方米"),
    ("活动室面积约80平方米,辖区面积3.5平方公里。", 3.5, "平方公里"),
    ("累计入户走访 2000 余户。", 2000, "户"),  # spaces around the figure, as pages write them
    ("出台惠企措施十项。", 10, "项"),
    ("该公司具有60年发展历史。", 60, "年"),  # a span of years
])
def test_figure_is_normalised(text, value, unit):
    doc = process_text(text)
    got = [(m.value, m.unit) for m in doc.measurements]
    assert (pytest.approx(value), unit) in [(pytest.approx(v), u) for v, u in got] or \
        any(abs(v - value) < 1e-6 * max(1, value) and u == unit for v, u in got), got


@pytest.mark.parametrize("text", [
    "2023年3月29日召开会议。",
    "一是加强组织领导。",
    "落实第一书记制度。",
    "打造“五心五强”品牌。",
    "某某县城关镇人民政府",
    "2023年5月,公司成立。",  # a year, not a span
    "实施三年行动计划。",
    "力争年底前完成。",
])
def test_dates_and_ordinals_are_not_figures(text):
    assert process_text(text).measurements == []


@pytest.mark.parametrize("s,v", [("三万", 30000), ("十八", 18), ("一百二十", 120), ("两", 2), ("3.5", 3.5)])
def test_parse_number(s, v):
    assert parse_number(s) == v


def test_measurement_text_slices_the_text():
    doc = process_text("约3200余人次参加,投资超过500亿元。")
    for m in doc.measurements:
        assert doc.text[m.start:m.end] == m.text
    assert {m.text for m in doc.measurements} == {"约3200余人次", "超过500亿元"}


def test_a_figure_written_again_later_is_one_figure():
    doc = process_text("全市已建成驿站45个。\n如今,全市45个驿站服务群众。")
    assert [m.text for m in doc.measurements].count("45个") == 1
