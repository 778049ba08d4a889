"""Loaders that turn resource files into the lookup structures the stages use."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import read_lines, read_table, resource_path

__all__ = ["Place", "suffixes", "suffix_regex", "words_pattern", "stopwords", "generic", "cues",
           "quote_cues", "units", "gazetteer", "regions",
           "ORG_TYPES", "strip_quotes", "PARTY_OF_KIND", "ADVERBS", "UNIT_KINDS", "bare_head", "userdict", "full_form", "generic_stem"]


@lru_cache(maxsize=1)
def suffixes() -> dict:
    """suffix → (type, kind)."""
    return {s: (t, k) for s, t, k in read_table("suffixes.tsv")}


@lru_cache(maxsize=1)
def suffix_regex():
    return re.compile(words_pattern(suffixes()))


def words_pattern(words) -> str:
    """A regex matching any of ``words``, the longest one first where several
    start at a place (as their alternation sorted longest first would), written
    as a trie so the engine tries one branch per character, not every word.

    >>> words_pattern(["党委", "党支部", "局"])
    '(?:党(?:委|支部)|局)'
    >>> re.findall(words_pattern(["党委", "党委会"]), "党委会议")
    ['党委会']
    """
    trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    alts = [re.escape(ch) + _trie_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=1)
def stopwords() -> frozenset:
    return frozenset(read_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def stop_verbs() -> frozenset:
    """Party-building verbs jieba lists too rarely (resources/stop_verbs.txt): 配强, 建强."""
    return frozenset(read_lines("stop_verbs.txt"))


@lru_cache(maxsize=1)
def verbs() -> frozenset:
    """Verbs from jieba's own dictionary (tag ``v``) that end a name, and the
    party-building verbs it lists too rarely (resources/stop_verbs.txt),
    minus the ones that often sit inside names (resources/name_verbs.txt)."""
    inside = set(read_lines("name_verbs.txt"))
    return frozenset(w for w in _jieba_dict()[1] if w not in inside) | stop_verbs()


def common_words() -> frozenset:
    """Words of jieba's dictionary (and ours) seen at least 50 times: 大局, 干部."""
    return _jieba_dict()[0]


@lru_cache(maxsize=1)
def _jieba_dict() -> tuple:
    """One pass over jieba's own dict.txt: (the common words, with ours, the verbs
    frequent enough to end a name: two characters or more seen 300 times, one
    character 5,000). One set of common words is kept, not a copy per use."""
    import os
    from importlib.util import find_spec

    common, verbs_ = set(), []
    # found, not imported: importing jieba would load its HMM tables (~10 MB) for nothing
    folder = find_spec("jieba").submodule_search_locations[0]
    with open(os.path.join(folder, "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                f = int(parts[1])
                if f >= 50:
                    common.add(parts[0])
                if len(parts) == 3 and parts[2] == "v" and f >= (300 if len(parts[0]) >= 2 else 5000):
                    verbs_.append(parts[0])
    common.update(w for w, f, _t in userdict() if (f or 0) >= 50)
    return frozenset(common), verbs_


@lru_cache(maxsize=1)
def generic() -> frozenset:
    return frozenset(read_lines("generic.txt"))


@lru_cache(maxsize=1)
def cues() -> dict:
    """role → tuple of cue words, longest first."""
    out = {}
    for cue, role, *_ in read_table("cues.tsv"):
        out.setdefault(role, []).append(cue)
    return {r: tuple(sorted(v, key=len, reverse=True)) for r, v in out.items()}


@lru_cache(maxsize=1)
def quote_cues():
    """List of (compiled regex, type, label mode, role)."""
    out = []
    for row in read_table("quote_cues.tsv"):
        pat, typ, mode = row[:3]
        role = row[3] if len(row) > 3 else ""
        out.append((re.compile(pat), typ, mode, role))
    return out


@lru_cache(maxsize=1)
def units() -> list:
    """(surface, unit, multiplier, kind), longest surface first."""
    rows = [(s, u, float(m), k) for s, u, m, k in read_table("units.tsv")]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


ADMIN_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
                  "自治县", "地区", "林区", "新区", "省", "市", "县", "区", "盟", "旗")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    parent: str

    @property
    def short(self) -> str:
        """Name without its administrative suffix (平湖市 → 平湖)."""
        for suf in ADMIN_SUFFIXES:
            if self.name.endswith(suf) and len(self.name) - len(suf) >= 2:
                return self.name[: -len(suf)]
        return self.name


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    """adcode → Place, for every division down to county level."""
    return {r[0]: Place(r[0], r[1], r[2], r[3] if len(r) > 3 else "") for r in read_table("places.tsv")}


@lru_cache(maxsize=1)
def place_names() -> dict:
    """name → list of Places with that full name."""
    out = {}
    for p in gazetteer().values():
        if p.short != p.name or not p.name.endswith(ADMIN_SUFFIXES):
            out.setdefault(p.name, []).append(p)
    return out


@lru_cache(maxsize=1)
def place_short_names() -> dict:
    """Short names of provinces and prefecture cities (浙江, 嘉兴), and the
    counties whose name is one character and 县 (眉县) → Places."""
    out = {}
    common = common_words()
    for p in gazetteer().values():
        if p.level in ("province", "city") and p.short != p.name:
            out.setdefault(p.short, []).append(p)
        elif len(p.name) == 2 and p.name.endswith(("县", "市")) and p.name not in common:
            out.setdefault(p.name, []).append(p)  # 眉县, 成县: read where words begin and end, as short names are
    return out


def _lookup_names() -> list:
    """The full and short place names the text is searched for (2–9 characters)."""
    return [n for n in list(place_names()) + list(place_short_names()) if 2 <= len(n) <= 9]


@lru_cache(maxsize=1)
def place_starts() -> dict:
    """First character → the lengths (longest first) of full or short place
    names starting with it: where a name can start, and what to try there."""
    out = {}
    for name in _lookup_names():
        out.setdefault(name[0], set()).add(len(name))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in out.items()}


