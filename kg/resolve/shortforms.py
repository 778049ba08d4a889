"""Short forms of a name joined to the one longer name they abbreviate."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..text import is_subsequence, norm
from .units import UNIT_PARTY

LEVEL_PREFIX = re.compile(r"^(?:县级|市级|省级|区级|镇级|乡级|国家级|全省|全市|全县|全区)")


def place_prefix(label: str, places: set) -> str:
    for n in range(min(12, len(label) - 1), 1, -1):
        if label[:n] in places:
            return label[:n]
    return ""

LOCAL_KINDS = frozenset({"村", "社区", "街道", "镇", "乡"})  # places that have party bodies of their own


def _bare_unit(label: str) -> bool:
    """Is ``label`` only a kind of unit, with or without its party body
    (医院党委, 公司), or the party body of a kind of place (村党委, 街道党工委)?

    >>> _bare_unit("医院党委"), _bare_unit("公司"), _bare_unit("某医院党委"), _bare_unit("街道党工委"), _bare_unit("村")
    (True, True, False, True, False)
    """
    m = UNIT_PARTY.match(label)
    unit = m.group(1) if m else label
    return lx.suffixes().get(unit, ("", ""))[1] == "org" or (m is not None and unit in LOCAL_KINDS)


@lru_cache(maxsize=1)
def _national_prefixes() -> tuple:
    return tuple(norm(p) for p in lx.national_prefixes())


def merge_short_forms(ents, place_surfaces):
    """Join a short form to the one longer name of its type that it abbreviates.

    A name that starts with a place joins a longer name only when it is that
    name's tail (吴江区税务局 → 国家税务总局苏州市吴江区税务局); other short forms
    join by subsequence (港航中心 → 平湖市港航管理服务中心).
    """
    out = []
    absorbed = set()
    located_by_type = {}  # names holding a place, by type
    for e in ents:
        if any(p in e.label for p in place_surfaces):
            located_by_type.setdefault(e.type, []).append(e)
    places = [e for e in ents if e.type == "Place" and lx.ancestors(e.label)]
    home = max(places, key=lambda e: (len(e.mentions), e.label)).label if places else ""
    home_chain = {p.name for p in lx.ancestors(home)} if home else set()
    by_label = {}
    for e in ents:
        by_label.setdefault(norm(e.label), []).append(e)
    prefixes = _national_prefixes()
    national = any(label.startswith(prefixes) for label in by_label)  # most articles name no national body
    for e in ents:
        if e.type in ("Place", "Document", "Person"):
            continue
        short = LEVEL_PREFIX.sub("", norm(e.label))
        if len(short) < 2:
            continue
        relative = short[0] if short[0] in "省市县区镇" and len(short) >= 3 else ""
        # 医院党委: the one longer 某某医院党委 of this text, placed or not
        cands = [f for f in ents if f is not e and f.type == e.type and id(f) not in absorbed
                 and len(f.label) > len(short) and norm(f.label).endswith(short)] if _bare_unit(short) else []
        if not cands and national:  # 镇海炼化公司 → 中国石化镇海炼化公司: the national body's name dropped
            whole = norm(e.label)
            cands = [f for p in prefixes for f in by_label.get(p + whole, ())
                     if f.type == e.type and id(f) not in absorbed]
        # 梅岭街道党工委 is a short form of 某市梅岭街道党工委: one unit, not two to choose from
        cands = [f for f in cands if not any(g is not f and len(g.label) > len(f.label)
                                             and norm(g.label).endswith(norm(f.label)) for g in cands)]
        prefixed = not cands and bool(place_prefix(e.label, place_surfaces))
        for f in located_by_type.get(e.type, ()) if not cands else ():
            if f is e or id(f) in absorbed:
                continue
            fl = norm(f.label)
            if len(fl) <= len(short) or fl.startswith(short):
                continue  # (a name that opens a longer one is its unit's, 某公司 of 某公司某分公司, not a short form)
            if prefixed:
                if fl.endswith(short):
                    cands.append(f)
                continue
            place = norm(place_prefix(f.label, place_surfaces))
            body = fl[len(place):]
            sh = short
            if relative and place.endswith(relative):  # 市交通局 in 某市: the 市 is the place
                if home_chain and place_prefix(f.label, place_surfaces) not in home_chain:
                    continue  # 省交通运输厅 in a Henan article is not 浙江省交通运输厅
                sh = short[1:]
            if body.endswith("委员会") and sh.endswith("委"):  # 发改委 ~ 发展和改革委员会
                body = body[:-2]
            if f.type == "Enterprise" and not sh.endswith("公司"):  # 某农商银行 ~ 某农村商业银行股份有限公司
                body = lx.COMPANY_FORM.sub("", body) or body
            if sh[-1] != body[-1:]:
                continue
            if sh[0] in body and is_subsequence(sh, body[body.index(sh[0]):]):
                cands.append(f)
        if len({c.label for c in cands}) == 1:
            f = cands[0]
            f.aliases |= {e.label} | e.aliases
            f.mentions += e.mentions
            absorbed.add(id(e))
    _merge_contained([e for e in ents if id(e) not in absorbed], absorbed)
    sfx = lx.suffixes()
    for e in ents:
        if id(e) in absorbed:
            continue
        if all(m.label in sfx and len(m.label) < 4 for m in e.mentions):
            continue  # a bare suffix that names no organisation of this text
        out.append(e)
    return out


CONTAINED_TYPES = frozenset({"PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization", "Facility"})


def _gap_is_unit(gap: str) -> bool:
    """Does the part a short form leaves out name a unit of its own (保山分公司
    of 某人寿|保山分公司|党委: the branch's body, not the company's; 机关 of
    某局|机关|党委: the organs' body, not the bureau's)?"""
    return bool(re.search(f"{lx.UNIT_KINDS}|部|处|科|办|机关", gap))


def _contains(long: str, short: str) -> bool:
    """Is ``short`` ``long`` with its opening, or one stretch inside it, left
    out (施秉东收费站 of 某高速施秉东收费站; 某职业大学 of 某职业技术大学)?
    A name that opens with a level (省交通运输厅) is :func:`merge_short_forms`'
    to judge: it is not 浙江省交通运输厅 in a Henan article."""
    if long.endswith(short):
        return short[0] not in RELATIVE  # (the opening is the unit it belongs to: 某局|某项目党支部)
    gaps = [long[k:len(long) - len(short) + k] for k in range(2, len(short) - 1)
            if long.startswith(short[:k]) and long.endswith(short[k:])]
    # (every way to cut it: 某公司|青岚分|公司党委 leaves out 青岚分公司 too)
    return bool(gaps) and not any(_gap_is_unit(g) for g in gaps)


RELATIVE = "省市县区镇乡州"  # a name opening with the level of a place left unnamed (市交通局)


def _merge_contained(ents, absorbed):
    """A name that is a longer name of its type with its opening or a stretch
    inside left out (临时党支部 of 某战时临时党支部, 某局党支部 of 某局某项目党支部)
    joins it when it is the only such name of the text."""
    by_type = {}
    for e in ents:
        if e.type in CONTAINED_TYPES:
            by_type.setdefault(e.type, []).append(e)
    for group in by_type.values():
        if len(group) < 2:
            continue
        names = [(lx.full_form(norm(e.label)), e) for e in group]  # (社区党委 = 社区委员会)
        for short, e in sorted(names, key=lambda x: len(x[0])):
            if len(short) < 4 or id(e) in absorbed or _bare_unit(short):
                continue
            cands = {id(f): f for long, f in names if f is not e and id(f) not in absorbed
                     and len(long) > len(short) and _contains(long, short)}
            if len(cands) == 1:
                f = next(iter(cands.values()))
                f.aliases |= {e.label} | e.aliases
                f.mentions += e.mentions
                absorbed.add(id(e))
