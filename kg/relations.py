"""Relations from cue patterns, with the paragraph's organisation as subject
where the sentence leaves it out.

Subjects: an organisation (or place) at the start of a clause; else the
sentence's subject; else the paragraph's topic (set by an organisation that
opens one of a paragraph's first two sentences); else the document's topic.
"""
from __future__ import annotations

import bisect
import re

from . import lexicon as lx
from .doc import Doc, Relation, most_named, span_mask
from .lexicon import ORG_TYPES, UNIT_KINDS, bare_head

__all__ = ["relations"]

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


def _clause_subjects(doc, ms, cs, ce, partners=None):
    """Entity keys that open the clause (several when joined by 、/和/与);
    the ones after 与 (A与B签订…) are also added to ``partners``."""
    text = doc.text
    first = [m for m in ms if cs <= m.start < ce and m.entity]
    if not first:
        return []
    m0 = first[0]
    lead = text[cs:m0.start].strip()
    qualifier = QUALIFIER.search(lead)  # 该院|胜利路人民法庭党支部…: the name after 该院 opens the clause
    if not LEAD.match(lead[:qualifier.start()] if qualifier else lead):
        return []
    if m0.entity and doc.entities[m0.entity].type not in AGENT_TYPES | {"Place"}:
        return []
    subj = [m0]
    pos = m0.end
    for m in first[1:]:
        if m.start < pos:
            if (m.start, m.end) == (m0.start, m0.end) or m.rule.startswith("list-stem") and m.end == pos:
                subj.append(m)
            continue
        gap = text[pos:m.start]
        if gap in ("、", "和", "与", "及", "") and doc.entities[m.entity].type in AGENT_TYPES | {"Place"}:
            subj.append(m)
            pos = m.end
            if gap == "与" and partners is not None:
                partners.append(m.entity)
        else:
            break
    nxt = text[pos:pos + 2]
    if nxt.startswith("的") or nxt.startswith(("等", "旁")):
        return []
    keys = []
    for m in subj:
        if m.entity not in keys:
            keys.append(m.entity)
    # a lone place opening a clause is a subject only for what it did itself
    return keys


def _under_subject(doc, ms, cs, ce):
    m = UNDER.search(doc.text, cs, ce)
    if not m:
        return []
    return [x.entity for x in ms if m.start(1) <= x.start and x.end <= m.end(1) and x.entity
            and doc.entities[x.entity].type in AGENT_TYPES]


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


def relations(doc: Doc) -> Doc:
    ctx = _Ctx(doc)
    doc.subjects = []
    text = doc.text
    cues = lx.cues()
    ms = [m for m in doc.mentions if m.entity and m.rule != "selfref-qualifier"]
    by_sentence = {}
    starts = [s for s, _, _ in doc.sentences]
    for m in ms:
        k = bisect.bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < doc.sentences[k][1]:
            by_sentence.setdefault(k, []).append(m)
    doc_topic, para_topic = [], []
    last_para, sent_in_para = None, 0
    for k, (ss, se, pi) in enumerate(doc.sentences):
        kind = doc.paragraphs[pi][2]
        if pi != last_para:
            last_para, sent_in_para = pi, 0
        sent_in_para += 1
        smentions = by_sentence.get(k, [])
        if kind == "byline":
            continue
        cls = doc.clauses_in(ss, se)
        sent_subject, under = [], []
        opening_partners = []
        for ci, (cs, ce) in enumerate(cls[:2]):
            under = _under_subject(doc, smentions, cs, ce)
            sent_subject = under or _clause_subjects(doc, smentions, cs, ce, opening_partners)
            if sent_subject or not LEAD_CLAUSE.match(text[cs:ce]):
                break
        agents = [x for x in sent_subject if ctx.type(x) in AGENT_TYPES]
        agents = [x for x in agents if x not in opening_partners] or agents  # A与B签订…: the topic is A
        if sent_in_para == 1:
            opener_is_slogan = not smentions
        if agents:
            if sent_in_para == 1 or (sent_in_para == 2 and opener_is_slogan):
                para_topic = agents
            if not doc_topic:
                doc_topic = agents
        current = agents or para_topic or doc_topic
        joint = []
        for cs, ce in cls:
            cm = [m for m in smentions if cs <= m.start < ce]
            partners = []
            own = _clause_subjects(doc, cm, cs, ce, partners) or _under_subject(doc, cm, cs, ce)
            if not own and BOTH.match(text, cs):
                own = list(ctx.last_pair)  # 双方联合开通…: the two that just agreed to cooperate
            if not own and joint and JOINT.match(text, cs):
                own = joint  # A与B签订协议,共建…: both build
            subj = [x for x in own if ctx.type(x) in AGENT_TYPES] or current
            subj = subj + [x for x in under if x not in subj]
            if own and [x for x in own if ctx.type(x) in AGENT_TYPES]:
                current = [x for x in subj if x not in partners] or subj  # A与B签订…,与C…: A goes on, not B
                joint = subj if partners else []
            doc.subjects.append((cs, ce, list(subj)))
            if cm:  # every relation of a clause is read from a mention in it
                _clause_relations(ctx, doc, cm, cs, ce, subj, own, smentions, ss, se, cues)
    doc.meta["topic"] = doc_topic
    _structural(ctx, doc)
    doc.relations = sorted(ctx.rels.values(), key=lambda r: (r.start, r.subject, r.predicate, r.object))
    return doc