@lru_cache(maxsize=1)
def place_start_pattern() -> tuple:
    """Where a place name can start: a regex for a first character followed
    by a second one, and the set of first two characters of the names (a
    quarter of Chinese text passes the regex, one position in seventy the set)."""
    names = _lookup_names()

    def chars(cs):
        return "[" + "".join(re.escape(ch) for ch in sorted(set(cs))) + "]"

    return re.compile(chars(n[0] for n in names) + "(?=" + chars(n[1] for n in names) + ")"), frozenset(n[:2] for n in names)


def _longest_first(name: str) -> tuple:
    """The lines of a resource file, longest first (for ``startswith`` and regex alternation)."""
    return tuple(sorted(read_lines(name), key=len, reverse=True))


COMPANY_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司$")  # the legal form that ends a company's name


@lru_cache(maxsize=1)
def activity_kinds() -> tuple:
    """Words that end a kind of activity in a list (resources/activity_kinds.txt)."""
    return tuple(read_lines("activity_kinds.txt"))


@lru_cache(maxsize=1)
def plural_places() -> tuple:
    """Words naming several places at once (县区, 地市州), longest first (resources/plural_places.txt)."""
    return _longest_first("plural_places.txt")


@lru_cache(maxsize=1)
def posts() -> tuple:
    """Posts held in a unit (书记, 副局长, 党组成员), longest first (resources/posts.txt)."""
    return _longest_first("posts.txt")


@lru_cache(maxsize=1)
def enterprise_prefixes() -> tuple:
    """State enterprises whose units' names end like a bureau's (中建二局)."""
    return _longest_first("enterprise_prefixes.txt")


@lru_cache(maxsize=1)
def placed_suffixes() -> frozenset:
    """Suffixes that name a unit only right after a place (resources/placed_suffixes.txt)."""
    return frozenset(read_lines("placed_suffixes.txt"))


PARTY_ORGAN = re.compile("(?:党委|党组|党工委|工委)(?:办公室|组织部|宣传部|统战部|办)$|(?:^|街道|社区|镇|乡|村|园区)党建[^,,。]{0,6}委员会$")


def unit_type(name: str, typ: str) -> str:
    """The type of a unit called ``name`` whose suffix gives ``typ``: a state
    enterprise's unit called 局 (中建二局) is a company's, not a bureau; the
    office of a party committee (某行业党委办公室) and a party-building
    committee (某街道党建工作协调委员会) are party bodies.

    >>> unit_type("中建二局", "GovernmentBody"), unit_type("某市交通局", "GovernmentBody")
    ('Enterprise', 'GovernmentBody')
    >>> unit_type("某市交通运输行业党委办公室", "GovernmentBody"), unit_type("某街道党建协调委员会", "GovernmentBody")
    ('PartyOrganization', 'PartyOrganization')
    """
    if typ == "SocialOrganization" and "党员" in name and name.endswith("队"):
        return "PartyOrganization"  # 党员抢修先锋队: a team of party members
    if typ != "GovernmentBody":
        return typ
    if name.startswith(enterprise_prefixes()):
        return "Enterprise"
    return "PartyOrganization" if PARTY_ORGAN.search(name) else typ


