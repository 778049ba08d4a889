"""Names in lists: 开展A、B等活动 and shared-stem lists (甲、乙两家公司)."""
from __future__ import annotations

import re

from .. import lexicon as lx
from ..doc import Doc
from ..lexicon import strip_quotes
from .common import CJK, NUM, _mk


LIST_CUES = "组织开展|开展|举办|举行|承担|实施|推出|推进"
ACT_LIST = re.compile(r"(" + LIST_CUES + r")了?([^,,。;;!?\n]{4,160}?)等(?:[" + NUM + r"\d]+(?:余|多)?[项个场次批])?([^,,。;;、\n]{0,6}?)(活动|试点工作|工作|项目|试点|行动|工程|措施)")
_STEM_COUNTED = r"(?:两|三|四|五|六|七|八|九|十|\d+)(?:家|个|所)(公司|企业|合作社|医院|学校|银行)"
STEM_LIST = re.compile(r"([" + CJK + r"A-Za-z0-9]{2,14}(?:[、和与及][" + CJK + r"A-Za-z0-9]{2,10})+)" + _STEM_COUNTED
                       + "(党支部|党总支|党委|支部)?")
_STEM_ANCHOR = re.compile(_STEM_COUNTED)
_STEM_CHAR = re.compile(r"[" + CJK + r"A-Za-z0-9、\d]")  # every character a STEM_LIST match is made of
_STEM_RUN = re.compile(_STEM_CHAR.pattern + "*")


def _stem_lists(text: str):
    """``STEM_LIST.finditer(text)``, tried only on the stretches of name
    characters that hold a count and a kind (…3家企业): the pattern is slow
    to try at every character.

    >>> [m.group(1) for m in _stem_lists("推动甲公司、乙公司2家企业党支部联建")]
    ['推动甲公司、乙公司']
    """
    done = 0
    for a in _STEM_ANCHOR.finditer(text):
        if a.start() < done:
            continue
        s = a.start()
        while s > 0 and _STEM_CHAR.match(text, s - 1):
            s -= 1
        done = _STEM_RUN.match(text, a.start()).end()
        yield from STEM_LIST.finditer(text, s, done)


COUNTED_PROJECTS = re.compile(r"(?<=[由有含括将对])([" + CJK + r"A-Za-z0-9]{2,12}(?:、[" + CJK + r"A-Za-z0-9]{2,12})+)等["
                              + NUM + r"\d]+个(?:重点|重大|在建)?项目")


def find_lists(doc: Doc, places):
    text = doc.text
    for m in COUNTED_PROJECTS.finditer(text):  # 由甲、乙等4个项目组成: each is a project
        pos = m.start(1)
        for item in m.group(1).split("、"):
            yield _mk(doc, pos, pos + len(item), "Project", item, "list-projects", 0.7)
            pos += len(item) + 1
    for m in ACT_LIST.finditer(text):
        body = m.group(2)
        head = m.group(4)
        typ = "Activity" if head == "活动" else "Project"
        start = m.start(2)
        if "的" in body:  # 承担X赋予的A、B → items start after the last 的
            cut = body.rfind("的") + 1
            start += cut
            body = body[cut:]
        bounds = [0] + [x.end() for x in re.finditer("、|(?<=”)(?=“)", body)]
        ends = [x.start() for x in re.finditer("、|(?<=”)(?=“)", body)] + [len(body)]
        spans = list(zip(bounds, ends))
        if len(spans) < 2 and typ == "Project":
            continue
        for i, (ia, ib) in enumerate(spans):
            parts = [(ia, ib)]
            if i == len(spans) - 1 and "和" in body[ia:ib]:
                cut = body.index("和", ia)
                parts = [(ia, cut), (cut + 1, ib)]
            for pa, pb in parts:
                raw = body[pa:pb]
                s = start + pa + (len(raw) - len(raw.lstrip()))
                label = raw.strip()
                q = re.fullmatch(r"“([^”]+)”(活动)?", label)
                if q:
                    yield _mk(doc, s, s + len(label), typ, q.group(1), "list", 0.75, (label,))
                elif typ == "Activity" and label.endswith(lx.activity_kinds()) or head == "工作":
                    continue  # 开展党员教育培训、志愿活动等: kinds of activity; 某某管理等工作: kinds of work
                elif 2 <= len(strip_quotes(label)) <= 30:
                    yield _mk(doc, s, s + len(label), typ, label, "list", 0.75)
    for m in _stem_lists(text):
        items_text, kind, party = m.group(1), m.group(2), m.group(3)
        if kind == "企业":
            kind = "公司"
        pieces = re.split("([、和与及])", items_text)
        pos = m.start(1)
        prefix = ""
        place_here = [p for p in places if p.start == m.start(1)]
        if place_here:
            prefix = place_here[0].text
        for piece in pieces:
            if piece in ("、", "和", "与", "及"):
                pos += len(piece)
                continue
            name = piece
            bare = name[len(prefix):] if prefix and name.startswith(prefix) else name
            ent_label = bare if bare.endswith(kind) else bare + kind
            aliases = [prefix + ent_label] if prefix else []
            aliases.append(bare)
            if prefix and name.startswith(prefix):
                aliases.append(name)
            yield _mk(doc, pos, pos + len(name), "Enterprise", ent_label, "list-stem", 0.8, aliases)
            if party:
                yield _mk(doc, pos, pos + len(name), "PartyOrganization", ent_label + party, "list-stem-party", 0.8,
                          ([prefix + ent_label + party] if prefix else []) + [bare + party])
            pos += len(piece)
