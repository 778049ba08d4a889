"""Cooperation: 与/同 a partner and a cue, 联合 a list, units listed together acting together."""
from __future__ import annotations

import re

from .common import AGENT_TYPES, _first_cue


_WITH = re.compile("与|同|和")
_JOINED = re.compile("联合")
_JOINED_AFTER = re.compile("等|开展|组织|举办|进行|共建|共同")
_VISIT = re.compile("到|赴|前往|走进")
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
    by_start = _units_by_start(ctx, cm)
    for m in _JOINED.finditer(text, cs, ce):  # 联合A、B等共建单位: A and B
        if ctx.named[m.start()]:
            continue
        pos = m.end()
        partners = []
        while pos in by_start:
            x = by_start[pos]
            partners.append(x.entity)
            pos = x.end + (1 if text[x.end:x.end + 1] in ("、", "和", "及", "与") else 0)
        visit = _VISIT.match(text, pos) if partners else None
        if visit and visit.end() in by_start:  # 联合A到B开展调研: both are partners
            host = by_start[visit.end()]
            if _JOINED_AFTER.match(text, host.end):
                partners.append(host.entity)
                pos = host.end
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
_TOGETHER = re.compile(r"[^,,。;;!?]{0,16}?(?:共同|联合|携手|一起|发起|共建|联建|结对|签订|签署|合作|发布(?=《))")
_LIST_SEP = "、和与及"
_COMPOSED = re.compile(r"(?:组成|组建|构成)的?")
_REACH = re.compile(r"(?:对接|联合|携手|联系|走访)$")
_SET_UP = re.compile(r"[^,,。;;]{0,3}?(?:成立|组建|建立|创立)")
_FOUNDED = re.compile("联盟|共同体|联合体|协作体|联席会")  # what its members found, not join as units
_SHARED_WORK = re.compile(r"[^,,。;;!?]{0,12}?(?:共建|联建|结对|合作|协作)")


def _units_by_start(ctx, cm) -> dict:
    """start → the longest unit the clause names there."""
    by_start = {}
    for x in cm:
        if ctx.type(x.entity) in AGENT_TYPES and (x.start not in by_start or x.end > by_start[x.start].end):
            by_start[x.start] = x
    return by_start


def _joint_members(ctx, doc, cm, cs, ce, subj):
    """Units named in one list that act together cooperate with each other;
    a list the subject reaches out to for shared work (对接A、B等单位开展共建)
    cooperates with the subject."""
    text = doc.text
    by_start = _units_by_start(ctx, cm)
    done = set()
    for start in sorted(by_start):
        if start in done:
            continue
        run, pos = [], start
        while pos in by_start:
            x = by_start[pos]
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
        if composed:  # 由A、B共同组成的某联合党委: they are its members; of an alliance, its founders
            at = [x for x in cm if composed.end() <= x.start <= composed.end() + 30 and ctx.type(x.entity) in AGENT_TYPES
                  and not any(ch in ",,;;" for ch in text[composed.end():x.start])]
            whole = min(at, key=lambda x: (x.start, -x.end)).entity if at else None
            founded = whole is not None and _FOUNDED.search(doc.entities[whole].label)
            for a in members if whole else ():
                if founded:
                    ctx.add(a, "established", whole, cs, ce, "composed-founders", 0.6)
                else:
                    ctx.add(a, "subOrganizationOf", whole, cs, ce, "composed-of", 0.6)
        elif together and not ctx.named[together.end() - 1]:  # (联合 of 某联合党委 is a name's)
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    ctx.add(a, "cooperatesWith", b, cs, ce, "joint-members", 0.6)
            if _SET_UP.match(text, together.end()) or together.group(0).endswith("发起"):
                # 由A、B、C三所高校发起成立: they founded what the clause is about (or names after the verb)
                after = [x.entity for x in cm if x.start >= together.end() and ctx.type(x.entity) in AGENT_TYPES]
                for whole in after[:1] or [s for s in subj if s not in members]:
                    if _FOUNDED.search(doc.entities[whole].label):
                        for a in members:
                            ctx.add(a, "established", whole, cs, ce, "joint-founders", 0.6)