@lru_cache(maxsize=1)
def national_prefixes() -> tuple:
    """Names of national bodies that open their local branches' names (国网, 中国石化), longest first."""
    return _longest_first("national_prefixes.txt")


@lru_cache(maxsize=1)
def regions() -> tuple:
    return _longest_first("regions.txt")


def ancestors(name: str) -> list:
    """The place called ``name`` and the divisions above it, nearest first.

    >>> [p.name for p in ancestors("平湖市")]
    ['平湖市', '嘉兴市', '浙江省']
    """
    found = place_names().get(name) or place_short_names().get(name)
    if not found:
        return []
    out, p, gaz = [], found[0], gazetteer()
    while p is not None and p not in out:
        out.append(p)
        p = gaz.get(p.parent)
    return out


@lru_cache(maxsize=1)
def _confidences() -> dict:
    try:
        rows = read_table("confidence.tsv")
    except FileNotFoundError:
        return {}
    return {(r[0], r[1]): float(r[2]) for r in rows}


def confidence(kind: str, rule: str, default: float) -> float:
    """Measured precision of a rule (resources/confidence.tsv), else ``default``."""
    return _confidences().get((kind, rule), default)


# ----------------------------------------------------------------- shared by stages
ORG_TYPES = frozenset({"PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization"})
_QUOTE_CHARS = re.compile("[“”\"「」『』‘’《》]")


def strip_quotes(s: str) -> str:
    """Remove quote and title marks: “温馨港湾” → 温馨港湾."""
    return _QUOTE_CHARS.sub("", s).strip()


PARTY_OF_KIND = re.compile("(.{1,4}?)(党委|党组|党总支|党支部)")  # 公司党委; not 机关党委: the organs' own body


ADVERBS = re.compile("(?:先后|还|也|再次|多次|均|成功|已|曾|连续|相继|又|均已|分别|积极|先行|率先|全面|持续|不断|被)*$")
# (and 被 of 被评为 when the cue found is 评为)


UNIT_KINDS = "公司|集团|单位|局|院|厅|委|所|队|行|站|社|村|镇|中心|街道"  # what 我/该/本 + a kind can refer to


def bare_head(opening: str) -> str:
    """The kind word that is all of a clause's ``opening`` but adverbs, else "".

    >>> bare_head("支队先后"), bare_head("某县支队")
    ('支队', '')
    """
    head = opening[:ADVERBS.search(opening).start()]
    return head if len(head) >= 2 and suffixes().get(head, ("", ""))[1] in ("org", "facility") else ""


@lru_cache(maxsize=1)
def userdict() -> list:
    """``(word, frequency, tag)`` of resources/userdict.txt."""
    out = []
    for line in resource_path("userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) == 2 and freq is None else None)
            out.append((parts[0], freq, tag))
    return out


@lru_cache(maxsize=1)
def _short_forms():
    table = dict(read_table("short_forms.tsv"))
    table.update({full: full for full in list(table.values())})  # a full form is its own
    return table, re.compile(words_pattern(table))


@lru_cache(maxsize=1 << 14)
def full_form(name: str) -> str:
    """``name`` with the short forms of resources/short_forms.tsv written out
    (市场监管局 → 市场监督管理局); a full form already there stays as it is.

    >>> full_form("某区市场监管局"), full_form("某市疾控中心"), full_form("共青团委员会")
    ('某区市场监督管理局', '某市疾病预防控制中心', '共青团委员会')
    """
    table, rx = _short_forms()
    return rx.sub(lambda m: table[m.group(0)], name)


@lru_cache(maxsize=1)
def _modifier_pattern():
    return re.compile("(?:" + words_pattern(read_lines("generic_modifiers.txt")) + ")+")


def generic_stem(stem: str) -> bool:
    """Is ``stem`` (a name without its kind word) only words that say which or
    what kind (resources/generic_modifiers.txt)?

    A kind of place alone (街道, 社区) is not: 街道党工委 is the one of the text.

    >>> generic_stem("乡镇"), generic_stem("行业主管"), generic_stem("平湖市"), generic_stem("街道")
    (True, True, False, False)
    """
    if stem and DETERMINER_END.search(stem):
        return True  # 两地有关|供电所, 县里各|学校: which ones, whatever comes before
    return bool(stem) and stem not in PLACE_KINDS and _modifier_pattern().fullmatch(stem) is not None


DETERMINER_END = re.compile("(?:有关|相关|所有|其他|其它|各|等|部分|多个|多家|若干)$")


PLACE_KINDS = frozenset({"街道", "社区", "农村", "城市"})
