"""Persons: bylines and names after a title (书记某某)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc
from ..resources import read_lines
from .common import CJK, _mk


PERSON_RE = re.compile(r"(?:本版文字|本版撰文|文字|文\s*/|记者|通讯员|作者|撰稿|撰文|摄影|图\s*/|编辑)\s*[::]?\s*((?:[" + CJK + r"]{2,3}(?:[\s、,,]+|$))+)")
TITLES = lx.posts() + ("党员", "驾驶员", "民警", "辅警", "医生", "医师", "护士", "教师", "网格员", "技师", "工程师")
TITLE_PERSON_RE = re.compile("(?:" + "|".join(TITLES) + ")")
NAME_FOLLOWERS = "说表介带指兼称认强坦告被获荣当"  # first characters of what follows a name: 表示, 被评为, 荣获, 当选
# a page's credit fields anywhere in the text: 作者:某某 一审:某某 责任编辑:某某
CREDIT_FIELD = re.compile(r"(?<![" + CJK + r"])(?:作者|记者|通讯员|撰稿|摄影|编辑|责任编辑|责编|一审|二审|三审|初审|复审|终审|审核|校对|审校)"
                          r"\s*[:：]\s*([" + CJK + r"]{2,4})(?=\s|$|[,,;;、)）])")
INLINE_BYLINE = re.compile(r"[((]\s*((?:(?:记者|通讯员|实习生|摄影|文|图)\s*[/:：]?\s*[" + CJK + r"]{2,3}\s*)+)[))]")


@lru_cache(maxsize=1)
def _surnames() -> tuple:
    names = " ".join(read_lines("surnames.txt")).split()
    return tuple(sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _person_re():
    return re.compile(lx.words_pattern(_surnames()) + "[" + CJK + "]{1,2}")


def _person_name(s: str):
    """Longest plausible name at the start of ``s``: surname (double ones
    first) + 1–2 characters.

    >>> _person_name("欧阳明表示"), _person_name("王")
    ('欧阳明表', None)
    """
    m = _person_re().match(s)
    return m.group() if m else None


def find_persons(doc: Doc):
    text = doc.text
    for s, e in doc.meta.get("bylines", []):
        line = text[s:e]
        for m in PERSON_RE.finditer(line):
            pos = s + m.start(1)
            for nm in re.finditer(r"[" + CJK + r"]{2,3}", m.group(1)):
                if nm.group(0).endswith(("提供", "摄")):
                    continue
                a = pos + nm.start()
                yield _mk(doc, a, a + len(nm.group(0)), "Person", nm.group(0), "byline", 0.9)
    for m in INLINE_BYLINE.finditer(text):
        for nm in re.finditer(r"(?:记者|通讯员|实习生|摄影|文|图)\s*[/:：]?\s*([" + CJK + r"]{2,3})", m.group(1)):
            a = m.start(1) + nm.start(1)
            yield _mk(doc, a, a + len(nm.group(1)), "Person", nm.group(1), "byline", 0.85)
    for m in CREDIT_FIELD.finditer(text):
        yield _mk(doc, m.start(1), m.end(1), "Person", m.group(1), "byline", 0.85)
    for m in TITLE_PERSON_RE.finditer(text):
        if text.rfind("“", 0, m.start()) > text.rfind("”", 0, m.start()):
            continue  # inside a quoted name: “为民警阳光”工程
        rest = text[m.end():m.end() + 4]
        name = _person_name(rest)
        if not name:
            continue
        after = text[m.end() + len(name):m.end() + len(name) + 1]
        if len(name) == 3 and after and re.match("[" + CJK + "]", after) and after not in NAME_FOLLOWERS:
            name = name[:2]
            after = text[m.end() + 2:m.end() + 3]
        if after and re.match("[" + CJK + "]", after) and after not in NAME_FOLLOWERS + "等在和与":
            continue
        a = m.end()
        yield _mk(doc, a, a + len(name), "Person", name, "title-person", 0.6)
    for m in _post_after_re().finditer(text):  # 某科|王某|科长: a department, a name, its post
        name = m.group(1)
        if not any(ch in UNIT_CHARS for ch in name):
            yield _mk(doc, m.start(1), m.end(1), "Person", name, "name-before-post", 0.6)


UNIT_CHARS = frozenset("科处室局院所部委站队办厅中心")


@lru_cache(maxsize=1)
def _post_after_re():
    """A surname and one or two characters between a department (…科, …处)
    and a post of that department (科长, 副处长), which the model reads as one word."""
    return re.compile("(?<=[科处室])(" + lx.words_pattern(_surnames()) + "[" + CJK + "]{1,2}?)"
                      "(?=副?(?:科长|处长|主任|所长|站长|部长))")
