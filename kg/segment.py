"""Sentences and tokens. Tokens come from our own ``jieba.Tokenizer`` loaded
with the domain dictionary ``resources/userdict.txt``.

>>> from .doc import Doc
>>> d = sentences(Doc(path="x", source="", text="甲。乙!\\n丙", offsets=[], paragraphs=[(0, 4, "body"), (5, 6, "body")]))
>>> [d.text[s:e] for s, e, _ in d.sentences]
['甲。', '乙!', '丙']
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from .doc import Doc
from .lexicon import userdict
from .resources import resource_path

__all__ = ["sentences", "clauses", "tokens", "tokenizer", "release"]

SENT_END = re.compile(r"[^。!?!?;;…]*(?:[。!?!?;;…]+[”’」』\"]?|$)")


def sentences(doc: Doc) -> Doc:
    """Split each paragraph into sentences ``(start, end, paragraph_index)``."""
    out = []
    for pi, (ps, pe, _kind) in enumerate(doc.paragraphs):
        para = doc.text[ps:pe]
        for m in SENT_END.finditer(para):
            if m.end() > m.start() and para[m.start():m.end()].strip():
                out.append((ps + m.start(), ps + m.end(), pi))
    doc.sentences = out
    doc.clauses = [c for s, e, _pi in out for c in clauses(doc.text, s, e)]
    return doc


_CLAUSE_MARKS = re.compile("[“《「”》」,,;;::。!?!?]")


_CLAUSE = re.compile("[^,,;;::。!?!?]*[,,;;::。!?!?]")
_OPENERS = re.compile("[“《「]")


def clauses(text: str, start: int, end: int):
    """Clause spans of ``text[start:end]``, split at ,;: outside quotes.

    >>> t = "甲,乙“丙,丁”戊。"
    >>> [t[s:e] for s, e in clauses(t, 0, len(t))]
    ['甲,', '乙“丙,丁”戊。']
    """
    if not _OPENERS.search(text, start, end):  # no quotes: every mark ends a clause
        out = [m.span() for m in _CLAUSE.finditer(text, start, end)]
        s = out[-1][1] if out else start
        if s < end:
            out.append((s, end))
        return out
    out, depth, s = [], 0, start
    for found in _CLAUSE_MARKS.finditer(text, start, end):
        i = found.start()
        ch = text[i]
        if ch in "“《「":
            depth += 1
        elif ch in "”》」" and depth:
            depth -= 1
        elif depth == 0 and ch in ",,;;::。!?!?":
            if i + 1 > s:
                out.append((s, i + 1))
            s = i + 1
    if s < end:
        out.append((s, end))
    return out


@lru_cache(maxsize=1)
def tokenizer():
    """The project's own tokenizer with the domain dictionary loaded: a
    ``rjieba.Jieba`` (jieba's dictionary and algorithm in Rust, twenty times
    faster), else a ``jieba.Tokenizer``. Both have ``tokenize(text)`` giving
    ``(word, start, end)``.

    >>> [w for w, _s, _e in tokenizer().tokenize("某县税务局党委")]
    ['某县', '税务局', '党委']
    """
    try:
        import rjieba
    except ImportError:
        return _JiebaTokenizer()
    tk = rjieba.Jieba()
    for word, freq, tag in userdict():
        tk.add_word(word, freq, tag)
    return tk


def release() -> None:
    """Let the tokenizer's dictionary go (rjieba's is ~57 MB); the next
    ``tokenizer()`` loads it again."""
    if tokenizer.cache_info().currsize:
        tk = tokenizer()
        tokenizer.cache_clear()
        if hasattr(tk, "clear"):  # rjieba: free its dictionary now, not when the last reference goes
            tk.clear()


class _JiebaTokenizer:
    """Pure-Python jieba behind the same ``tokenize`` as rjieba's."""

    def __init__(self):
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self.tk = jieba.Tokenizer()
        self.tk.initialize()
        self.tk.load_userdict(str(resource_path("userdict.txt")))

    def tokenize(self, text: str, hmm: bool = True):
        return list(self.tk.tokenize(text, HMM=hmm))




def tokens(doc: Doc) -> Doc:
    """Fill ``doc.tokens`` with ``(start, end)`` of every word."""
    tk = tokenizer()
    out = []
    for ps, pe, _kind in doc.paragraphs:
        out += [(ps + s, ps + e) for _w, s, e in tk.tokenize(doc.text[ps:pe])]
    doc.tokens = out
    return doc
