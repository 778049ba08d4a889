"""The units inside a name: the units a party body's name spells out, the
type a department takes from its parent, full and short forms of one unit."""
from __future__ import annotations

import re

from .. import lexicon as lx
from ..doc import Entity, Mention
from ..lexicon import ORG_TYPES
from ..text import norm


DEPARTMENT = re.compile("(?:科|室|部|处|中心|办公室|委员会)$")


def inherit_types(ents):
    """A department named after its parent (某医院康复医学科, 某公司党群工作部) is a
    part of that parent, of its type, not a government body because 科/部 ends it."""
    parents = sorted((e for e in ents if e.type in ("SocialOrganization", "Enterprise")),
                     key=lambda e: -len(e.label))
    for e in ents:
        if e.type != "GovernmentBody" or not DEPARTMENT.search(e.label):
            continue
        p = next((f for f in parents if f is not e and len(f.label) < len(e.label) and e.label.startswith(f.label)), None)
        typ = p.type if p is not None else _inner_type(e)
        if typ is not None:
            _retype(e, typ)
            for short in ents:  # its short form (康复医学科) too
                if short.type == "GovernmentBody" and short is not e and e.label.endswith(short.label):
                    _retype(short, typ)


def _inner_type(e):
    """The type of the unit that opens a department's name (长河市人民医院|康复医学科,
    named only here) when it is a hospital's, a school's or a company's."""
    inner = [t for _u, t in _units_in_name(e.label, e.type)]
    return inner[-1] if inner and inner[-1] in ("SocialOrganization", "Enterprise") else None


def _retype(e, typ):
    e.type = typ
    for m in e.mentions:
        m.type = typ


def join_full_forms(ents):
    """Units of one type whose names are one with their short forms written
    out (市场监管局, 市场监督管理局) are one entity: the units implied by party
    bodies' names, made after the mentions were grouped, join the named ones."""
    first, out = {}, []
    for e in ents:
        if e.type not in ORG_TYPES:
            out.append(e)
            continue
        key = (e.type, lx.full_form(norm(e.label)))
        f = first.get(key)
        if f is None:
            first[key] = e
            out.append(e)
            continue
        f.mentions += e.mentions
        f.aliases |= {e.label} | e.aliases
        if len(e.label) > len(f.label):
            f.aliases.add(f.label)
            f.label = e.label
    return out

UNIT_PARTY = re.compile(r"^(.+?)(机关党委|党支部|党总支|党工委|党委|党组)$")


def implied_units(ents, bounds=None):
    """The units a party body's name spells out before its own kind: 某公司党支部 → 某公司;
    中建二局装饰公司深圳分公司广州片区党支部 → 中建二局装饰公司深圳分公司,
    中建二局装饰公司, 中建二局. A unit ends where a kind of unit (公司, 局…)
    ends a word (``bounds``: the word ends and starts of the text, when known)."""
    known = {norm(n) for e in ents for n in {e.label} | e.aliases}
    out = []
    for e in ents:
        if e.type != "PartyOrganization":
            continue
        for unit, typ in _units_in_name(e.label, e.type):
            if norm(unit) in known:
                continue
            ms = [Mention(pm.start, pm.start + len(unit), pm.text[:len(unit)], typ, unit, "implied-unit", 0.7)
                  for pm in e.mentions if pm.label == e.label and pm.text.startswith(unit)
                  and (bounds is None or pm.start + len(unit) in bounds or _party_tail(e.label, unit))]
            if ms:
                known.add(norm(unit))
                out.append(Entity(key="", type=typ, label=unit, aliases=set(), mentions=ms, confidence=0.7))
    return out


def _party_tail(label: str, unit: str) -> bool:
    """Is the rest of ``label`` after ``unit`` a party body's kind (某支队|党委)?"""
    m = UNIT_PARTY.match(label)
    return bool(m) and m.group(1) == unit


def word_bounds(doc) -> set:
    """Offsets where a word ends and the next begins."""
    ends = {e for _s, e in doc.tokens}
    return {s for s, _e in doc.tokens if s in ends}


def _units_in_name(label: str, typ: str):
    """``(unit, type)`` of every unit the name spells out before its own end."""
    sfx = lx.suffixes()
    party = UNIT_PARTY.match(label) if typ == "PartyOrganization" else None
    body = party.group(1) if party else label
    for m in lx.suffix_regex().finditer(body):
        end = m.end()
        kind = sfx[m.group(0)]
        if kind[1] != "org" or end < 3 or (end == len(label)):
            continue
        unit = body[:end]
        if kind[0] == "PartyOrganization" and end == len(body) and party:
            continue
        if len(unit) >= 3 and kind[0] != "PartyOrganization":  # (湖北省委 of 湖北省委直属机关工委: a body of its own, named elsewhere if at all)
            yield unit, lx.unit_type(unit, kind[0])
