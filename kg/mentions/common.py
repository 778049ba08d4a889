"""Language facts and token helpers the mention finders share."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc, Mention
from ..lexicon import strip_quotes
from ..resources import read_lines


HARD = frozenset(",。;:!?()、\n《》【】[]…|/—□■◇◆●○")
QUOTES = "“”\"「」『』‘’"
CJK = r"\u4e00-\u9fff"
NUM = "0-9一二三四五六七八九十两百千万几多"
PRIORITY = {"title": 100, "list": 90, "honor": 85, "quote": 80, "suffix": 60, "person": 50,
            "quote-slogan": 55, "quote-verb": 55, "road": 58, "selfref": 70,
            "selfref-head": 55, "model": 55}  # a name found at the same place (集团党委 → its full name) wins over a bare kind
DATE_TOKEN = re.compile(r"^(?:[\d.]+|[年月日号])$")
NUMBER_TOKEN = re.compile(r"^[\d.]+$")
SELF_TOKEN = re.compile(r"[该本我其][局院所厅委队行站司社村镇]")
NAME_UNITS = frozenset({"千伏", "千瓦", "兆瓦", "万千瓦", "吨级", "万吨级", "路", "号线", "米"})


@lru_cache(maxsize=1)
def NAME_VERBS() -> frozenset:
    return frozenset(read_lines("name_verbs.txt"))


PREPOSITIONS = frozenset("由在被向对从把为将给让")
UNIT_WORDS = frozenset("个座条项家名人户次场所辆艘件支批处栋台套期份篇间")
NUMERAL = re.compile(r"[\d.]+|[" + NUM + "]+")
COUNTED = re.compile("[" + NUM + "]+[" + "".join(sorted(UNIT_WORDS)) + "]")  # 3个, 十项
COUNT_AFTER = re.compile("[" + NUM + r"]+(?:\.\d+)?[" + "".join(sorted(UNIT_WORDS)) + "]")  # 6座, 十二个
_ALL_CJK = re.compile("[" + CJK + "]+")


class _Tokens:
    """Token lookups by character offset."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.spans = doc.tokens
        self.starts = [s for s, _ in self.spans]
        self.start_set = set(self.starts)
        self.end_set = {e for _, e in self.spans}

    def before(self, pos: int):
        """Index of the token that ends at or covers ``pos - 1``."""
        i = bisect.bisect_left(self.starts, pos) - 1
        return i

    def text(self, i: int) -> str:
        s, e = self.spans[i]
        return self.doc.text[s:e]


def _mk(doc, start, end, typ, label, rule, conf, aliases=()):
    label = strip_quotes(label)
    return Mention(start, end, doc.text[start:end], typ, label, rule, conf,
                   tuple(a for a in dict.fromkeys(strip_quotes(x) for x in aliases) if a and a != label))


DEPARTMENT_CHARS = frozenset("科处室股")  # a word + one of these before 党支部 names a department
PLACE_TAILS = tuple("站馆室厅屋园廊院家所点角坊苑港湾堂") + ("基地", "中心", "阵地", "驿站", "空间")


@lru_cache(maxsize=1)
def _unit_surfaces() -> frozenset:
    return frozenset(u[0] for u in lx.units())


def _ends_word(text: str, tok: _Tokens, b: int) -> bool:
    """Can a name end at ``b``? Yes at a token boundary, and inside a token
    when the rest of it is a verb (工程建设 still ends at 工程) or a post
    (某局党委|书记)."""
    if b in tok.end_set:
        return True
    ti = tok.before(b)
    rest = text[b:tok.spans[ti][1]] if ti >= 0 else ""
    return bool(rest) and (bool(_stop_kind(rest)) or (rest in lx.posts() and text.endswith(PARTY_ENDS, 0, b)))
    # (某局党委|书记: a party body's post after it)


def _common_word(w: str) -> bool:
    """Is ``w`` a frequent word of jieba's dictionary (大局, 干部)?"""
    return w in lx.common_words()


@lru_cache(maxsize=1 << 14)
def _ends_with_org(w: str) -> bool:
    sfx = lx.suffixes()
    return any(w.endswith(k) and sfx[k][1] == "org" for k in (w[-n:] for n in range(min(len(w), 6), 0, -1)) if k in sfx)


@lru_cache(maxsize=1 << 16)
def _stop_kind(w: str, prev: str = "") -> str:
    """'hard' for words that never sit in a name, 'weak' for verbs that
    usually do not, '' otherwise."""
    stops = lx.stopwords()
    if w in stops and w in NAME_VERBS():
        return "weak"  # 建设: ends 在内部建设某展馆's name, not 某市城市建设开发公司's
    if w in stops or NUMBER_TOKEN.match(w) or (w in "年月日号" and prev and NUMBER_TOKEN.match(prev)):
        return "hard"
    if SELF_TOKEN.fullmatch(w):
        return "hard"
    if len(w) >= 3 and (w[-2:] in stops or w[:2] in stops):
        return "hard"
    if prev and NUMERAL.fullmatch(prev) and (w[:1] in UNIT_WORDS or w in _unit_surfaces()):
        return "hard"
    if COUNTED.fullmatch(w):
        return "hard"
    if w in lx.verbs():
        return "weak"
    return ""


@lru_cache(maxsize=1)
def _cue_verbs() -> frozenset:
    out = set()
    for words in lx.cues().values():
        out.update(words)
    return frozenset(out | {"实行", "开展", "启动", "实施", "推进", "完成", "承担", "推出", "开通"})


COMPANY_WORDS = frozenset({"建设", "发展", "投资", "开发", "运营", "管理", "服务", "控股", "实业", "经营", "运输",
                           "检测", "咨询", "设计", "制造", "建筑", "交易", "保障", "供应", "养护"})  # verbs that name firms
PARTY_WORDS = frozenset({"党委", "党支部", "党总支", "党工委", "党组", "机关党委"})
PARTY_ENDS = tuple(sorted(PARTY_WORDS | {"支部", "工委"}))  # what a party body's name ends with
CLAUSE_STARTS = ",，。;；:：!！?？\n"
_CLAUSE_END = re.compile("[" + CLAUSE_STARTS + "]")


@lru_cache(maxsize=1)
def _any_cue_re():
    return _words_re(_cue_verbs())


def _words_re(words):
    return re.compile(lx.words_pattern(words))
