"""Mentions → entities: one entity per thing within a document.

Surface forms that normalise alike (我的服务,伴您一路 / 我的服务伴您一路) are one
entity; a short form (行业党委, 港航中心) joins the full name it abbreviates.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc, Entity, most_named
from ..lexicon import ORG_TYPES, PARTY_OF_KIND, strip_quotes
from ..text import norm
from .shortforms import merge_short_forms, place_prefix
from .units import implied_units, inherit_types, join_full_forms, word_bounds

__all__ = ["resolve", "entity_key"]


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

@lru_cache(maxsize=1)
def _generic_names() -> frozenset:
    """Normalised names too generic to be an entity (机关, 机关党委)."""
    gen = {norm(g) for g in lx.generic()}
    return frozenset(gen | {g + p for g in gen - {"机关"} for p in ("党委", "党支部", "党总支", "临时党支部", "机关党委")})


def resolve(doc: Doc) -> Doc:
    """Group ``doc.mentions`` into ``doc.entities`` (key → Entity)."""
    gen = _generic_names()
    selfrefs = [m for m in doc.mentions if m.type == "Self"]
    plural = lx.plural_places()
    ms = [m for m in doc.mentions if m.type != "Self" and norm(m.label) and norm(m.label) not in gen
          and not (m.type in ORG_TYPES and m.label.startswith(plural))]  # 县区人社局: one in each county
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
    ents += implied_units(ents, word_bounds(doc))
    ents = join_full_forms(ents)
    inherit_types(ents)
    ents = merge_short_forms(ents, place_surfaces)
    doc.entities = {}
    for e in ents:
        e.aliases = {a for a in e.aliases if a and a != e.label and norm(a) != ""}
        e.key = entity_key(e.type, e.label)
        e.confidence = lx.confidence("entity", rule_family(e), e.confidence)
        e.place = place_prefix(e.label, place_surfaces) or None
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
    from ..resources import read_table

    return {row[0]: tuple(row[1].split()) + (row[0],) for row in read_table("kind_covers.tsv")}

def _vote_type(mentions) -> str:
    score = Counter()
    for m in mentions:
        score[m.type] += m.confidence
    return max(score, key=lambda t: (score[t], t))