def _clause_relations(ctx, doc, cm, cs, ce, subj, own, smentions, ss, se, cues):
    text = doc.text
    own_set = set(own)
    for m in cm:
        e = m.entity
        if e in own_set:
            continue
        t = ctx.type(e)
        if t == "Brand":
            if m.rule == "quote-subbrand":
                k = bisect.bisect_left(ctx.main_brand_starts, m.start)
                mains = [b for b in ctx.main_brands[:k] if b != e]
                for b in mains[-1:]:
                    ctx.add(e, "subBrandOf", b, ss, se, "sub-brand", 0.85)
            for s in subj:
                ctx.add(s, "hasBrand", e, cs, ce, "brand-subject", 0.8 if m.rule != "quote-subbrand" else 0.6)
        elif t == "Project":
            for s in subj:
                ctx.add(s, "undertakes", e, cs, ce, "project-subject", 0.65)
        elif t == "Honor":
            cue = _find_cue(text, cs, m.start, cues.get("honor", ()) + cues.get("honor_weak", ()), ctx.named)
            if cue < 0 or text[max(cs, cue - 1):cue] in ("争", "创"):
                continue
            before = [x for x in cm if x.end <= cue and x.entity != e
                      and ctx.type(x.entity) in AGENT_TYPES | {"Place", "Facility", "Person"}
                      and text[max(cs, x.start - 1):x.start] != "被"  # 被某部命名为: 某部 gives, not receives
                      and not any(y is not x and y.start <= x.start and x.end <= y.end and y.end <= cue
                                  and (y.end - y.start) > (x.end - x.start) for y in cm)]
            before.sort(key=lambda x: (x.end, x.end - x.start))
            if not before and bare_head(text[cs:cue]):
                continue  # 展馆被评为 with no 展馆 named before: not the clause's carried-over subject
            recips = [before[-1].entity] if before else list(subj)
            if before and before[-1].rule.startswith("list-stem"):
                recips = [x.entity for x in before if x.rule == "list-stem-party"] or recips
            if PERSONAL_HONOR.search(doc.entities[e].label):  # 劳动奖章, 优秀共产党员: a person's, never a unit's
                recips = [r for r in recips if ctx.type(r) == "Person"]
            for r in recips:
                ctx.add(r, "receivedHonor", e, cs, ce, "honor-cue", 0.8)
                if doc.entities[e].label.endswith("城市"):
                    place = _place_of(doc, r)
                    if place:
                        ctx.add(place, "receivedHonor", e, cs, ce, "honor-city", 0.6)
        elif t == "Activity":
            if _find_cue(text, cs, m.start, cues.get("organize", ()), ctx.named) >= 0:
                for s in subj:
                    ctx.add(s, "organized", e, cs, ce, "activity-cue", 0.75)
        elif t == "Document":
            if _find_cue(text, ss, m.start, cues.get("issue", ()), ctx.named) >= 0:
                for s in subj:
                    ctx.add(s, "issued", e, cs, ce, "issue-cue", 0.85)
        c = _find_cue(text, cs, m.start, cues.get("contains", ()), ctx.named) if t in ORG_TYPES else -1
        if c >= 0 and not PARTNER.search(text, c, m.start):  # 所属A与B签订: B is A's partner, not a unit
            for s in subj:
                if ctx.type(s) in ORG_TYPES:
                    ctx.add(e, "subOrganizationOf", s, cs, ce, "contains-cue", 0.75)
        if t in BUILDER_TYPES:
            c = _find_cue(text, cs, m.start, cues.get("establish", ()), ctx.named)
            if c >= 0 and not GOAL_AFTER.match(text, m.end):  # 以建设X为目标: X is not built yet
                for s in subj:
                    ctx.add(s, "established", e, cs, ce, "establish-cue", 0.75)
                    owned = t == "PartyOrganization" and ctx.type(s) in ORG_TYPES or (
                        t in ORG_TYPES and ctx.type(s) not in (None, "PartyOrganization")
                        and _TEAM.search(doc.entities[e].label))
                    if owned and not _ALLIANCE.search(doc.entities[e].label):
                        # 成立临时党支部 makes a party body of the subject's; a unit founding a co-operative,
                        # a team or an alliance does not own it
                        ctx.add(e, "subOrganizationOf", s, cs, ce, "established-unit", 0.6)
    _cooperation(ctx, doc, cm, cs, ce, subj, own, cues)


