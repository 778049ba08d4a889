"""Relations one clause states: its subject and the cue words before each name."""
from __future__ import annotations

import bisect

from ..lexicon import ORG_TYPES, bare_head
from .common import AGENT_TYPES, BUILDER_TYPES, GOAL_AFTER, LIST_JOINS, PARTNER, PERSONAL_HONOR, SOUGHT_AFTER, _ALLIANCE, _TEAM, _find_cue, _place_of
from .cooperation import _cooperation


def _listed(text, before):
    """The last name before a cue and the names listed with it (甲、乙和丙被评为):
    each of the same kind as the last, joined to the next by 、 or 和."""
    out = [before[-1]]
    kind = before[-1].type in ORG_TYPES
    for x in reversed(before[:-1]):
        if x.end <= out[-1].start and text[x.end:out[-1].start] in LIST_JOINS and (x.type in ORG_TYPES) == kind:
            out.append(x)
        elif x.end <= out[-1].start:
            break
    return out[::-1]


def _list_end(text, cm, m) -> int:
    """Where the list that ``m`` opens ends (甲示范党支部和乙品牌党支部|创建工作)."""
    by_start = {x.start: x for x in cm if x.type == m.type}
    end = m.end
    while text[end:end + 1] in ("和", "、", "及") and end + 1 in by_start:
        end = by_start[end + 1].end
    return end


def _owner(ctx, text, cm, m):
    """The unit written right before a quoted name or a title, with nothing or
    的 between (某局“某某”党建品牌, 某工委《某某》): the name is its own."""
    if text[m.start:m.start + 1] not in "“《\"「":
        return None
    for x in cm:
        if x.end <= m.start and text[x.end:m.start] in ("", "的") and ctx.type(x.entity) in AGENT_TYPES:
            return x.entity
    return None


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
            owner = _owner(ctx, text, cm, m)
            for s in [owner] if owner else subj:
                ctx.add(s, "hasBrand", e, cs, ce, "brand-owner" if owner else "brand-subject",
                        0.8 if m.rule != "quote-subbrand" else 0.6)
        elif t == "Project":
            owner = _owner(ctx, text, cm, m)
            for s in [owner] if owner else subj:
                ctx.add(s, "undertakes", e, cs, ce, "project-owner" if owner else "project-subject", 0.65)
        elif t == "Honor":
            cue = _find_cue(text, cs, m.start, cues.get("honor", ()) + cues.get("honor_weak", ()), ctx.named)
            if cue < 0 or text[max(cs, cue - 1):cue] in ("争", "创") or SOUGHT_AFTER.match(text, _list_end(text, cm, m)):
                continue
            before = [x for x in cm if x.end <= cue and x.entity != e
                      and ctx.type(x.entity) in AGENT_TYPES | {"Place", "Facility", "Person"}
                      and text[max(cs, x.start - 1):x.start] != "被"  # 被某部命名为: 某部 gives, not receives
                      and not any(y is not x and y.start <= x.start and x.end <= y.end and y.end <= cue
                                  and (y.end - y.start) > (x.end - x.start) for y in cm)]
            before.sort(key=lambda x: (x.end, x.end - x.start))
            if not before and bare_head(text[cs:cue]):
                continue  # 展馆被评为 with no 展馆 named before: not the clause's carried-over subject
            recips = [x.entity for x in _listed(text, before)] if before else list(subj)
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
            owner = _owner(ctx, text, cm, m)
            if owner:  # 某工委《某某》: the body's own paper
                ctx.add(owner, "issued", e, cs, ce, "document-owner", 0.7)
            elif _find_cue(text, ss, m.start, cues.get("issue", ()), ctx.named) >= 0:
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
