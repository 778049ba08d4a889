"""Mentions → entities: one entity per thing within a document.

Surface forms that normalise alike (我的服务,伴您一路 / 我的服务伴您一路) are one
entity; a short form (行业党委, 港航中心) joins the full name it abbreviates.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from . import lexicon as lx
from .doc import Doc, Entity, Mention, most_named
from .lexicon import ORG_TYPES, PARTY_OF_KIND, strip_quotes
from .text import is_subsequence, norm

__all__ = ["resolve", "entity_key"]

COMPANY_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司$")
LEVEL_PREFIX = re.compile(r"^(?:县级|市级|省级|区级|镇级|乡级|国家级|全省|全市|全县|全区)")


def rule_family(ent) -> str:
    """The rule an entity rests on, for confidence: the best of its mentions'
    rules, with the suffix or cue word dropped (suffix-党委 → suffix:PartyOrganization)."""
    return _best_family(frozenset(m.rule for m in ent.mentions if m.type != "Self"), ent.type)


@lru_cache(maxsize=4096)
def _best_family(rules: frozenset, typ: str) -> str:
    fams = []
    for r in sorted(rules) or ["selfref"]:
        head = r.split("-")[0] if r.startswith(("suffix-", "honor-")) else r
        fams.append(f"{head}:{typ}")
    return max(fams, key=lambda f: (lx.confidence("entity", f, 0.0), f))


def entity_key(typ: str, label: str) -> str:
    return f"{typ}:{norm(label)}"


class _UF:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _place_prefix(label: str, places: set) -> str:
    for n in range(min(12, len(label) - 1), 1, -1):
        if label[:n] in places:
            return label[:n]
    return ""


@lru_cache(maxsize=1)
def _generic_names() -> frozenset:
    """Normalised names too generic to be an entity (机关, 机关党委)."""
    gen = {norm(g) for g in lx.generic()}
    return frozenset(gen | {g + p for g in gen - {"机关"} for p in ("党委", "党支部", "党总支", "临时党支部", "机关党委")})


def resolve(doc: Doc) -> Doc:
    """Group ``doc.mentions`` into ``doc.entities`` (key → Entity)."""
    gen = _generic_names()
    selfrefs = [m for m in doc.mentions if m.type == "Self"]
    ms = [m for m in doc.mentions if m.type != "Self" and norm(m.label) and norm(m.label) not in gen]
    uf = _UF()
    # 1. same normalised name (label or alias) → same entity
    owner = {}
    for i, m in enumerate(ms):
        names = {norm(m.label)} | {norm(a) for a in m.aliases}
        if m.type in ORG_TYPES:  # 市场监管局 and 市场监督管理局 are one bureau's names
            names |= {lx.full_form(n) for n in names}
        for n in names:
            if not n:
                continue
            if n in owner:
                uf.union(owner[n], i)
            else:
                owner[n] = i
    groups = defaultdict(list)
    for i in range(len(ms)):
        groups[uf.find(i)].append(i)
    # 2. build provisional entities
    place_surfaces = {m.text for m in ms if m.type == "Place"} | {m.label for m in ms if m.type == "Place"}
    ents = []
    for idxs in groups.values():
        gm = [ms[i] for i in idxs]
        if len(gm) == 1:  # most names are read once
            typ, label = gm[0].type, gm[0].label
        else:
            typ = _vote_type(gm)
            labels = Counter(m.label for m in gm)
            label = max(labels, key=lambda s: (len(s), labels[s], s))
        aliases = {m.label for m in gm} | {a for m in gm for a in m.aliases} | {strip_quotes(m.text) for m in gm if not m.rule.startswith("list-stem")}
        ents.append(Entity(key="", type=typ, label=label, aliases=aliases, mentions=gm,
                           confidence=max(m.confidence for m in gm)))
    # 3. short forms join the full name they abbreviate
    ents += _implied_units(ents, _word_bounds(doc))
    ents = _join_full_forms(ents)
    _inherit_types(ents)
    ents = _merge_short_forms(ents, place_surfaces)
    doc.entities = {}
    for e in ents:
        e.aliases = {a for a in e.aliases if a and a != e.label and norm(a) != ""}
        e.key = entity_key(e.type, e.label)
        e.confidence = lx.confidence("entity", rule_family(e), e.confidence)
        e.place = _place_prefix(e.label, place_surfaces) or None
        if e.key in doc.entities:  # two groups that normalise to one key
            other = doc.entities[e.key]
            other.aliases |= e.aliases
            other.mentions += e.mentions
            continue
        doc.entities[e.key] = e
        for m in e.mentions:
            m.entity = e.key
    for e in doc.entities.values():
        for m in e.mentions:
            m.entity = e.key
    _link_selfrefs(doc, selfrefs)
    doc.mentions = [m for m in doc.mentions if m.type != "Self" or m.entity]
    if doc.original:
        _restore_surface(doc)
    return doc


DEPARTMENT = re.compile("(?:科|室|部|处|中心|办公室|委员会)$")


def _inherit_types(ents):
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


def _join_full_forms(ents):
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


def _restore_surface(doc):
    """Labels in the article's own characters (traditional stays traditional):
    matching ran on the simplified text, one character for one."""
    back = {}
    for s, o in zip(doc.text, doc.original):
        if s != o:
            back.setdefault(s, o)
    if not back:
        return

    def restore(x: str) -> str:
        return "".join(back.get(c, c) for c in x)

    for e in doc.entities.values():
        e.label = restore(e.label)
        e.aliases = {restore(a) for a in e.aliases}
    for m in doc.mentions:
        m.text = doc.original[m.start:m.end]
        m.label = restore(m.label)


def _link_selfrefs(doc, selfrefs):
    """该公司 → the nearest organisation of that kind named before (else the
    one named most often); 我局, 本院 and a bare kind word (医院与…) → the one
    of that kind the text is about: named most often among those named before."""
    covers = _kind_covers()
    for m in selfrefs:
        kind = m.label
        party = PARTY_OF_KIND.fullmatch(kind) if m.rule == "selfref-head" else None
        heads = tuple(h + party.group(2) for h in covers.get(party.group(1), (party.group(1),))) if party else \
            covers.get(kind, (kind,))
        cands = [e for e in doc.entities.values() if (e.type in ORG_TYPES or e.type == "Facility") and
                 (e.label.endswith(heads) or kind == "单位" or (kind == "司" and e.label.endswith("公司")))]
        if not cands:
            continue
        before = [(mm.start, e.key) for e in cands for mm in e.mentions if mm.end <= m.start]
        if m.rule == "selfref-head" and not before:
            continue  # 医院 alone with no 医院 named before: nothing to refer to
        if m.rule == "selfref-head" or m.text[:1] in "我本":  # the unit of that kind the text is about
            named = {k for _s, k in before} or {e.key for e in cands}
            key = most_named(doc.entities[k] for k in named).key
        else:
            key = max(before)[1] if before else max(cands, key=lambda e: (len(e.mentions), e.label)).key
        m.entity = key
        m.type = doc.entities[key].type
        m.confidence = 0.6


@lru_cache(maxsize=1)
def _kind_covers() -> dict:
    """学校 → (中学, 小学, …): the kinds a bare kind word also refers to (resources/kind_covers.tsv)."""
    from .resources import read_table

    return {row[0]: tuple(row[1].split()) + (row[0],) for row in read_table("kind_covers.tsv")}


UNIT_PARTY = re.compile(r"^(.+?)(机关党委|党支部|党总支|党工委|党委|党组)$")


def _implied_units(ents, bounds=None):
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


def _word_bounds(doc) -> set:
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
            utyp = kind[0]
            if utyp == "GovernmentBody" and unit.startswith(lx.enterprise_prefixes()):
                utyp = "Enterprise"
            yield unit, utyp


def _vote_type(mentions) -> str:
    score = Counter()
    for m in mentions:
        score[m.type] += m.confidence
    return max(score, key=lambda t: (score[t], t))


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


def _merge_short_forms(ents, place_surfaces):
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
        prefixed = not cands and bool(_place_prefix(e.label, place_surfaces))
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
            place = norm(_place_prefix(f.label, place_surfaces))
            body = fl[len(place):]
            sh = short
            if relative and place.endswith(relative):  # 市交通局 in 某市: the 市 is the place
                if home_chain and _place_prefix(f.label, place_surfaces) not in home_chain:
                    continue  # 省交通运输厅 in a Henan article is not 浙江省交通运输厅
                sh = short[1:]
            if body.endswith("委员会") and sh.endswith("委"):  # 发改委 ~ 发展和改革委员会
                body = body[:-2]
            if f.type == "Enterprise" and not sh.endswith("公司"):  # 某农商银行 ~ 某农村商业银行股份有限公司
                body = COMPANY_FORM.sub("", body) or body
            if sh[-1] != body[-1:]:
                continue
            if sh[0] in body and is_subsequence(sh, body[body.index(sh[0]):]):
                cands.append(f)
        if len({c.label for c in cands}) == 1:
            f = cands[0]
            f.aliases |= {e.label} | e.aliases
            f.mentions += e.mentions
            absorbed.add(id(e))
    sfx = lx.suffixes()
    for e in ents:
        if id(e) in absorbed:
            continue
        if all(m.label in sfx and len(m.label) < 4 for m in e.mentions):
            continue  # a bare suffix that names no organisation of this text
        out.append(e)
    return out
