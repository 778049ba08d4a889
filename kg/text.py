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

__all__ = ["norm", "is_subsequence"]

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def norm(s: str) -> str:
    """NFKC, lower case, no white space or punctuation (the scorer's folding)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(s))).lower()


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
