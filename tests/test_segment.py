import jieba

from kg.clean import clean
from kg.doc import Doc
from kg.segment import sentences, tokenizer, tokens


def prep(src):
    return tokens(sentences(clean(Doc(path="x", source=src, text="", offsets=[]))))


def test_sentences_split_at_terminal_punctuation():
    d = prep("第一句。第二句!第三句;\n第四句")
    assert [d.text[s:e] for s, e, _ in d.sentences] == ["第一句。", "第二句!", "第三句;", "第四句"]


def test_tokens_cover_text_and_use_domain_dictionary():
    d = prep("某区行政执法队党支部获评先进基层党组织")
    words = [d.text[s:e] for s, e in d.tokens]
    assert "".join(words) == "某区行政执法队党支部获评先进基层党组织"
    assert "党支部" in words and "获评" in words


def test_own_tokenizer_not_the_global_one():
    assert tokenizer() is not jieba.dt


def test_rust_and_python_jieba_agree_on_chinese(examples, data_dir):
    """rjieba (the tokenizer kg uses) and pure-Python jieba, both with kg's
    dictionary, cut Chinese the same way; they may group runs of ASCII
    (dates such as 2023-12-18) differently, which no rule depends on."""
    import re

    from kg.segment import _JiebaTokenizer

    rust, python = tokenizer(), _JiebaTokenizer()
    CJK = r"[\u4e00-\u9fff]+"
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((data_dir / "passages").glob("*.txt"))]
    assert texts
    for text in texts:
        for para in text.splitlines():
            a = [(s, e) for w, s, e in rust.tokenize(para) if re.fullmatch(CJK, w)]
            b = [(s, e) for w, s, e in python.tokenize(para) if re.fullmatch(CJK, w)]
            assert a == b, para
