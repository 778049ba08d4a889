from kg.clean import clean
from kg.doc import Doc

PAGE = """当前位置: 首页 > 工作动态 > 基层党建
某县税务局:以党建引领优化纳税服务

发布日期:2024-03-05 09:30   文章来源:某县税务局
□本版文字 周一鸣 林小雨
今年以来,某县税务局党委坚持以党建引领纳税服务,在办税服务厅设立党员先锋岗,全年累计服务纳税人1.2万人次,其中第二税务所党支部被确定为全市税务系统党

建示范点。
"""


def run(src):
    return clean(Doc(path="x.txt", source=src, text="", offsets=[]))


def test_chrome_lines_become_metadata():
    d = run(PAGE)
    assert d.meta["date"] == "2024-03-05"
    assert d.meta["source_name"] == "某县税务局"
    assert d.meta["title"] == "某县税务局:以党建引领优化纳税服务"
    assert "当前位置" not in d.text and "发布日期" not in d.text


def test_byline_is_flagged_and_kept():
    d = run(PAGE)
    (s, e), = d.meta["bylines"]
    assert d.text[s:e].startswith("□本版文字")


def test_word_broken_across_lines_is_joined():
    d = run(PAGE)
    assert "党建示范点" in d.text


def test_offsets_point_back_into_source():
    d = run(PAGE)
    for i, ch in enumerate(d.text):
        if ch != "\n":
            assert PAGE[d.offsets[i]] == ch


def test_full_width_punctuation_folds_one_to_one():
    src = "某市供电公司党委，打造“光明使者”党建品牌；全年投资３亿元。"
    d = run(src)
    assert d.text.startswith("某市供电公司党委,打造") and "3亿元" in d.text
    assert len(d.text.rstrip("\n")) == len(src)


def test_headings_are_not_joined():
    d = run("铸魂\n\n发挥党建引领作用\n\n正文第一句,讲的是某某局的工作。")
    assert d.text.splitlines()[:2] == ["铸魂", "发挥党建引领作用"]


def test_simplified_by_regex_is_what_the_converter_gives_each_character():
    from kg.text import _T2S, _t2s_char, _traditional, to_simplified

    chars = [chr(c) for c in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)]]
    rx = _traditional()
    assert rx is not None
    assert [c for c in chars if _t2s_char(c) != c and not rx.match(c)] == []
    text = "臺灣交通運輸局黨委," + "".join(chars[::37])
    assert to_simplified(text) == text.translate(_T2S)
    astral = text + "\U00020000\U0002A6A5"  # characters beyond the regex's plane: translated one by one
    assert to_simplified(astral) == astral.translate(_T2S)


def test_a_header_line_with_credits_keeps_its_persons_in_the_text():
    from kg import process_text

    d = run("发布时间:2024-05-01 来源:某网 作者: 韩立明 一审:苏晴\n某县医保局党支部开展志愿服务。\n")
    assert d.meta["date"] == "2024-05-01" and d.meta["source_name"] == "某网"
    (s, e), = d.meta["bylines"]
    assert "韩立明" in d.text[s:e]
    persons = {x.label for x in process_text(d.source).entities.values() if x.type == "Person"}
    assert {"韩立明", "苏晴"} <= persons