GOAL_AFTER = re.compile("为(?:目标|方向)")
_WITH = re.compile("与|同|和")
_JOINED = re.compile("联合")
_JOINED_AFTER = re.compile("等|开展|组织|举办|进行|共建|共同")
_JOINT_ACTION = re.compile(r"联合([^,,。;;]{2,20}?)(?:开展|组织|进行)")


def _cooperation(ctx, doc, cm, cs, ce, subj, own, cues):
    text = doc.text
    coop = cues.get("cooperate", ())
    for m in _WITH.finditer(text[cs:ce]):
        if ctx.named[cs + m.start()]:
            continue  # 住房和城乡建设厅: part of a name
        a = cs + m.end()
        hit = _first_cue(text, a, ce, coop, ctx.named) - a  # 合作社 names a unit: its 合作 is no cue
        if hit < 0 or hit > 40:
            continue
        partners = [x.entity for x in cm if a <= x.start and x.end <= a + hit  # named before the cue, not around it
                    and ctx.type(x.entity) in AGENT_TYPES | {"Place"}]
        if not partners:
            continue
        left = [x for x in own if x not in partners]
        opener = [x.entity for x in cm if x.end == cs + m.start() and ctx.type(x.entity) in AGENT_TYPES | {"Place"}]
        for s in (opener or left or subj):
            for p in partners[:1] + [q for q in partners[1:] if ctx.type(q) == ctx.type(partners[0])]:
                ctx.add(s, "cooperatesWith", p, cs, ce, "cooperate-cue", 0.75)
    _joint_members(ctx, doc, cm, cs, ce, subj)
    if "联合" not in text[cs:ce]:
        return
    by_start = {}  # start → the longest unit named there
    for x in cm:
        if ctx.type(x.entity) in AGENT_TYPES and x.end - x.start > by_start.get(x.start, (0, 0))[0]:
            by_start[x.start] = (x.end - x.start, x)
    for m in _JOINED.finditer(text, cs, ce):  # 联合A、B等共建单位: A and B
        if ctx.named[m.start()]:
            continue
        pos = m.end()
        partners = []
        while pos in by_start:
            x = by_start[pos][1]
            partners.append(x.entity)
            pos = x.end + (1 if text[x.end:x.end + 1] in ("、", "和", "及", "与") else 0)
        if partners and _JOINED_AFTER.match(text, pos):  # 联合A在村里建立…: too loose to read
            for s in subj:
                for x in partners:
                    ctx.add(s, "cooperatesWith", x, cs, ce, "joint-list", 0.65)
    m = _JOINT_ACTION.search(text[cs:ce])
    if m:
        a, b = cs + m.start(1), cs + m.end(1)
        for x in cm:
            if a <= x.start and x.end <= b and ctx.type(x.entity) in AGENT_TYPES:
                for s in subj:
                    ctx.add(s, "cooperatesWith", x.entity, cs, ce, "joint-action", 0.6)


