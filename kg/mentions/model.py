"""Names from the statistical name finder's words (``doc.words``, kg.names).

The model knows what the rules cannot: a person's name wherever it is
written (副院长王某某, 零售户李某), and where a unit's name begins when the
text before it runs on without punctuation (集团所辖某公司, 经某省委). The
rules know what the model does not: party bodies (it cuts 党委 off), brands,
projects, honours. So the model's names join the rules' candidates, and its
words trim a rule's name that swallowed the text before it.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc, Mention, Span, span_mask
from .common import CJK, HARD, QUOTES
from .persons import _surnames
from .suffix import LEADING_QUALIFIER

__all__ = ["find_model_names", "trim_by_model", "confirm_persons", "bound_places"]

PERSON_RE = re.compile("[" + CJK + "]{2,4}|[" + CJK + "]{1,6}·[" + CJK + "]{1,8}")
# words that cannot sit inside a unit's name: verbs, pronouns, prepositions,
# conjunctions, particles, adverbs, persons, times, numerals and measure words
STOP_TAGS = frozenset({"v", "vd", "p", "c", "u", "xc", "d", "ad", "r", "PER", "TIME", "t", "m", "q", "w"})
TITLE_END = re.compile("(?:长|主任|书记|老师|同志|师傅|委员|经理|主席|干部|代表|先生|女士|阿姨|大爷|大妈)$")  # 林科长: a title, not a name
PARTY_TAIL = re.compile("(?:机关)?(?:党委|党总支|党支部|党组|党工委|支部|总支)(?:委员会)?")


QUOTED = re.compile("[“「『《‘][^“”「」『』《》‘’\n]{0,80}[”」』》’]")  # a name in quotes is a brand's or a title's word


@lru_cache(maxsize=1)
def _surname_starts() -> frozenset:
    return frozenset(n[0] for n in _surnames())


def find_model_names(doc: Doc):
    """Persons the model tags PER (two to four characters, from a surname) and
    units it tags ORG whose name ends in a kind of unit (…局, …中心, …公司; the
    party body after one, …局党委, is the suffix finder's), outside quotes."""
    if not doc.words:
        return
    text = doc.text
    quotes = list(QUOTED.finditer(text))
    quoted = span_mask(len(text), [Span(m.start(), m.end()) for m in quotes])
    quoted_text = "".join(m.group() for m in quotes)
    loc_by_end = {e: s for _i, s, e in doc.words_tagged("LOC")}
    words = doc.words
    for i in sorted(i for tag in ("PER", "LOC", "ORG") for i, s, _e in doc.words_tagged(tag) if not quoted[s]):
        s, e, tag = words[i]
        if tag == "PER":
            if e - s == 2 and i + 1 < len(words) and _name_tail(text, words, i + 1):
                e += 1  # 书记周冰|之|分别: a particle no name is followed by is the name's last character
            person = _person(text[s:e], quoted_text)
            if person:
                yield Mention(s, e, person, "Person", person, "model-person", 0.8)
        elif tag == "LOC" and e - s >= 3 and _facility(text[s:e]) and ORG_CHARS.fullmatch(text, s, e):
            yield Mention(s, e, text[s:e], "Facility", text[s:e], "model-facility", 0.7)  # 某某站, 某某枢纽
        elif tag == "ORG":
            while s in loc_by_end and not quoted[loc_by_end[s]]:  # the places written before it open its name
                s = loc_by_end[s]  # (某市|某区|某街道|某社区委员会)
            name = text[s:e]
            typ = _org_type(name)
            if typ is None or len(name) < 3 or not ORG_CHARS.fullmatch(name) or _generic_unit(name):
                continue  # (行业主管部门: which kind, not which unit)
            yield Mention(s, e, name, typ, name, "model-org", 0.75)


ORG_CHARS = re.compile("[" + CJK + "A-Za-z0-9()()]+")


def _name_tail(text: str, words: list, i: int) -> bool:
    """Is the one-character particle ``words[i]``, right after a two-character
    person, the person's last character? 地 never follows a name; 之 does only
    before a noun (某某之家)."""
    s, e, tag = words[i]
    if e - s != 1 or tag != "u" or text[s] not in "地之":
        return False
    nxt = words[i + 1][2] if i + 1 < len(words) else "w"
    return text[s] == "地" or nxt not in ("n", "nz", "f", "m")


def _person(name: str, quoted_text: str):
    """``name`` if it can be a person's name, else None."""
    if not PERSON_RE.fullmatch(name) or name in lx.place_names() or TITLE_END.search(name) or name.endswith("某"):
        return None  # (曹某: a person the article keeps unnamed)
    if name[0] not in _surname_starts() and len(name) < 4:
        return None
    if any(q in name for q in QUOTES) or name in quoted_text:
        return None  # (金平湖 of “金平湖·我先行” written again unquoted is no person)
    return name


FACILITY_TAILS = ("站", "枢纽", "机场", "码头", "大桥", "国道", "省道", "县道")


def _facility(name: str) -> bool:
    """Does a place the model reads end like a facility (某某站, 某某枢纽)?"""
    sfx = lx.suffixes()
    return name.endswith(FACILITY_TAILS) or any(sfx.get(name[-n:], ("",))[0] == "Facility"
                                                for n in range(2, min(6, len(name))))


def _org_type(name: str):
    """The organisation type a name's suffix gives, or None."""
    sfx = lx.suffixes()
    for n in range(min(8, len(name) - 1), 0, -1):
        hit = sfx.get(name[-n:])
        if hit and hit[1] == "org":
            return lx.unit_type(name, hit[0])
    return None


def _generic_unit(name: str) -> bool:
    """A kind of unit, not one unit: 行业主管部门, 所有社区."""
    return name in lx.generic() or any(lx.generic_stem(name[:-n]) for n in range(1, min(6, len(name) - 1))
                                       if name[-n:] in lx.suffixes() or name[-n:] in ("社区", "村", "镇", "街道"))


def confirm_persons(doc: Doc, cands: list) -> list:
    """With the model's words, a person found by a title rule (党员|荣获) is
    kept only where the model also reads a person."""
    if not doc.words:
        return cands
    per = bytearray(len(doc.text))
    for _i, s, e in doc.words_tagged("PER"):
        per[s:e] = b"\x01" * (e - s)
    return [m for m in cands if m.rule != "title-person" or per[m.start]]


def _model_whole(text: str, org_by_end: dict, m, loc_by_end=None):
    """The model's longer name for the unit a rule cut short at a verb inside
    it (长河市疾病预防|控制中心): the model's organisation ending where the
    rule's name, or its unit before a party suffix, ends."""
    loc_by_end = loc_by_end or {}
    tail = PARTY_TAIL.search(text, m.start, m.end)
    ends = [m.end] + ([tail.start()] if tail and tail.end() == m.end else [])
    for end in ends:
        c = org_by_end.get(end)
        if c is not None and c < m.start and not any(ch in HARD for ch in text[c:m.start]) \
                and not JOINS.search(text, c, m.start) and not any(v in text[c:m.end] for v in lx.stop_verbs()):
            while c in loc_by_end:  # a place the model reads before it opens the name (成都|新都某联合党委)
                c = loc_by_end[c]
            label = text[c:m.end]
            return Mention(c, m.end, label, m.type, label, m.rule + "-whole", m.confidence, ())
    return None


# what the model's organisations sometimes run over: a party body, a link to another unit
JOINS = re.compile("党委|党支部|党总支|党组|支部|联合|携手|与|和|及|同")
FIELDS_JOINED = re.compile("[省市县区]?[" + CJK + "]{2,4}[和与]")
CLASS_OF_PROJECT = re.compile("(?:国家|省|市|县|区)?级?(?:重大|重点|民生|实事)项目")
NAME_TAGS = frozenset({"ORG", "LOC", "PER", "nz", "TIME"})
LEAD_TAGS = frozenset({"v", "vd", "u", "p", "c", "d", "ad", "xc"})  # words no name starts with


def _model_edges(text: str, words: list, m, starts=None):
    """``m`` with its start moved to the model's word boundaries: the verbs,
    prepositions and particles it starts with left out (参观了|社区), and the
    model's name it starts inside taken whole (华润置|地杭州公司 → 华润置地杭州公司).
    ``m`` itself when nothing moves; None when nothing of a name is left.
    ``starts``: the words' starts, when the caller has them."""
    starts = starts if starts is not None else [w[0] for w in words]
    start = m.start
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and words[i][0] < start < words[i][1] and words[i][2] in ("ORG", "LOC", "nz") \
            and words[i][1] < m.end and not any(ch in HARD for ch in text[words[i][0]:start]):
        start = words[i][0]
    else:
        if i >= 0 and words[i][0] < start < words[i][1] < m.end - 1 and words[i][2] not in NAME_TAGS \
                and text[start] != "某":  # a name does not start inside a word (对|接团市委 → 团市委)
            start = words[i][1]
            i += 1
        while i >= 0 and i < len(words) and words[i][1] < m.end and words[i][2] in LEAD_TAGS \
                and words[i][0] <= start < words[i][1] and text[start] != "某":
            start = words[i][1]
            i += 1
    if start == m.start:
        return m
    label = text[start:m.end]
    if len(label) < 3 or _generic_unit(label):
        return None
    return Mention(start, m.end, label, m.type, label, m.rule + "-bounded", m.confidence, ())


ADDRESS = re.compile("(?:路|街|巷|大道|大街|号|弄)$")


def _after_address(text: str, words: list, m, starts):
    """A building named after its address (某区某街某路|某某商务楼宇) is named
    from where the address ends: the streets locate it, they are not its name.
    Not where only a kind is left (天桥路水上服务区)."""
    i = bisect.bisect_left(starts, m.start)
    cut = None
    while i < len(words) and words[i][1] < m.end - 2:
        s, e, tag = words[i]
        if tag == "LOC" and ADDRESS.search(text, s, e):
            cut = e
        i += 1
    if cut is None or text[cut:m.end] in lx.suffixes():
        return m  # (天桥路|水上服务区: the street is all of its own name)
    label = text[cut:m.end]
    return Mention(cut, m.end, label, m.type, label, m.rule + "-addressed", m.confidence, ())


def _on_token_start(text: str, tok_starts: list, tokens: list, m):
    """``m`` moved on to the tokenizer's next word where the model's start
    falls inside one of its words (配强|商会党支部: 强 is the verb's)."""
    i = bisect.bisect_right(tok_starts, m.start) - 1
    if i < 0 or tokens[i][0] == m.start or tokens[i][1] >= m.end - 2:
        return m
    start = tokens[i][1]
    label = text[start:m.end]
    if len(label) < 3 or _generic_unit(label):
        return m
    return Mention(start, m.end, label, m.type, label, m.rule, m.confidence, ())


def bound_places(doc: Doc, places: list) -> list:
    """Towns, streets and villages the local rules read (参观了社区), bounded
    by the model's words as unit names are."""
    if not doc.words:
        return places
    out = []
    starts = doc.word_starts()
    for p in places:
        q = _model_edges(doc.text, doc.words, p, starts) if p.rule.startswith("place-local") else p
        if q is not None:
            out.append(q)
    return out


def trim_by_model(doc: Doc, cands: list) -> list:
    """Where the model's words bound a rule's unit name better. A name that
    starts before a name the model found inside it, with a verb, pronoun,
    person or the like between (集团所辖|某公司, 经|某省委, 主席张某和|某商会党支部),
    starts where the model's name starts; a name the model reads longer
    (长河市疾病预防控制中心, cut at 预防) is the model's."""
    if not doc.words:
        return cands
    text = doc.text
    words = doc.words
    if not any(m.rule.startswith("suffix-") for m in cands):
        return cands
    # the model's words indexed: names by start and by end, persons, each word's tag by its start
    orgs, locs = doc.words_tagged("ORG"), doc.words_tagged("LOC")
    after_tag = {s: tag for s, _e, tag in words}
    name_at = {s: e for _i, s, e in orgs + locs}
    # (in order of start, the first word ending somewhere is the longest: read backwards, it is kept)
    org_by_end = {e: s for _i, s, e in reversed(orgs)}
    loc_by_end = {e: s for _i, s, e in reversed(locs)}
    pers = [(s, e) for _i, s, e in doc.words_tagged("PER")]
    word_starts = doc.word_starts()
    word_ends = sorted([(e, tag) for _s, e, tag in words])
    quoted = span_mask(len(text) + 1, [Span(q.start(), q.end()) for q in QUOTED.finditer(text)])
    tok_starts = [t[0] for t in doc.tokens]
    starts = sorted(name_at)
    per_starts = [s for s, _e in pers]
    out = []
    for m in cands:
        if not m.rule.startswith("suffix-"):
            out.append(m)
            continue
        if m.type not in lx.ORG_TYPES:
            if m.type == "Project" and m.rule == "suffix-项目":
                edged = _model_edges(text, doc.words, m, word_starts)
                if edged is None or edged is not m and CLASS_OF_PROJECT.fullmatch(edged.label):
                    continue  # 保障|省重大项目: a class of project, not one
            if m.type in ("Facility", "Honor"):  # no verb at the start of a place or an honour (集|党史文化长廊)
                m = _model_edges(text, doc.words, m, word_starts)
            if m is not None and m.type == "Facility":
                m = _after_address(text, doc.words, m, word_starts)
                lead = LEADING_QUALIFIER.match(text, m.start, m.end)
                if lead and m.end - lead.end() >= 4:  # 保障|省重大项目|某码头: which class, once the verb is off
                    label = text[lead.end():m.end]
                    m = Mention(lead.end(), m.end, label, m.type, label, m.rule + "-qualified", m.confidence, ())
            if m is not None:
                out.append(m)
            continue
        lo, hi = bisect.bisect_right(per_starts, m.start), bisect.bisect_left(per_starts, m.end)
        person = [e for _s, e in pers[lo:hi] if e < m.end - 1
                  and after_tag.get(e) in STOP_TAGS]  # (a person who does something: 杨某某|代表, not 魏北|法庭)
        if person:  # 某支部委员会副书记杨某某代表|支部委员会: no unit's name holds a person
            cut = bisect.bisect_left(word_ends, (person[-1] + 1, ""))
            while cut < len(word_ends) and word_ends[cut][0] < m.end and word_ends[cut][1] in STOP_TAGS:
                cut += 1
            start = word_ends[cut - 1][0] if cut > 0 else person[-1]
            label = text[start:m.end]
            if len(label) >= 3 and not _generic_unit(label):
                out.append(Mention(start, m.end, label, m.type, label, m.rule + "-trimmed", m.confidence, ()))
            continue
        whole = _model_whole(text, org_by_end, m, loc_by_end)
        if whole is not None:
            out.append(whole)
            continue
        edged = _model_edges(text, doc.words, m, word_starts)
        if edged is not m:
            if edged is not None:
                out.append(_on_token_start(text, tok_starts, doc.tokens, edged))
            continue
        i = bisect.bisect_right(starts, m.start)
        cut = None
        while i < len(starts) and starts[i] < m.end - 1:
            c = starts[i]
            tail = text[name_at[c]:m.end]
            if name_at[c] <= m.end and (not tail or PARTY_TAIL.fullmatch(tail) or _org_type(text[c:m.end])):
                lo = bisect.bisect_left(word_ends, (m.start + 1, ""))
                hi = bisect.bisect_right(word_ends, (c, "~"))
                if any(tag in STOP_TAGS and text[e - 1] != "某" and text[e - 1] not in QUOTES and not quoted[e - 1]
                       for e, tag in word_ends[lo:hi]):  # (words inside quotes are the quoted name's)
                    cut = c
                    break
            i += 1
        if cut is None or FIELDS_JOINED.fullmatch(text, m.start, cut):
            out.append(m)  # (市水利和|湖泊局: two fields of one bureau, joined by 和)
            continue
        label = text[cut:m.end]
        out.append(Mention(cut, m.end, label, m.type, label, m.rule + "-trimmed", m.confidence, ()))
    return out

