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
from .resources import resource_path

__all__ = ["sentences", "tokens", "tokenizer"]

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
    return doc


@lru_cache(maxsize=1)
def tokenizer():
    """The project's own jieba tokenizer with the domain dictionary loaded."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    tk.load_userdict(str(resource_path("userdict.txt")))
    return tk


def tokens(doc: Doc) -> Doc:
    """Fill ``doc.tokens`` with ``(start, end)`` of every word."""
    tk = tokenizer()
    out = []
    for ps, pe, _kind in doc.paragraphs:
        for _w, s, e in tk.tokenize(doc.text[ps:pe], HMM=True):
            out.append((ps + s, ps + e))
    doc.tokens = out
    return doc
