"""Honours after an award cue (荣获, 被评为, 入选…)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc
from ..lexicon import strip_quotes
from .common import _mk, _words_re


HONOR_SPLIT = re.compile("以及|和|、|及|(?<=”)(?=“)")
_HONOR_ENDS = re.compile(r"(称号|奖|荣誉|范例|单位|城市|中心|县|市|点|区|基地|乡镇|村|集体|标兵|模范|先锋|示范岗|文明号|党支部|党组织)$")


@lru_cache(maxsize=1)
def _honor_suffixes() -> tuple:
    return tuple(k for k, v in lx.suffixes().items() if v[1] == "honor")


def _honor_suffix(s: str) -> bool:
    s = strip_quotes(s)
    return bool(_HONOR_ENDS.search(s)) or s.endswith(_honor_suffixes())


_HONOR_LEAD = re.compile(r"^(?:了|为|成为|先后)")
_HONOR_TAIL = re.compile(r"(?:荣誉称号|称号|荣誉)$")
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


@lru_cache(maxsize=1)
def _honor_cue_regex():
    roles = lx.cues()
    return _words_re(roles.get("honor", ()) + roles.get("honor_weak", ()))


def find_honors(doc: Doc):
    text = doc.text
    roles = lx.cues()
    strong, weak = roles.get("honor", ()), roles.get("honor_weak", ())
    rx = _honor_cue_regex()
    for m in rx.finditer(text):
        cue = m.group(0)
        if cue in weak and text[m.end():m.end() + 1] in ("得", "评", "批", "取", "悉") and cue == "获":
            continue
        if text[m.start() - 1:m.start()] in ("争", "创"):
            continue
        end = m.end()
        stop = end
        while stop < len(text) and stop - end < 50 and text[stop] not in ",,。;;!?\n" and not text.startswith("等", stop):
            stop += 1
        span = text[end:stop]
        lead = re.match(r"(?:了|为)?", span).end()
        s0 = end + lead
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
            label = _clean_honor(raw)
            if len(label) < 3 or len(label) > 40:
                continue
            conf = 0.85 if cue in strong else 0.6
            yield _mk(doc, a, b, "Honor", label, "honor-" + cue, conf)
