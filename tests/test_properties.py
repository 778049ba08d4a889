"""Properties that hold for any input text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import process_text
from kg.clean import FOLD

CJK_PIECES = ["党委", "党支部", "局", "中心", "公司", "“", "”", "《", "》", "品牌", "获评", "成立", "以", "为引领",
              "平湖市", "上海", "万", "亿元", "公里", "%", "个", "、", ",", "。", "\n", "\n\n", "12", "3.5", "三",
              "与", "联合执法", "开展", "等", "活动", "□本版文字 ", "当前位置:", "发布日期:2024-01-02", " "]
texty = st.lists(st.one_of(st.sampled_from(CJK_PIECES), st.text(max_size=4)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texty, st.text(max_size=200)))
def test_pipeline_never_crashes_and_spans_match(text):
    doc = process_text(text)
    folded = doc.source.translate(FOLD)
    for m in doc.mentions:
        assert (doc.original or doc.text)[m.start:m.end] == m.text
        a, b = doc.source_span(m.start, m.end)
        assert folded[a:b].replace("\n", "").replace("\r", "") .startswith(m.text[:1]) or not m.text
    for ms in doc.measurements:
        assert doc.text[ms.start:ms.end] == ms.text
    for r in doc.relations:
        assert r.subject in doc.entities and r.object in doc.entities
    surface = doc.original or doc.text  # doc.text is simplified when the article is traditional
    assert len(surface) == len(doc.text)
    for i, ch in enumerate(surface):
        if ch != "\n":
            assert folded[doc.offsets[i]] == ch