# units listed together, then what they do together: 由A、B、C共同发起, A、B三所高校发起成立, 对接A、B等单位开展共建
_TOGETHER = re.compile(r"[^,,。;;!?]{0,16}?(?:共同|联合|携手|一起|发起|共建|联建|结对|签订|签署|合作)")
_LIST_SEP = "、和与及"
BUILT = frozenset({"建成", "新建", "打造"})  # 建成的某大厅 is one built (建设的某中心 is not)
_TEAM = re.compile("(?:班|队|组|分队|小组)$")  # a unit's own team (某执法队 → 某女子执法班)
_ALLIANCE = re.compile("联盟|共同体|联合党委|联合党支部|理事会")  # set up by several, part of none
PERSONAL_HONOR = re.compile("(?:个人|奖章|优秀共产党员|优秀党务工作者|劳动模范|劳模|标兵|能手|先进工作者|红旗手|道德模范|好人|最美警察|"
                            "五四青年|青年五四奖章|三八红旗手|最美[^集单组团队]{0,4}(?:人|者|员|家庭)|个人[一二三]等功)$")
_COMPOSED = re.compile(r"(?:组成|组建|构成)的?")
_REACH = re.compile(r"(?:对接|联合|携手|联系|走访)$")
_SHARED_WORK = re.compile(r"[^,,。;;!?]{0,12}?(?:共建|联建|结对|合作|协作)")


def _joint_members(ctx, doc, cm, cs, ce, subj):
    """Units named in one list that act together cooperate with each other;
    a list the subject reaches out to for shared work (对接A、B等单位开展共建)
    cooperates with the subject."""
    text = doc.text
    by_start = {}
    for x in cm:
        if ctx.type(x.entity) in AGENT_TYPES and x.end - x.start > by_start.get(x.start, (0, None))[0]:
            by_start[x.start] = (x.end - x.start, x)
    done = set()
    for start in sorted(by_start):
        if start in done:
            continue
        run, pos = [], start
        while pos in by_start:
            x = by_start[pos][1]
            run.append(x)
            done.add(pos)
            pos = x.end + (1 if text[x.end:x.end + 1] in _LIST_SEP and x.end + 1 < ce else 0)
            if pos == x.end:
                break
        members = list(dict.fromkeys(x.entity for x in run))
        if len(members) < 2:
            continue
        end = run[-1].end
        if _REACH.search(text, cs, start):
            work = _SHARED_WORK.match(text, end, ce)
            if work and not ctx.named[work.end() - 1]:
                for s in subj:
                    for b in members:
                        if b != s:
                            ctx.add(s, "cooperatesWith", b, cs, ce, "joint-reach", 0.6)
            continue
        together = _TOGETHER.match(text, end, ce)
        composed = _COMPOSED.match(text, together.end()) if together else None
        if composed:  # 由A、B共同组成的某联合党委: they are its members
            at = [x for x in cm if composed.end() <= x.start <= composed.end() + 6 and ctx.type(x.entity) in AGENT_TYPES]
            whole = min(at, key=lambda x: (x.start, -x.end)).entity if at else None
            for a in members if whole else ():
                ctx.add(a, "subOrganizationOf", whole, cs, ce, "composed-of", 0.6)
        elif together and not ctx.named[together.end() - 1]:  # (联合 of 某联合党委 is a name's)
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    ctx.add(a, "cooperatesWith", b, cs, ce, "joint-members", 0.6)


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


def _opening_place(name: str, places: dict):
    """The place entity (in ``places``, name → key) whose full or short name
    opens ``name``, when the tokenizer hid it (与宁德某公司 cut as 与宁/德某)."""
    full, short = lx.place_names(), lx.place_short_names()
    for n in range(min(len(name) - 1, 9), 1, -1):
        w = name[:n]
        target = w if w in full else short[w][0].name if w in short else None
        if target is not None:
            return places.get(target) or places.get(w)
    return None


def _locating(p, m, label) -> bool:
    """Places that locate what they name: full names, short names of counties
    already named in full, and a province or city short name that opens the
    name (江苏某某集团, 四川大学) or follows a national body's name (国网台州…)."""
    if p.rule != "place-short":
        return p.rule.startswith("place-")
    if any(x.level == "county" for x in lx.place_names().get(p.label, ())):
        return True
    return p.start == m.start or m.text[:p.start - m.start] in lx.national_prefixes()  # 国网|台州供电公司


def _org_names(doc) -> dict:
    """Every name (label or alias, 3+ characters) of an organisation → its key."""
    out = {}
    for k in sorted(doc.entities):
        other = doc.entities[k]
        if other.type in ORG_TYPES:
            for n in [other.label] + sorted(other.aliases):
                if len(n) >= 3:
                    out.setdefault(n, k)
    return out


