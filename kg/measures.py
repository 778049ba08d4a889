"""Figures: Arabic and Chinese numerals, 万/亿 scaling, units as SCHEMA says.

>>> parse_number("三万")
30000.0
>>> parse_number("2.1")
2.1
>>> parse_number("一百二十")
120.0
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import lexicon as lx
from .doc import Doc, Measurement, span_mask

__all__ = ["measures", "parse_number"]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
NUMBER = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_CN_NUMBER = re.compile(r"[一二两三四五六七八九十百千零〇]+")


def parse_number(s: str) -> float:
    """Arabic or Chinese numeral (without 万/亿) → float."""
    s = s.replace(",", "")
    if _DECIMAL.fullmatch(s):
        return float(s)
    if "点" in s:
        whole, frac = s.split("点", 1)
        return parse_number(whole or "零") + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    total, section, cur = 0, 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (cur or 1) * CN_UNITS[ch]
            cur = 0
        elif ch in CN_BIG:
            total += (section + cur or 1) * CN_BIG[ch]
            section, cur = 0, 0
    return float(total + section + cur)


@lru_cache(maxsize=1)
def _pattern():
    unit_alts = lx.words_pattern(u[0] for u in lx.units())
    return re.compile(
        r"(?P<pre>约|近|超过|超|逾|达到|达|共|累计)?(?P<num>" + NUMBER + r")(?P<scale>万|亿)?(?: ?(?P<approx>余|多))? ?(?P<unit>" + unit_alts + r")"
    )


def measures(doc: Doc) -> Doc:
    text = doc.text
    rx = _pattern()
    units = {u[0]: u for u in lx.units()}
    blocked = span_mask(len(text) + 1, doc.mentions)
    out = []
    for m in rx.finditer(text):
        num = m.group("num")
        a, b = m.start("num"), m.end()
        if blocked[a]:
            continue
        before = text[max(0, a - 1):a]
        after = text[b:b + 1]
        if before == "第" or (before.isdigit()) or (before and before in "一二三四五六七八九十" and not m.group("pre")):
            continue
        if _CN_NUMBER.fullmatch(num):
            if num == "一" or num[0] in "百千" and len(num) == 1 or after in ("是", "把", "线", "王", "强"):
                continue
        surface, unit, mult, kind = units[m.group("unit")]
        if kind == "count" and after and after in "年月日级届":
            continue
        if kind == "duration" and (not num.isdigit() or int(num) >= 1000 or m.group("scale") or after in "月度级代初底末"):
            continue  # 89年发展历史 is a span of years; 2023年, 三年行动 and 年底 are not
        if unit == "期" and not num[0].isdigit() and after != "“":
            continue  # 三期工程 names a phase (三期“某讲堂” counts sessions)
        value = parse_number(num) * mult
        if m.group("scale") == "万":
            value *= 1e4
        elif m.group("scale") == "亿":
            value *= 1e8
        start = m.start() if m.group("pre") in ("约", "近", "超过", "超", "逾") else a
        rule = "measure-cn" if not num[0].isdigit() else "measure"
        out.append(Measurement(start, b, (doc.original or text)[start:b], round(value, 6), unit, "", None, rule,
                               lx.confidence("measurement", rule, 0.8)))
    _attach(doc, out)
    doc.measurements = _restated(doc, out)
    return doc


def _restated(doc, out):
    """A figure written again in a later sentence (该县已成立92家 … 全县92家) is
    one figure: the first keeps it, with the entity of either."""
    starts = [s for s, _e, _p in doc.sentences]
    first = {}
    kept = []
    for m in out:
        key = (m.text, m.unit, m.value)
        sent = bisect.bisect_right(starts, m.start)
        if key in first and first[key][1] != sent:
            earlier = first[key][0]
            if earlier.about is None:
                earlier.about = m.about
            continue
        first.setdefault(key, (m, sent))
        kept.append(m)
    return kept


LEAD_WORDS = re.compile(r"^(?:同时|并|且|其中|全年|累计|目前|截至目前)")
MARKS = re.compile(r"[“”\"《》]")


def _attach(doc, out):
    """Indicator from the clause around the figure; ``about`` from the nearest entity."""
    text = doc.text
    starts = [s for s, _, _ in doc.sentences]
    subj_starts = [s for s, _, _ in doc.subjects]
    ments = sorted((m for m in doc.mentions if m.entity and doc.entities[m.entity].type != "Place"),
                   key=lambda m: m.end)
    ends = [m.end for m in ments]
    for ms in out:
        k = bisect.bisect_right(starts, ms.start) - 1
        sent = doc.sentences[k][:2] if k >= 0 else (0, len(text))
        c = bisect.bisect_right(subj_starts, ms.start) - 1  # the clauses relations read, where it ran
        if c >= 0 and doc.subjects[c][0] <= ms.start < doc.subjects[c][1]:
            cl = doc.subjects[c][:2]
        else:
            cl = next(((s, e) for s, e in doc.clauses_in(*sent) if s <= ms.start < e), sent)
        ind = text[cl[0]:ms.start].strip(" ,,。;;、的了")
        ind = LEAD_WORDS.sub("", ind)
        if len(ind) < 2:
            tail = re.match(r"[^,,。;;、]{1,20}", text[ms.end:cl[1]])
            ind = tail.group(0) if tail else ind
        ms.indicator = MARKS.sub("", ind)[-40:] or ms.text
        j = bisect.bisect_right(ends, ms.start)
        near = [m for m in ments[max(0, j - 8):j] if m.start >= cl[0]]
        if near:
            ms.about = near[-1].entity
        else:
            k = bisect.bisect_right(subj_starts, ms.start) - 1
            if k >= 0 and doc.subjects[k][0] <= ms.start < doc.subjects[k][1] and doc.subjects[k][2]:
                ms.about = doc.subjects[k][2][0]
