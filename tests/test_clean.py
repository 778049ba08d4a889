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


def test_a_header_field_at_the_start_of_a_line_takes_only_the_field():
    """时间:… and a breadcrumb before the article on one line: the rest of the line is still read."""
    from kg import process_text

    for head in ("时间:5月20日上午,", "当前位置:首页 > 工作动态 > 正文 "):
        doc = process_text(head + "长河市税务局党委以“税心向党”党建品牌为引领,开展志愿服务活动,服务群众1200人次。")
        labels = {e.label for e in doc.entities.values()}
        assert {"长河市税务局党委", "税心向党"} <= labels, head
        assert [m.text for m in doc.measurements] == ["1200人次"]
    doc = process_text("当前位置:首页 > 工作动态 > 正文\n发布时间:2024-05-20 10:30 来源:长河日报\n正文很短。")
    assert doc.meta["date"] == "2024-05-20" and "发布时间" not in doc.text


def test_an_article_that_yields_nothing_is_warned_about(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("长河市税务局党委以“税心向党”党建品牌为引领。", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("今天天气很好,我们去公园散步了。", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 0
    assert "warning:" in res.output and "b.txt" in res.output and "a.txt: no entity" not in res.output