def _name_parent(names, key, ent):
    """The organisation whose full name opens this one's: 某公司党支部 → 某公司,
    某市公安局某派出所 → 某市公安局 (the longest such name)."""
    best, best_len = None, 0
    for x in [ent.label] + sorted(a for a in ent.aliases if len(a) > 3):
        for n in range(len(x) - 2, 2, -1):
            k = names.get(x[:n])
            if k is not None and k != key and n > best_len:
                best, best_len = k, n
                break
    return best


def _structural(ctx, doc):
    """Relations read off names: place prefixes, X公司党支部 → X公司."""
    places = {}
    for k, e in doc.entities.items():
        if e.type == "Place":
            for n in {e.label} | e.aliases:
                places.setdefault(n, k)
    located = sorted((p for p in doc.mentions if p.type == "Place" and p.entity), key=lambda p: p.start)
    located_starts = [p.start for p in located]
    names = _org_names(doc)
    for k, e in doc.entities.items():
        parent = _name_parent(names, k, e) if e.type in ORG_TYPES else None
        if parent:
            ctx.add(k, "subOrganizationOf", parent, e.mentions[0].start, e.mentions[0].end, "unit-of-name", 0.8)
        # the part of the name that is the parent's (某公安局|某分局): a place in it is the parent's
        # place, not this unit's own (but 中国农业银行|碧湖|支行 names its own)
        own_from = len(doc.entities[parent].label) if parent else 0
        if e.type in BUILDER_TYPES:
            for m in e.mentions:
                i = bisect.bisect_left(located_starts, m.start)
                j = bisect.bisect_left(located_starts, m.end)
                inner = [p for p in located[i:j] if p.end < m.end and p.entity != k and _locating(p, m, e.label)]
                if parent and m.text.startswith(doc.entities[parent].label):
                    inner = [p for p in inner if p.start - m.start >= own_from]
                elif parent:
                    inner = []
                if inner:
                    p = max(inner, key=lambda x: (x.end, x.start))
                    ctx.add(k, "locatedIn", p.entity, m.start, m.end, "place-in-name", 0.85)
                elif m.text[:1] not in "“‘\"" and not parent:
                    place = _opening_place(m.text, places)
                    if place and place != k:
                        ctx.add(k, "locatedIn", place, m.start, m.end, "place-opens-name", 0.75)
        if e.type == "Place":
            for m in e.mentions:
                if m.rule == "place-compound":
                    for p in doc.mentions:
                        if p.type == "Place" and p.start == m.start and p.end < m.end and p.entity:
                            ctx.add(k, "locatedIn", p.entity, m.start, m.end, "place-compound", 0.7)
    for k, e in doc.entities.items():  # 院机关党委: a body of the 院 the text is about
        organs = ORGANS.match(e.label) if e.type == "PartyOrganization" else None
        if organs is None:
            continue
        units = [u for u in doc.entities.values() if u.type in ORG_TYPES - {"PartyOrganization"}
                 and organs.group(1) in u.label]  # 集团 in 某某集团有限公司
        if units:
            unit = most_named(units)
            # under the 党委 of such a unit where there is one (a 党组 leads, it does not contain)
            bodies = [x for x in doc.entities.values() if x.type == "PartyOrganization" and x.key != k
                      and x.label.endswith("党委") and not x.label.endswith("机关党委") and organs.group(1) in x.label[:-2]]
            above = max(bodies, key=lambda x: (len(x.mentions), x.key)).key if bodies else unit.key
            ctx.add(k, "subOrganizationOf", above, e.mentions[0].start, e.mentions[0].end, "organs-unit", 0.7)
    starting = {}  # start → organisation mentions there, implied units (某法庭 of 某法庭党支部) included
    for e in doc.entities.values():
        if e.type in ORG_TYPES:
            for m in e.mentions:
                if m.rule != "selfref-qualifier":
                    starting.setdefault(m.start, []).append(m)
    for q in doc.mentions:
        if q.rule == "selfref-qualifier" and q.entity:
            after = starting.get(q.end, [])
            unit = [m for m in after if m.type != "PartyOrganization"] or after
            if unit:  # 该院|胜利路人民法庭: the court is the 院's
                m = max(unit, key=lambda x: x.end)
                key = m.entity
                if m.type == "PartyOrganization":  # …党支部: its unit, when its name gives one
                    key = next((o for (s_, p_, o), r in ctx.rels.items()
                                if s_ == key and p_ == "subOrganizationOf" and r.rule == "unit-of-name"), key)
                ctx.add(key, "subOrganizationOf", q.entity, q.start, m.end, "qualified-unit", 0.7)

