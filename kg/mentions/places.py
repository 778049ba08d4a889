"""Places: the gazetteer, towns, streets, villages and ports."""
from __future__ import annotations

import re

from .. import lexicon as lx
from ..doc import Doc, Mention, span_mask
from .common import CJK, PREPOSITIONS, _ALL_CJK, _Tokens, _ends_word


def find_places(doc: Doc, tok: _Tokens):
    text = doc.text
    full = lx.place_names()
    short = lx.place_short_names()
    starts = lx.place_starts()
    out = []
    seen_full = set()
    free = 0  # longest match first, left to right: no place starts inside the previous one
    rx, pairs = lx.place_start_pattern()
    for m in rx.finditer(text):
        i = m.start()
        if i < free or text[i:i + 2] not in pairs:
            continue
        for L in starts[m.group()]:
            w = text[i:i + L]
            if len(w) < L:
                continue
            if w in full:
                out.append((i, i + L, full[w][0], "full"))
                seen_full.add(full[w][0].code)
                free = i + L
                break
            if w in short and i in tok.start_set and (i + L) in tok.end_set:
                out.append((i, i + L, short[w][0], "short"))
                free = i + L
                break
    # county short names (平湖) count once the full name (平湖市) is in the text
    county_short = {lx.gazetteer()[c].short: lx.gazetteer()[c] for c in seen_full
                    if lx.gazetteer()[c].level == "county" and lx.gazetteer()[c].short != lx.gazetteer()[c].name}
    covered = set()
    for s, e, _, _ in out:
        covered.update(range(s, e))
    for name, place in county_short.items():
        for at in _occurrences(text, name):
            if at not in covered and at in tok.start_set:
                out.append((at, at + len(name), place, "short"))
                covered.update(range(at, at + len(name)))
    mentions = []
    for s, e, place, how in sorted(out, key=lambda x: x[0]):
        mentions.append(Mention(s, e, text[s:e], "Place", place.name, "place-" + how, 0.9 if how == "full" else 0.75,
                                (text[s:e],) if text[s:e] != place.name else ()))
    # regions (长三角, 长三角地区)
    for r in lx.regions():
        if r not in text:
            continue
        for m in re.finditer(re.escape(r) + "(地区|区域)?", text):
            mentions.append(Mention(m.start(), m.end(), m.group(0), "Place", r, "place-region", 0.85, (m.group(0),)))
    # metropolitan areas named after a city (郑州都市圈)
    for m in AREA_RE.finditer(text) if any(a in text for a in AREA_SUFFIXES) else ():
        stem = m.group(1)
        for k in range(len(stem) - 1):
            if stem[k:] in short or stem[k:] in full:
                s = m.start(1) + k
                mentions.append(Mention(s, m.end(), text[s:m.end()], "Place", text[s:m.end()], "place-area", 0.8))
                break
    # children named right after a place: X镇, X乡, X街道, X村, X社区
    for pm in list(mentions):
        for m in CHILD_RE.finditer(text, pm.end, pm.end + 8):
            if m.start() != pm.end or not _local_stem_ok(m.group(1)):
                break
            s, e = pm.end, m.end()
            mentions.append(Mention(s, e, text[s:e], "Place", text[s:e], "place-child", 0.7))
            break
    # compounds such as 上海金山区: a short province/city name followed by a county
    by_start = {m.start: m for m in mentions}
    compounds = []
    for m in mentions:
        nxt = by_start.get(m.end)
        if nxt and m.rule == "place-short" and nxt.rule in ("place-full", "place-short") and m.text in MUNICIPALITIES:
            label = m.text + nxt.label
            compounds.append(Mention(m.start, nxt.end, text[m.start:nxt.end], "Place", label, "place-compound", 0.8,
                                     (m.text + nxt.text, m.text + lx.Place("", nxt.label, "", "").short)))
    return mentions + compounds


MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
AREA_SUFFIXES = ("都市圈", "经济圈", "城市群", "经济区")
AREA_RE = re.compile(r"([" + CJK + r"]{2,4})(" + "|".join(AREA_SUFFIXES) + ")")
CHILD_RE = re.compile(r"([" + CJK + r"]{2,3}?)(街道|镇|乡|村|社区)")
LOCAL_SUFFIX = re.compile(r"(街道|镇|乡|社区|村)")


