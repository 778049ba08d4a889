"""Relations read off names: the place a name opens with, the unit a name holds."""
from __future__ import annotations

import bisect
import re

from .. import lexicon as lx
from ..doc import most_named, span_mask
from ..lexicon import ORG_TYPES
from .common import BUILDER_TYPES, LIST_JOINS, ORGANS


def _opening_place_word(name: str):
    """``(written, full name)`` of the place whose full or short name opens
    ``name`` (the longest), or None."""
    full, short = lx.place_names(), lx.place_short_names()
    for n in range(min(len(name) - 1, 9), 1, -1):
        w = name[:n]
        if w in full:
            return w, w
        if w in short:
            return w, short[w][0].name
    return None


def _opening_place(name: str, places: dict):
    """The place entity (in ``places``, name → key) whose full or short name
    opens ``name``, when the tokenizer hid it (与宁德某公司 cut as 与宁/德某)."""
    hit = _opening_place_word(name)
    return (places.get(hit[1]) or places.get(hit[0])) if hit else None


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


def _name_top(doc, names, key, ent, parent):
    """The unit a party body's name spells out above the body's own unit
    (某公司|某供电所|党支部 → 某公司): the body is that unit's too."""
    plen = len(doc.entities[parent].label)
    for n in range(min(plen, len(ent.label)) - 1, 2, -1):
        k = names.get(ent.label[:n])
        if k is not None and k not in (key, parent):
            rest = doc.entities[parent].label[n:]
            if doc.entities[k].type == "PartyOrganization" or lx.COMPANY_FORM.fullmatch(rest) or _opening_place_word(rest):
                return None  # (某集团|有限公司: one company; 国家税务总局|某市税务局: a local body of its own)
            return k
    return None


LOCAL_LEVELS = (("社区", 5), ("村", 5), ("街道", 4), ("镇", 4), ("乡", 4), ("县", 3), ("区", 3), ("旗", 3))
GAZ_LEVELS = {"province": 1, "city": 2, "county": 3}


def _level(name: str) -> int:
    """How far down the divisions a place lies: 1 province … 5 village; 0 unknown."""
    known = lx.place_names().get(name) or lx.place_short_names().get(name)
    if known:
        return GAZ_LEVELS.get(known[0].level, 0)
    return next((n for sfx, n in LOCAL_LEVELS if name.endswith(sfx)), 0)


def _nests(inner: str, outer: str) -> bool:
    """Does the text's ``outer`` place hold ``inner``, written right after it
    (眉县|常兴镇, 某市|某县)? The gazetteer decides where it knows both."""
    up = lx.ancestors(inner)
    if up and lx.ancestors(outer):
        return any(outer in (a.name, a.short) for a in up[1:])
    a, b = _level(inner), _level(outer)
    return a > b > 0


def _place_chains(ctx, doc):
    """A place written right after the place that holds it is located in it
    (某市|某区|某街道); so is each place listed after it (赴某市|甲县、乙县和丙区)."""
    text = doc.text
    places = sorted((m for m in doc.mentions if m.type == "Place" and m.entity), key=lambda m: (m.start, -m.end))
    by_start = {}
    for m in places:
        by_start.setdefault(m.start, m)  # the longest place starting there
    for outer in places:
        inner = by_start.get(outer.end)
        if inner is None or inner.entity == outer.entity or not _nests(text[inner.start:inner.end], text[outer.start:outer.end]):
            continue
        ctx.add(inner.entity, "locatedIn", outer.entity, outer.start, inner.end, "place-chain", 0.8)
        level = _level(text[inner.start:inner.end])
        nxt = inner
        while nxt.end < len(text) and text[nxt.end] in LIST_JOINS:
            nxt = by_start.get(nxt.end + 1)
            if nxt is None or _level(text[nxt.start:nxt.end]) != level:
                break
            ctx.add(nxt.entity, "locatedIn", outer.entity, outer.start, nxt.end, "place-chain-list", 0.7)


BARE_DEPARTMENT = re.compile("^[^市县区省镇乡]{2,8}(?:科|处|股)$")


def _departments(ctx, doc, parents):
    """A department named bare (工资福利科) in an article about one unit is that
    unit's: the unit the text is about, when it is not a party body.
    ``parents``: each organisation's parent read off its name, or None."""
    topic = [k for k in doc.meta.get("topic", ()) if doc.entities[k].type in ("GovernmentBody", "SocialOrganization", "Enterprise")]
    if len(topic) != 1:
        return
    for k, e in doc.entities.items():
        if e.type in ORG_TYPES and k != topic[0] and BARE_DEPARTMENT.match(e.label) and parents.get(k) is None:
            ctx.add(k, "subOrganizationOf", topic[0], e.mentions[0].start, e.mentions[0].end, "department-of-topic", 0.6)


def _structural(ctx, doc):
    """Relations read off names: place prefixes, X公司党支部 → X公司."""
    _place_chains(ctx, doc)
    places = {}
    for k, e in doc.entities.items():
        if e.type == "Place":
            for n in {e.label} | e.aliases:
                places.setdefault(n, k)
    located = sorted((p for p in doc.mentions if p.type == "Place" and p.entity), key=lambda p: p.start)
    located_starts = [p.start for p in located]
    names = _org_names(doc)
    parents = {k: _name_parent(names, k, e) for k, e in doc.entities.items() if e.type in ORG_TYPES}
    _departments(ctx, doc, parents)
    inside = span_mask(len(doc.text) + 1, [m for m in doc.mentions if m.type != "Place" and m.entity])
    standalone = {p.entity for p in located if not inside[p.start]}  # places written outside any name
    for k, e in doc.entities.items():
        parent = parents.get(k)
        if parent:
            ctx.add(k, "subOrganizationOf", parent, e.mentions[0].start, e.mentions[0].end, "unit-of-name", 0.8)
            top = _name_top(doc, names, k, e, parent) if e.type == "PartyOrganization" else None
            if top is not None and doc.entities[parent].type != "PartyOrganization":
                ctx.add(k, "subOrganizationOf", top, e.mentions[0].start, e.mentions[0].end, "unit-of-name-top", 0.7)
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
                opening = next((p for p in located[i:j] if p.start == m.start and p.end < m.end and p.entity != k
                                and p.entity in standalone and p.text == p.label), None) \
                    if e.type == "PartyOrganization" else None
                if opening is not None:  # 某市某中心党委 where 某市 is also written on its own: it is there
                    ctx.add(k, "locatedIn", opening.entity, m.start, m.end, "place-opens-name-written", 0.75)
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
