"""Small text helpers shared by the stages.

>>> norm("“金平湖·我先行”")
'金平湖我先行'
>>> is_subsequence("港航中心", "平湖市港航管理服务中心")
True
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["norm", "is_subsequence", "to_simplified"]

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def norm(s: str) -> str:
    """NFKC, lower case, no white space or punctuation (the scorer's folding)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(s))).lower()


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@lru_cache(maxsize=None)
def _t2s_char(ch: str) -> str:
    out = _opencc().convert(ch)
    return out if len(out) == 1 else ch


@lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    cc = OpenCC("t2s")
    cc.convert("")  # load its dictionaries now
    return cc


def to_simplified(text: str) -> str:
    """Traditional characters → simplified, one character for one, so offsets
    hold (臺灣 → 台湾). Matching runs on this; labels keep the original.

    >>> to_simplified("交通運輸局黨委")
    '交通运输局党委'
    """
    if text.isascii():
        return text
    rx = _traditional()
    if rx is None or _ASTRAL.search(text):
        return text.translate(_T2S)
    return rx.sub(_t2s_match, text)  # most texts hold none: faster than translating every character


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _t2s_match(m) -> str:
    return _t2s_char(m.group())


@lru_cache(maxsize=1)
def _traditional():
    """A regex for the characters of the Basic Multilingual Plane that
    OpenCC's t2s dictionaries hold as keys of one character: every such
    character it may change (None if the converter does not show its
    dictionaries, and every character is looked up). Astral characters stay
    out: with them the class would no longer be a fast bitmap."""
    keys = set()
    for entry in getattr(_opencc(), "dict_cache", {}).values():
        for part in entry if isinstance(entry, tuple) else (entry,):
            if isinstance(part, dict):
                keys.update(k for k in part if len(k) == 1 and k < "\U00010000")
    if not keys:
        return None
    return re.compile("[" + "".join(re.escape(k) for k in sorted(keys)) + "]")


class _T2STable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        out = _t2s_char(c) if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" else c
        self[code] = out
        return out


_T2S = _T2STable()