def find_local_places(doc: Doc, tok: _Tokens):
    """Towns, streets, communities and villages: 芦溪镇, 桂湖社区, 青龙坪村."""
    text = doc.text
    tok_spans = set(tok.spans)
    for m in LOCAL_SUFFIX.finditer(text):
        a, b = m.span()
        if not _ends_word(text, tok, b):
            continue
        i = tok.before(a + 1)
        if i < 0:
            continue
        ts, te = tok.spans[i]
        if ts < a:  # suffix glued to the name: 芦溪镇 is one token
            stem_start = ts
        else:
            j = i - 1
            if j < 0:
                continue
            stem_start = tok.spans[j][0]
            if tok.spans[j][1] != a:
                continue
            # two single characters (青龙坪 = 青龙|坪) still make one name
            if j > 0 and a - stem_start == 1 and tok.spans[j - 1][1] == stem_start and \
                    tok.spans[j - 1][1] - tok.spans[j - 1][0] <= 2:
                stem_start = tok.spans[j - 1][0]
        stem = text[stem_start:a]
        if not _local_stem_ok(stem, one_word=(stem_start, a) in tok_spans):
            continue
        yield Mention(stem_start, b, text[stem_start:b], "Place", text[stem_start:b], "place-local", 0.65)


def find_local_short_names(doc: Doc, tok: _Tokens, places):
    """A town or street named in full (湖坊镇) is named by its stem inside
    the names of units there (湖坊支行, 湖坊派出所), and by its full name
    wherever else it recurs; so is a village or community (上塘村), by its
    full name only."""
    text = doc.text
    taken = {(p.start, p.end) for p in places}
    covered = span_mask(len(text) + 1, places)
    stems = {}
    for p in places:
        if p.rule in ("place-local", "place-child") and p.label.endswith(TOWN_SUFFIXES + VILLAGE_SUFFIXES):
            if p.label.endswith(VILLAGE_SUFFIXES):
                stems.setdefault(p.label, p.label)
                continue
            stem = p.label[:-2] if p.label.endswith("街道") else p.label[:-1]
            if len(stem) >= 2:
                stems.setdefault(stem, p.label)
    for stem, label in sorted(stems.items()):
        for at in _occurrences(text, stem):
            end = at + len(stem)
            if covered[at] or (at, end) in taken:
                continue
            if text.startswith(label, at):  # the full name again, where the tokens hid it
                yield Mention(at, at + len(label), label, "Place", label, "place-local", 0.65)
            elif at in tok.start_set and re.match("[" + CJK + "]", text[end:end + 1]):
                yield Mention(at, end, stem, "Place", label, "place-local-short", 0.6, (stem,))


TOWN_SUFFIXES = ("镇", "乡", "街道")
VILLAGE_SUFFIXES = ("村", "社区")


def _occurrences(text: str, name: str):
    """Start of every occurrence of ``name`` in ``text``, left to right, none overlapping.

    >>> list(_occurrences("甲村乙村甲村", "甲村"))
    [0, 4]
    """
    at = text.find(name)
    while at >= 0:
        yield at
        at = text.find(name, at + len(name))


def find_town_villages(doc: Doc, tok: _Tokens, places):
    """九华乡妙源村: a town followed by one of its villages, where jieba glued
    the two (九华|乡妙源|村) so that neither was found on its own."""
    text = doc.text
    taken = {(p.start, p.end) for p in places}
    for m in TOWN_THEN_VILLAGE.finditer(text):
        a, b = m.span()
        town_start = next((a - n for n in (3, 2) if a - n >= 0 and _local_stem_ok(text[a - n:a])
                           and (a - n in tok.start_set or text[a - n - 1:a - n] in "省市县区旗")), None)
        if town_start is None:
            continue
        for n in (2, 3):
            kind = VILLAGE_SUFFIX.match(text, b + n)
            if kind and _local_stem_ok(text[b:b + n]):
                for s, e in ((town_start, b), (b, kind.end())):
                    if (s, e) not in taken:
                        yield Mention(s, e, text[s:e], "Place", text[s:e], "place-local", 0.65)
                break


TOWN_THEN_VILLAGE = re.compile("(?:乡|镇|街道)(?=[" + CJK + "]{2,3}(?:村|社区))")
VILLAGE_SUFFIX = re.compile("村|社区")


def find_ports(doc: Doc, places):
    """宁波舟山港, 泸州港: place names and 港 make a port."""
    text = doc.text
    ends = {p.end: p for p in places if p.rule.startswith("place-") and p.rule != "place-region"}
    by_end = {}
    for p in places:
        by_end.setdefault(p.end, []).append(p)
    for end, p in sorted(ends.items()):
        if text[end:end + 1] != "港" or text[end + 1:end + 2] in PORT_NOT:
            continue
        start = p.start
        while start in by_end:  # 宁波|舟山|港: places one after another
            start = min(q.start for q in by_end[start])
        yield Mention(start, end + 1, text[start:end + 1], "Facility", text[start:end + 1], "port", 0.7)


PORT_NOT = frozenset("务口航澳湾币股城")  # 港务集团, 港口, 港航, 港澳… are other words


