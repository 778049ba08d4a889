"""What the relation readers share: the collected relations of a document, cue lookups, type sets."""
from __future__ import annotations

import re

from .. import lexicon as lx
from ..doc import Relation, span_mask
from ..lexicon import ORG_TYPES, UNIT_KINDS


AGENT_TYPES = ORG_TYPES
BUILDER_TYPES = ORG_TYPES | {"Facility"}  # what builds or holds a facility
LEAD = re.compile(r"^(?:今年以来|近年来|去年以来|同时|此外|另外|目前|截至目前|近期|随后|其中|\d{4}年(?:\d{1,2}月份?)?(?:\d{1,2}日)?|\d{1,2}月(?:份)?(?:\d{1,2}日)?|[一二三四五六七八九十]+是)?\s*$")
MATRIX = re.compile(r"矩阵|^\d+\+|^[一二三四五六七八九十]+\+")
LEAD_CLAUSE = re.compile(r"^(?:今年以来|近年来|去年以来|同时|此外|另外|目前|截至目前|近期|随后|\d{4}年(?:\d{1,2}月份?)?(?:\d{1,2}日)?|\d{1,2}月(?:份)?(?:\d{1,2}日)?|作为.*)[,,]$")
UNDER = re.compile(r"在(.{2,30}?)的(?:引领|领导|带领|指导|推动|支持)下")


class _Ctx:
    def __init__(self, doc):
        self.doc = doc
        self.rels = {}
        self.ents = doc.entities
        self.last_pair = []

        mains = [(x.start, x.entity) for x in doc.mentions if x.entity and self.type(x.entity) == "Brand"
                 and x.rule != "quote-subbrand" and not MATRIX.search(doc.entities[x.entity].label)]
        self.main_brand_starts = [s for s, _ in mains]
        self.main_brands = [b for _, b in mains]  # brands that head a matrix, in text order
        self.named = span_mask(len(doc.text) + 1, doc.mentions)  # 1 where a name is: words there are not cues

    def add(self, s, p, o, start, end, rule, conf):
        if not s or not o or s == o:
            return
        if p == "cooperatesWith" and o < s:
            s, o = o, s
        key = (s, p, o)
        if p == "cooperatesWith":
            self.last_pair = [s, o]  # what a later 双方 refers to
        conf = lx.confidence("relation", rule, conf)
        if key not in self.rels or self.rels[key].confidence < conf:
            self.rels[key] = Relation(s, p, o, start, end, rule, conf)

    def type(self, key):
        return self.ents[key].type if key in self.ents else None


PARTNER = re.compile("[与同]")
QUALIFIER = re.compile("(?:我|该|本)(?:" + UNIT_KINDS + ")$")
JOINT = re.compile(r"\s*(?:共同|共建|共办|共创|共享|携手|合力)")  # not 联合: 联合X做 brings in X
ORGANS = re.compile("(局|院|厅|公司|集团|委)机关")
BOTH = re.compile(r"\s*(?:双方|两家单位|两单位)")


def _find_cue(text, cs, pos, cues, named=None):
    """Last cue from ``cues`` between ``cs`` and ``pos`` that is not inside a
    name (``named[i]`` set: 住房和城乡建设厅 holds 建设 and 和, but no verb)."""
    best = -1
    for c in cues:
        i = text.rfind(c, cs, pos)
        while i > best and named is not None and named[i]:
            i = text.rfind(c, cs, i)
        if i >= 0 and i > best and (not text.startswith("的", i + len(c)) or c in BUILT):
            best = i
    return best


def _first_cue(text, start, end, cues, named) -> int:
    """First place in ``text[start:end]`` where one of ``cues`` starts outside a name, else -1."""
    best = -1
    for c in cues:
        i = text.find(c, start, end)
        while i >= 0 and named[i]:
            i = text.find(c, i + 1, end)
        if i >= 0 and (best < 0 or i < best):
            best = i
    return best


GOAL_AFTER = re.compile("为(?:目标|方向)")
LIST_JOINS = ("、", "和", "及", "以及", "与")  # what joins the names of a list (甲、乙和丙)
SOUGHT_AFTER = re.compile("(?:创建|创评|争创|评选|申报)(?![^,,。;]{0,3}(?:验收|复查|复核|考核))")
# (某示范党支部创建工作: an honour sought, not held; 通过某示范城市创建复查验收: held)
BUILT = frozenset({"建成", "新建", "打造"})  # 建成的某大厅 is one built (建设的某中心 is not)
_TEAM = re.compile("(?:班|队|组|分队|小组)$")  # a unit's own team (某执法队 → 某女子执法班)
_ALLIANCE = re.compile("联盟|共同体|联合党委|联合党支部|理事会")  # set up by several, part of none
PERSONAL_HONOR = re.compile("(?:个人|奖章|优秀共产党员|优秀党务工作者|劳动模范|劳模|标兵|能手|先进工作者|红旗手|道德模范|好人|最美警察|"
                            "五四青年|青年五四奖章|三八红旗手|最美[^集单组团队]{0,4}(?:人|者|员|家庭)|个人[一二三]等功)$")


def _place_of(doc, key):
    e = doc.entities.get(key)
    if e is None:
        return None
    if e.type == "Place":
        return key
    if e.place:
        for k, p in doc.entities.items():
            if p.type == "Place" and (p.label == e.place or e.place in p.aliases):
                return k
    return None
