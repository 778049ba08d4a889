"""Honours after an award cue (荣获, 被评为, 入选…)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc, span_mask
from ..lexicon import strip_quotes
from .common import _mk, _words_re


HONOR_SPLIT = re.compile("以及|和|、|及|(?<=”)(?=“)")
_HONOR_ENDS = re.compile(r"(称号|奖|奖章|奖状|荣誉|范例|单位|城市|中心|县|市|点|区|基地|乡镇|村|集体|个人|标兵|模范|先锋|示范岗|岗|"
                         r"文明号|红旗手|工作者|示范库|品牌|专科|党支部|党组织)$")
# where an honour's name ends though the clause runs on: …品牌后的又一项, …名单, …行列
_HONOR_STOP = re.compile(r"(?:之后|以后|后)(?:的|,|,)|的又一|以来|(?:名单|榜单|行列|之列|之一|殊荣)")
RANKED = re.compile("[一二三四五六七八九十特优]等[奖功]")  # 二等奖, 一等功: a rank, not 等 closing a list
_YEAR_LEAD = re.compile(r"(?:\d{4}|[〇一二三四五六七八九零]{4})(?:年度?|—\d{4}年度?)")
# the body that gives the honour, written before it: 省国资委党委|基层党建示范库
# 入选由某某杂志社主办的首批某某案例: the body that runs the selection, then the honour
_HOSTED = re.compile(r"由?([^\s,,。、“”]{4,30}?)(?:主办|举办|组织评选|评选|颁发|授予|命名|发起)的(?=.{3})")
_GIVER = re.compile(r"(?:[^\s,,。、“”]{1,12})(?:党委|党组|委员会|总工会|人民政府|政府|局|厅|部|委)(?=[^\s,,。、]{4})")


@lru_cache(maxsize=1)
def _honor_suffixes() -> tuple:
    return tuple(k for k, v in lx.suffixes().items() if v[1] == "honor")


def _honor_suffix(s: str) -> bool:
    s = strip_quotes(s)
    return bool(_HONOR_ENDS.search(s)) or s.endswith(_honor_suffixes())


_HONOR_LEAD = re.compile(r"^(?:了|为|成为|先后)")
_HONOR_TAIL = re.compile(r"(?:荣誉称号|称号|荣誉|表彰)$")
_QUOTED = re.compile(r"“([^”]+)”")


def _clean_honor(label: str) -> str:
    label = label.strip()
    label = _HONOR_LEAD.sub("", label)
    label = _HONOR_TAIL.sub("", label)
    quoted = _QUOTED.findall(label)
    rest = _QUOTED.sub("", label)
    if len(quoted) == 1 and len(rest) <= 2:
        return quoted[0]
    return strip_quotes(label)


def _giver(doc: Doc, a: int, b: int, org_at: dict):
    """The body that gives the honour in ``text[a:b]``, written first: the
    name finder's organisation there, else a name with a body's suffix."""
    org = org_at.get(a)
    if org is not None:
        tail = next((t for t in ("党委", "党组", "党工委") if doc.text.startswith(t, org)), "")
        org += len(tail)  # 某国资委|党委: the model's unit, its party body written after it
    if org is not None and org - a >= 4:
        return re.match(".{%d}(?=[^\\s,,。、]{4})" % (org - a), doc.text[a:b])
    return _GIVER.match(doc.text, a, b)


def _after_year(text: str, a: int, b: int, keep: int) -> int:
    """``a``, or past the year that opens ``text[a:b]`` (2023年度…) when at
    least ``keep`` characters are left after it."""
    year = _YEAR_LEAD.match(text, a, b)
    return year.end() if year and b - year.end() >= keep else a


def _suffix_of(name: str) -> str:
    sfx = lx.suffixes()
    return next((name[-n:] for n in range(min(8, len(name)), 0, -1) if name[-n:] in sfx), "")


@lru_cache(maxsize=1)
def _honor_cue_regex():
    roles = lx.cues()
    return _words_re(roles.get("honor", ()) + roles.get("honor_weak", ()))


def find_honors(doc: Doc):
    text = doc.text
    roles = lx.cues()
    strong, weak = roles.get("honor", ()), roles.get("honor_weak", ())
    rx = _honor_cue_regex()
    org_at = {s: e for _i, s, e in doc.words_tagged("ORG")}  # the model's organisations, by start
    for m in rx.finditer(text):
        cue = m.group(0)
        if cue in weak and text[m.end():m.end() + 1] in ("得", "评", "批", "取", "悉") and cue == "获":
            continue
        if text[m.start() - 1:m.start()] in ("争", "创"):
            continue
        end = m.end()
        stop = end
        while stop < len(text) and stop - end < 50 and text[stop] not in ",,。;;!?\n" and not (
                text.startswith("等", stop) and not RANKED.match(text, stop - 1)):
            stop += 1
        cut = _HONOR_STOP.search(text, end, stop)
        if cut and cut.start() - end >= 3:
            stop = cut.start()
        s0 = _after_year(text, end + re.match(r"(?:了|为)?", text[end:stop]).end(), stop, 0)
        pieces = []
        cur = s0
        for sep in HONOR_SPLIT.finditer(text, s0, stop):
            if not sep.group(0) or _honor_suffix(text[cur:sep.start()]):  # ”“ always parts two quoted names
                pieces.append((cur, sep.start()))
                cur = sep.end()
        pieces.append((cur, stop))
        for a, b in pieces:
            raw = text[a:b]
            if cue in weak and not _honor_suffix(raw):
                continue
            hosted = _HOSTED.match(text, a, b)
            if hosted:
                h_label = hosted.group(1)
                h_type = lx.unit_type(h_label, lx.suffixes().get(_suffix_of(h_label), ("", ""))[0])
                if h_type in ("PartyOrganization", "GovernmentBody", "SocialOrganization", "Enterprise"):
                    yield _mk(doc, hosted.start(1), hosted.end(1), h_type, h_label, "honor-giver", 0.6)
                    a = hosted.end()  # the honour is what follows 主办的
            giver = None if hosted else _giver(doc, a, b, org_at)
            if giver and len(giver.group(0)) >= 4 and not giver.group(0).startswith(("全国", "全省", "全市", "全区", "全县", "国家")):
                g_label = giver.group(0)
                g_type = lx.unit_type(g_label, lx.suffixes().get(_suffix_of(g_label), ("", ""))[0])
                if g_type in ("PartyOrganization", "GovernmentBody", "SocialOrganization", "Enterprise") and "的" not in g_label:
                    yield _mk(doc, a, a + len(g_label), g_type, g_label, "honor-giver", 0.6)
                    a += len(g_label)
                    raw = text[a:b]
            a = _after_year(text, a, b, 3)  # 某委|2024年某某优秀案例
            again = rx.search(text, a, b)  # 3人荣立某功、5人获|某功: a list item with its own cue
            if again and b - again.end() >= 3:
                a = again.end()
            raw = text[a:b]
            label = _clean_honor(raw)
            if len(label) < 3 or len(label) > 40 or label.endswith("的"):
                continue
            conf = 0.85 if cue in strong else 0.6
            yield _mk(doc, a, b, "Honor", label, "honor-" + cue, conf)


def honour_list_items(doc: Doc, cands: list):
    """An item of a list of honours (甲省最美警队、甲省最美警察、甲省最美家庭) that
    opens like the honour before it is an honour too, though its kind word is
    not one the finders know."""
    text = doc.text
    honours = sorted((m for m in cands if m.type == "Honor"), key=lambda m: m.start)
    taken = {(m.start, m.end) for m in cands}
    covered = span_mask(len(text) + 1, cands)
    for m in honours:
        a = m.end
        if text[a:a + 1] != "、":
            continue
        b = a + 1
        while b < len(text) and b - a <= 20 and text[b] not in "、,,。;;!?…\n" and not (
                text[b] == "等" and not RANKED.match(text, b - 1)):  # (…等荣誉 closes the list; 一等功 does not)
            b += 1
        item = text[a + 1:b]
        k = next((n for n in range(min(len(item), len(m.label)) - 1, 2, -1) if item[:n] == m.label[:n]), 0)
        if k >= 3 and len(item) - k >= 2 and not covered[a + 1] and (a + 1, b) not in taken:
            yield _mk(doc, a + 1, b, "Honor", item, "honor-list", 0.6)