def find_one_character_villages(doc: Doc, places):
    """妙西镇肇村: a village with a one-character name, right after its town,
    and wherever else that name is written."""
    text = doc.text
    covered = span_mask(len(text) + 1, places)
    names = set()
    for p in places:
        m = VILLAGE_AFTER_TOWN.match(text, p.end)
        if p.label.endswith(TOWN_SUFFIXES) and m and m.group(1) not in NOT_VILLAGE and m.group(0) not in lx.stopwords():
            names.add(m.group(0))
    for name in sorted(names):
        for at in _occurrences(text, name):
            if not covered[at]:
                yield Mention(at, at + len(name), name, "Place", name, "place-village", 0.65)


VILLAGE_AFTER_TOWN = re.compile("([" + CJK + "])村(?![民委级务庄镇里落集干])")
NOT_VILLAGE = frozenset("各全本该每一二两三四五多其村镇乡县市区农新旧老大小中东南西北上下内外")


def _local_stem_ok(stem: str, one_word: bool = False) -> bool:
    """Could ``stem`` name a town, community or village (芦溪, 桂湖)? A stem
    that is one word of the tokenizer's (和睦, 中村) may start or end with a
    character that elsewhere joins or qualifies words."""
    if not (2 <= len(stem) <= 4) or not _ALL_CJK.fullmatch(stem) or lx.generic_stem(stem):
        return False  # (所有社区, 驻地社区: which ones, not which one)
    if stem in lx.stopwords() or stem in lx.verbs() or stem in LOCAL_GENERIC:
        return False
    if one_word and stem not in lx.common_words() and not any(c in "省市县区镇乡" for c in stem):
        return True
    if stem[0] in PREPOSITIONS:
        return False
    if stem[-1] in "的和与及在、" or stem[0] in "省市县区镇乡村与和及同的最" or any(stem.endswith(x) for x in LOCAL_BAD_ENDS):
        return False
    return True


LOCAL_BAD_ENDS = ("新农", "城乡", "美丽", "全", "本", "各", "该", "农", "乡", "城", "村", "镇", "业", "型", "之", "性")
LOCAL_GENERIC = frozenset({"城乡", "农村", "乡村", "城镇", "乡镇", "社区", "新农", "全村", "本村", "和谐", "智慧", "美丽",
                           "幸福", "文明", "平安", "示范", "特色", "小区", "试点", "先进", "星级", "五星级", "红色",
                           "精品", "重点", "旅游", "生态", "数字", "未来", "标杆", "样板", "宜居", "富裕"})


LISTED_PLACE = re.compile("[" + CJK + "]{1,4}?(?:新区|区|县|镇|乡|街道)(?=[、等和,,。])")


def find_listed_places(doc: Doc, places):
    """A place listed right after known places (甲区、乙区、丙区等), named like
    them, is a place though no gazetteer knows it (a new district, a zone)."""
    text = doc.text
    by_end = {p.end: p for p in places}
    starts = {p.start for p in places}
    found = []
    for p in sorted(places, key=lambda x: x.start):
        end = p.end
        while text[end:end + 1] == "、" and (end in by_end or found and found[-1].end == end):
            m = LISTED_PLACE.match(text, end + 1)
            if m is None or m.start() in starts:
                break
            mention = Mention(m.start(), m.end(), m.group(0), "Place", m.group(0), "place-listed", 0.6)
            found.append(mention)
            by_end[m.end()] = mention
            end = m.end()
    return found


def name_with_parents(doc: Doc, places) -> None:
    """A village or town written right after the town or county that holds
    it (某街道|某村, 某县|某镇) is also named by the two together: the
    compound is how the article names it."""
    by_start = {}
    for p in places:
        if p.start not in by_start or p.end > by_start[p.start].end:
            by_start[p.start] = p
    text = doc.text
    for p in sorted(by_start.values(), key=lambda x: x.start):
        q = by_start.get(p.end)
        if q is not None and p.label.endswith(PARENT_ENDS) and q.label.endswith(TOWN_SUFFIXES + VILLAGE_SUFFIXES):
            compound = text[p.start:q.end]
            if compound not in q.aliases:
                q.aliases = tuple(q.aliases) + (compound,)


PARENT_ENDS = ("县", "区", "镇", "乡", "街道")


def join_unnested(doc: Doc, places) -> list:
    """A county-level name written right after a city it does not lie in
    (常州|老城区, where the gazetteer's 老城区 is another city's) is not that
    county: the two together name a part of the city."""
    text = doc.text
    by_start = {p.start: p for p in places}
    drop, add = set(), []
    for p in places:
        q = by_start.get(p.end)
        if q is None or q.rule != "place-full" or not q.label.endswith(("区", "县")):
            continue
        up = lx.ancestors(q.label)
        outer = lx.ancestors(p.label) or lx.ancestors(text[p.start:p.end])
        if not up or not outer or outer[0].level not in ("city", "province"):
            continue
        if any(a.name == outer[0].name for a in up[1:]):
            continue
        drop.add(id(q))
        compound = text[p.start:q.end]
        add.append(Mention(p.start, q.end, compound, "Place", compound, "place-part", 0.6))
    return [p for p in places if id(p) not in drop] + add
