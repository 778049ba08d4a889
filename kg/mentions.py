"""Find mentions: 《》 titles, quoted names with their cues, cue-led lists,
honours after award verbs, names ending in a type suffix, places and bylines.

Each finder returns candidate ``Mention`` objects; ``mentions`` keeps the best
non-overlapping set (places may sit inside other names).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import lexicon as lx
from .doc import Doc, Mention, span_mask
from .resources import read_lines

__all__ = ["mentions", "strip_quotes"]

HARD = frozenset(",。;:!?()、\n《》【】[]…|/—□■◇◆●○")
QUOTES = "“”\"「」『』‘’"
CJK = r"\u4e00-\u9fff"
NUM = "0-9一二三四五六七八九十两百千万几多"
PRIORITY = {"title": 100, "list": 90, "honor": 85, "quote": 80, "suffix": 60, "person": 50,
            "quote-slogan": 55, "quote-verb": 55, "road": 58, "selfref": 70,
            "selfref-head": 55}  # a name found at the same place (集团党委 → its full name) wins over a bare kind
TITLE_RE = re.compile(r"《([^《》\n]{1,80})》")
QUOTE_RE = re.compile(r"[“\"「]([^“”\"「」\n]{1,60})[”\"」]")
PERSON_RE = re.compile(r"(?:本版文字|本版撰文|文字|文\s*/|记者|通讯员|作者|撰稿|撰文|摄影|图\s*/|编辑)\s*[::]?\s*((?:[" + CJK + r"]{2,3}(?:[\s、,,]+|$))+)")
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
_QUOTE_CHARS = re.compile("[" + QUOTES + "《》]")
_ALL_CJK = re.compile("[" + CJK + "]+")


def strip_quotes(s: str) -> str:
    """Remove quote and title marks: “温馨港湾” → 温馨港湾."""
    return _QUOTE_CHARS.sub("", s).strip()


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


# ----------------------------------------------------------------- titles
def find_titles(doc: Doc):
    for m in TITLE_RE.finditer(doc.text):
        yield _mk(doc, m.start(), m.end(), "Document", m.group(1), "title", 0.95)


# ----------------------------------------------------------------- quotes
def _quote_runs(doc: Doc):
    """Groups of quotes that follow each other, joined by nothing or 、."""
    run = []
    for m in QUOTE_RE.finditer(doc.text):
        if run and doc.text[run[-1].end():m.start()] in ("", "、", ",", ","):
            run.append(m)
        else:
            if run:
                yield run
            run = [m]
    if run:
        yield run


def _content_type(content: str):
    """Type implied by the quoted text itself, or None."""
    if _LIST_MARK.search(content):
        return None  # a structure or a list (党工委—社区党委—…), not one name
    sfx = lx.suffixes()
    for n in range(min(8, len(content) - 1), 0, -1):
        tail = content[-n:]
        if tail in sfx and len(content) > n:
            typ, kind = sfx[tail]
            if kind == "activity":
                return "Activity"
            return typ
    if _PLUS_NAME.search(content):
        return "Project"
    return None


_LIST_MARK = re.compile("[—、,;]")
_PLUS_NAME = re.compile(r"[" + CJK + r"]\+|\+[" + CJK + r"]|[" + CJK + r"]\+$")


def _slogan(content: str) -> bool:
    """Numbered slogans such as 五心五强五提升 or 一企二员."""
    if "%" in content or re.search(r"\d个", content):
        return False
    return len(re.findall("[" + NUM + "]", content)) >= 2 and len(content) <= 10 and not re.fullmatch(r"[\d.]+", content)


def find_quotes(doc: Doc, tok: _Tokens):
    text = doc.text
    qc = lx.quote_cues()
    cues = lx.cues()
    for run in _quote_runs(doc):
        after = run[-1].end()
        right = text[after:after + 14]
        cue = None
        for rx, typ, mode, role in qc:
            m = rx.match(right)
            if m:
                cue = (typ, mode, role, m.group(0))
                break
        left_tok = tok.before(run[0].start())
        left_word = tok.text(left_tok) if left_tok >= 0 else ""
        for k, m in enumerate(run):
            content = m.group(1).strip()
            if not content or len(content) > 40:
                continue
            last = k == len(run) - 1
            own = _content_type(content)
            if cue and (last or cue[0] in ("Brand", "Facility", "Activity", "Project") or own is None):
                typ, mode, role, cw = cue
                if own and typ not in ("Brand", "Activity") and own != typ and cue[1] != "name+cue":
                    typ = own
                if last and mode == "name+cue":
                    cw = cw.lstrip("等")
                    label = content + cw
                    end = after + right.find(cw) + len(cw) if cw in right else m.end()
                    if typ == "Activity" and cw == "活动":
                        yield _mk(doc, m.start(), end, typ, content, "quote-cue", 0.85, (label,))
                    else:
                        yield _mk(doc, m.start(), end, typ, label, "quote-cue", 0.85, (content,))
                else:
                    rule = "quote-subbrand" if role == "subbrand" else "quote-cue"
                    yield _mk(doc, m.start(), m.end(), typ, content, rule, 0.85)
                continue
            if own:
                yield _mk(doc, m.start(), m.end(), own, content, "quote-suffix", 0.75)
            elif left_word in cues.get("project_cue", ()) and len(run) == 1:
                yield _mk(doc, m.start(), m.end(), "Project", content, "quote-verb", 0.6)
            elif (left_word in cues.get("establish", ()) and len(run) == 1 and content.endswith(PLACE_TAILS)
                  and not re.match("[" + CJK + "A-Za-z0-9]", text[after:after + 1])):
                # 建成“邻里幸福站”: a place built, named in quotes with nothing after them
                yield _mk(doc, m.start(), m.end(), "Facility", content, "quote-establish", 0.6)
            elif left_word in cues.get("brand_cue", ()) and len(run) == 1 and len(content) <= 8:
                yield _mk(doc, m.start(), m.end(), "Brand", content, "quote-verb", 0.5)
            elif _slogan(content):
                yield _mk(doc, m.start(), m.end(), "Project", content, "quote-slogan", 0.55)


DEPARTMENT_CHARS = frozenset("科处室股")  # a word + one of these before 党支部 names a department
PLACE_TAILS = tuple("站馆室厅屋园廊院家所点角坊苑港湾堂") + ("基地", "中心", "阵地", "驿站")


# ----------------------------------------------------------------- lists
LIST_CUES = "组织开展|开展|举办|举行|承担|实施|推出|推进"
ACT_LIST = re.compile(r"(" + LIST_CUES + r")了?([^,,。;;!?\n]{4,160}?)等(?:[" + NUM + r"\d]+(?:余|多)?[项个场次批])?([^,,。;;、\n]{0,6}?)(活动|试点工作|工作|项目|试点|行动|工程|措施)")
_STEM_COUNTED = r"(?:两|三|四|五|六|七|八|九|十|\d+)(?:家|个|所)(公司|企业|合作社|医院|学校|银行)"
STEM_LIST = re.compile(r"([" + CJK + r"A-Za-z0-9]{2,14}(?:[、和与及][" + CJK + r"A-Za-z0-9]{2,10})+)" + _STEM_COUNTED
                       + "(党支部|党总支|党委|支部)?")
_STEM_ANCHOR = re.compile(_STEM_COUNTED)
_STEM_CHAR = re.compile(r"[" + CJK + r"A-Za-z0-9、\d]")  # every character a STEM_LIST match is made of
_STEM_RUN = re.compile(_STEM_CHAR.pattern + "*")


def _stem_lists(text: str):
    """``STEM_LIST.finditer(text)``, tried only on the stretches of name
    characters that hold a count and a kind (…3家企业): the pattern is slow
    to try at every character.

    >>> [m.group(1) for m in _stem_lists("推动甲公司、乙公司2家企业党支部联建")]
    ['推动甲公司、乙公司']
    """
    done = 0
    for a in _STEM_ANCHOR.finditer(text):
        if a.start() < done:
            continue
        s = a.start()
        while s > 0 and _STEM_CHAR.match(text, s - 1):
            s -= 1
        done = _STEM_RUN.match(text, a.start()).end()
        yield from STEM_LIST.finditer(text, s, done)


def find_lists(doc: Doc, places):
    text = doc.text
    for m in ACT_LIST.finditer(text):
        body = m.group(2)
        head = m.group(4)
        typ = "Activity" if head == "活动" else "Project"
        start = m.start(2)
        if "的" in body:  # 承担X赋予的A、B → items start after the last 的
            cut = body.rfind("的") + 1
            start += cut
            body = body[cut:]
        bounds = [0] + [x.end() for x in re.finditer("、|(?<=”)(?=“)", body)]
        ends = [x.start() for x in re.finditer("、|(?<=”)(?=“)", body)] + [len(body)]
        spans = list(zip(bounds, ends))
        if len(spans) < 2 and typ == "Project":
            continue
        for i, (ia, ib) in enumerate(spans):
            parts = [(ia, ib)]
            if i == len(spans) - 1 and "和" in body[ia:ib]:
                cut = body.index("和", ia)
                parts = [(ia, cut), (cut + 1, ib)]
            for pa, pb in parts:
                raw = body[pa:pb]
                s = start + pa + (len(raw) - len(raw.lstrip()))
                label = raw.strip()
                q = re.fullmatch(r"“([^”]+)”(活动)?", label)
                if q:
                    yield _mk(doc, s, s + len(label), typ, q.group(1), "list", 0.75, (label,))
                elif 2 <= len(strip_quotes(label)) <= 30:
                    yield _mk(doc, s, s + len(label), typ, label, "list", 0.75)
    for m in _stem_lists(text):
        items_text, kind, party = m.group(1), m.group(2), m.group(3)
        if kind == "企业":
            kind = "公司"
        pieces = re.split("([、和与及])", items_text)
        pos = m.start(1)
        prefix = ""
        place_here = [p for p in places if p.start == m.start(1)]
        if place_here:
            prefix = place_here[0].text
        for piece in pieces:
            if piece in ("、", "和", "与", "及"):
                pos += len(piece)
                continue
            name = piece
            bare = name[len(prefix):] if prefix and name.startswith(prefix) else name
            ent_label = bare if bare.endswith(kind) else bare + kind
            aliases = [prefix + ent_label] if prefix else []
            aliases.append(bare)
            if prefix and name.startswith(prefix):
                aliases.append(name)
            yield _mk(doc, pos, pos + len(name), "Enterprise", ent_label, "list-stem", 0.8, aliases)
            if party:
                yield _mk(doc, pos, pos + len(name), "PartyOrganization", ent_label + party, "list-stem-party", 0.8,
                          ([prefix + ent_label + party] if prefix else []) + [bare + party])
            pos += len(piece)


# ----------------------------------------------------------------- honours
HONOR_SPLIT = re.compile("以及|和|、|及|(?<=”)(?=“)")


_HONOR_ENDS = re.compile(r"(称号|奖|荣誉|范例|单位|城市|中心|县|市|点|区|基地|乡镇|村|集体|标兵|模范|先锋|示范岗|文明号|党支部|党组织)$")


@lru_cache(maxsize=1)
def _honor_suffixes() -> tuple:
    return tuple(k for k, v in lx.suffixes().items() if v[1] == "honor")


def _honor_suffix(s: str) -> bool:
    s = strip_quotes(s)
    return bool(_HONOR_ENDS.search(s)) or s.endswith(_honor_suffixes())


_HONOR_LEAD = re.compile(r"^(?:了|为|成为|先后)")
_HONOR_TAIL = re.compile(r"(?:荣誉称号|称号|荣誉)$")
_QUOTED = re.compile(r"“([^”]+)”")


def _clean_honor(label: str) -> str:
    label = label.strip()
    label = _HONOR_LEAD.sub("", label)
    label = _HONOR_TAIL.sub("", label)
    quoted = _QUOTED.findall(label)
    rest = _QUOTED.sub("", label)
    if len(quoted) == 1 and len(rest) <= 2:
        return quoted[0]
    return strip_quotes(label)


@lru_cache(maxsize=1)
def _honor_cue_regex():
    roles = lx.cues()
    return _words_re(roles.get("honor", ()) + roles.get("honor_weak", ()))


def find_honors(doc: Doc):
    text = doc.text
    roles = lx.cues()
    strong, weak = roles.get("honor", ()), roles.get("honor_weak", ())
    rx = _honor_cue_regex()
    for m in rx.finditer(text):
        cue = m.group(0)
        if cue in weak and text[m.end():m.end() + 1] in ("得", "评", "批", "取", "悉") and cue == "获":
            continue
        if text[m.start() - 1:m.start()] in ("争", "创"):
            continue
        end = m.end()
        stop = end
        while stop < len(text) and stop - end < 50 and text[stop] not in ",,。;;!?\n" and not text.startswith("等", stop):
            stop += 1
        span = text[end:stop]
        lead = re.match(r"(?:了|为)?", span).end()
        s0 = end + lead
        pieces = []
        cur = s0
        for sep in HONOR_SPLIT.finditer(text, s0, stop):
            if not sep.group(0) or _honor_suffix(text[cur:sep.start()]):  # ”“ always parts two quoted names
                pieces.append((cur, sep.start()))
                cur = sep.end()
        pieces.append((cur, stop))
        for a, b in pieces:
            raw = text[a:b]
            if cue in weak and not _honor_suffix(raw):
                continue
            label = _clean_honor(raw)
            if len(label) < 3 or len(label) > 40:
                continue
            conf = 0.85 if cue in strong else 0.6
            yield _mk(doc, a, b, "Honor", label, "honor-" + cue, conf)


# ----------------------------------------------------------------- suffix grammar
GOAL_CUES = frozenset({"争创", "创成", "争当", "争做", "创建"})
RIGHT_EXCLUDE = {
    "中心": ("大局", "工作", "任务", "城区", "地位", "环节", "思想", "位置", "镇", "村", "的"),
    "局": ("面", "势"),
    "工程": ("项目", "质量", "优质"),
    "项目": ("建设", "一线", "攻坚"),
    "系统": ("上下", "内", "年轻", "干部", "党员", "职工"),
    "政策": ("落实", "落地", "宣传", "咨询", "解读", "支持", "扶持", "红利"),
    "行动": ("自觉",),
}


@lru_cache(maxsize=1)
def _unit_surfaces() -> frozenset:
    return frozenset(u[0] for u in lx.units())


def _ends_word(text: str, tok: _Tokens, b: int) -> bool:
    """Can a name end at ``b``? Yes at a token boundary, and inside a token
    when the rest of it is a verb (工程建设 still ends at 工程)."""
    if b in tok.end_set:
        return True
    ti = tok.before(b)
    rest = text[b:tok.spans[ti][1]] if ti >= 0 else ""
    return bool(rest) and bool(_stop_kind(rest))


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


def _name_start(doc: Doc, tok: _Tokens, sfx_start: int, places_at: dict, sfx_len: int = 1, company: bool = False):
    """Start of the name whose type suffix begins at ``sfx_start``.

    Walks left over tokens until punctuation, a paragraph start or a word
    that cannot be part of a name. A verb from jieba's dictionary ends the
    name unless a cue verb (实行, 建立…) a few words further left shows the
    name runs on to it; in a company's name (``company``) such verbs are
    words of the name (某某建设有限公司). Returns ``(start, stop_word)``; start
    is None when no name is found.
    """
    text = doc.text
    spans = tok.spans
    floor = text.rfind("\n", 0, sfx_start) + 1
    i = tok.before(sfx_start)
    start = sfx_start
    stop_word = ""
    soft = None
    lead_stop = None
    weak = None  # (start of the name if the weak stop holds, the stop word)
    in_quote = False
    while i >= 0:
        s, e = tok.spans[i]
        if e > sfx_start:
            if s < sfx_start:
                start = max(s, floor)  # 公安部: the suffix 部 ends a longer token
            i -= 1
            continue
        if s < floor:
            break
        w = text[s:e]
        if w in ("”", "“") or in_quote:
            in_quote = (w == "”") or (in_quote and w != "“")
            start = s
            i -= 1
            continue
        if not HARD.isdisjoint(w) or w.isspace():
            stop_word = w
            break
        if w[0] in "与和及" and s not in places_at and (len(w) == 1 or w not in lx.common_words()):
            # (和平, 和谐, 及时: a word of its own, not 和 glued on: 中心街道和平社区党委 is one name)
            before = tok.text(i - 1) if i > 0 else ""
            if _ends_with_org(before):
                stop_word = w[0]  # 某局与某委员会: the first name ends at 与
                start = s + 1
                break
            if w in ("与", "和", "及") or len(w) >= 2 and w not in lx.stopwords():
                if soft is None:
                    soft = (s, s + 1)
                start = s
                i -= 1
                continue
        prev = text[spans[i - 1][0]:spans[i - 1][1]] if i > 0 else ""
        if len(w) >= 2 and w[0] in PREPOSITIONS and s not in places_at and w not in lx.stopwords():
            start, stop_word = s + 1, w[0]  # 由村党支部: jieba glued the preposition on
            break
        kind = _stop_kind(w, prev)
        if kind and s in places_at and places_at[s].end <= sfx_start:
            kind = ""  # 中|河街道党工委: the word starts a place inside the name
        if kind == "weak" and company and w in COMPANY_WORDS:
            kind = ""  # 第三建设有限公司, 城市发展集团
        if w in PARTY_WORDS and i + 1 < len(tok.spans) and (company or _stop_kind(tok.text(i + 1), w)):
            stop_word = w  # 某社区党委|联合某公司: one name ends at a party body and a verb before the next
            break
        room = sfx_start - e >= 2 or sfx_len >= 4
        if kind == "hard" and e == sfx_start and sfx_len >= 2 and len(w) >= 2 and w not in NAME_VERBS():
            return None, w  # 成立党支部, 下设党支部: the verb's object is a kind, not a name
        if (w[0] == "." or w[0].isdecimal()) and NUMBER_TOKEN.match(w) and i + 1 < len(spans) and tok.text(i + 1) in NAME_UNITS:
            kind = ""  # 220千伏 in 220千伏某某输变电工程 is part of the name
        if kind == "hard" and (len(w) == 1 or room):
            stop_word = w
            if w[:1] in UNIT_WORDS and len(w) > 1 and DATE_TOKEN.match(prev or "x"):
                start = s + 1  # 3条县道: jieba glued the measure word to the name
                stop_word = w[:1]
            if w == "了" and i > 0:
                stop_word = prev
            break
        if kind == "weak" and (len(w) == 1 or room) and weak is None:
            weak = (e, w)
        elif kind:
            lead_stop = s
        if weak is not None and weak[0] - s > 14:
            break
        start = s
        i -= 1
        if sfx_start - start > 30:
            break
    if weak is not None and stop_word not in _cue_verbs() and start not in places_at:
        start, stop_word = weak  # a verb ends the name unless the name runs on to a place
        lead_stop = None
    while start < sfx_start and text[start] in "与和及":
        start += 1
    if soft is not None and soft[0] >= start:
        s, e = soft
        right_is_place = e in places_at
        left_has_place = start in places_at
        if right_is_place or not left_has_place:
            start = e
            stop_word = text[s:e]
    if lead_stop is not None and lead_stop == start and not (
            text[sfx_start - 1:sfx_start] in DEPARTMENT_CHARS and sfx_start - start <= 4):
        return None, stop_word  # (感染科 and 宣传科 are departments, though 感染 and 宣传 are verbs)
    seg = text[start:sfx_start]
    if seg.count("”") > seg.count("“"):
        start += seg.rfind("”") + 1
    while start < sfx_start and text[start] in "”’":
        start += 1
    if start < sfx_start and text[start] in "“‘" and "”" not in text[start:sfx_start]:
        start += 1
    if sfx_start - start > 30:
        inner = [p for p in places_at if start <= p < sfx_start]
        if not inner:
            return None, stop_word
        start = min(inner)
    return start, stop_word


LOOSE_SUFFIXES = frozenset({"联盟", "共同体"})  # they also end words for a kind of grouping: a name needs a longer stem


def find_suffix_names(doc: Doc, tok: _Tokens, places_at: dict):
    text = doc.text
    sfx = lx.suffixes()
    gen = lx.generic()
    cues = lx.cues()
    organize = set(cues.get("organize", ()))
    establish = set(cues.get("establish", ())) | {"打造", "创建"}
    named_end = {}  # end → start of the unit names found so far
    for m in lx.suffix_regex().finditer(text):
        suffix = m.group(0)
        typ, kind = sfx[suffix]
        a, b = m.span()
        if not _ends_word(text, tok, b):
            continue
        if a not in tok.start_set:
            ti = tok.before(a + 1)
            if ti >= 0:
                ts, te = tok.spans[ti]
                if te - ts <= 2 and ts < a:
                    continue  # 格局, 大局: the suffix is the tail of a common word
                if ts < a and _stop_kind(text[ts:a]) == "hard" and len(suffix) >= 2:
                    continue  # 推进改革: a verb and its object glued into one token
                if ts < a and len(suffix) == 1 and _common_word(text[a - 1:a + 1]) and not _common_word(text[ts:a]):
                    continue  # 服务大局, 年轻干部: the suffix is the tail of a common word (but 民政|局 is a bureau)
        nxt = text[b:b + 2]
        if any(nxt.startswith(x) for x in RIGHT_EXCLUDE.get(suffix, ())):
            continue
        if kind in ("org", "facility", "project") and COUNT_AFTER.match(text, b):
            continue  # 新建110千伏变电站6座: a kind being counted, not a name
        start, stop_word = _name_start(doc, tok, a, places_at, len(suffix), company=typ == "Enterprise")
        if typ == "PartyOrganization" and a in named_end and (start is None or start > named_end[a]):
            start = named_end[a]  # 龙沙消防救援站|党支部: the party body of the unit just named
        if start is None:
            continue
        label = text[start:b]
        bare = strip_quotes(label)
        if bare in gen or len(bare) < 3 or (len(bare) <= len(suffix) and len(suffix) < 4):
            continue
        if bare[:-len(suffix)].endswith(("式", "型")) and kind in ("org", "facility"):
            continue  # “枫桥式”税务所, 学习型党组织: a kind of unit, not one unit
        conf = 0.7
        if (kind == "project" or suffix in LOOSE_SUFFIXES) and len(bare) - len(suffix) < 4:
            continue  # 专科联盟, 医疗共同体: a kind of grouping, not one
        if kind == "activity":
            para = text.rfind("\n", 0, start) + 1
            at_meeting = text.startswith("上", b) and "在" in text[max(para, start - 12):start]
            if not any(stop_word.endswith(c) for c in organize) and not at_meeting:
                continue
        if kind == "honor":
            if stop_word in establish:
                typ = "Project"
        if stop_word in GOAL_CUES and kind in ("org", "honor"):
            typ = "Honor"
        if typ == "GovernmentBody" and suffix == "系统" and start not in places_at:
            continue
        if kind == "activity" and len(bare) - len(suffix) < 2:
            continue
        if kind in ("org", "facility"):
            named_end[b] = start
        yield _mk(doc, start, b, typ, label, "suffix-" + suffix, conf)


# ----------------------------------------------------------------- roads
ROAD_RE = re.compile(r"(?<![" + CJK + r"])([" + CJK + r"]{2})线(?=等|荣获|获评|被|全线|公路|道路|沿线|[,,。、])")
ROAD_LEFT = re.compile(r"(?:实施了?|启动了?|打造的|改造|建成|修建|新建|提升|完成|的)$")


def find_roads(doc: Doc, tok: _Tokens):
    """Named routes such as 某王线等3条县道 or 打造的某沈线荣获…: two initials + 线."""
    text = doc.text
    for m in re.finditer(r"([" + CJK + r"]{2})线(?=等|荣获|获评|被评|全线|[,,。、])", text):
        a = m.start()
        if not ROAD_LEFT.search(text[max(0, a - 4):a]) and text[a - 1:a] not in ",,。;、":
            continue
        word = m.group(1)
        if word in lx.verbs() or word in lx.stopwords() or (word + "线") in lx.generic():
            continue
        if a not in tok.start_set and text[a - 1:a] not in ("的",):
            continue
        yield _mk(doc, a, m.end(), "Facility", m.group(0), "road", 0.6)


# ----------------------------------------------------------------- places
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


# ----------------------------------------------------------------- persons
TITLES = ("党支部书记", "党委书记", "党总支书记", "第一书记", "书记", "副书记", "主任", "副主任", "局长", "副局长", "院长",
          "副院长", "站长", "所长", "队长", "董事长", "总经理", "经理", "村长", "社长", "理事长", "会长", "主席", "负责人", "党员",
          "驾驶员", "民警", "辅警", "医生", "医师", "护士", "教师", "网格员", "技师", "工程师")
TITLE_PERSON_RE = re.compile("(?:" + "|".join(TITLES) + ")")
NAME_FOLLOWERS = "说表介带指兼称认强坦告被获荣当"  # first characters of what follows a name: 表示, 被评为, 荣获, 当选
INLINE_BYLINE = re.compile(r"[((]\s*((?:(?:记者|通讯员|实习生|摄影|文|图)\s*[/:：]?\s*[" + CJK + r"]{2,3}\s*)+)[))]")


@lru_cache(maxsize=1)
def _surnames() -> tuple:
    names = " ".join(read_lines("surnames.txt")).split()
    return tuple(sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _person_re():
    return re.compile(lx.words_pattern(_surnames()) + "[" + CJK + "]{1,2}")


def _person_name(s: str):
    """Longest plausible name at the start of ``s``: surname (double ones
    first) + 1–2 characters.

    >>> _person_name("欧阳明表示"), _person_name("王")
    ('欧阳明表', None)
    """
    m = _person_re().match(s)
    return m.group() if m else None


def find_persons(doc: Doc):
    text = doc.text
    for s, e in doc.meta.get("bylines", []):
        line = text[s:e]
        for m in PERSON_RE.finditer(line):
            pos = s + m.start(1)
            for nm in re.finditer(r"[" + CJK + r"]{2,3}", m.group(1)):
                if nm.group(0).endswith(("提供", "摄")):
                    continue
                a = pos + nm.start()
                yield _mk(doc, a, a + len(nm.group(0)), "Person", nm.group(0), "byline", 0.9)
    for m in INLINE_BYLINE.finditer(text):
        for nm in re.finditer(r"(?:记者|通讯员|实习生|摄影|文|图)\s*[/:：]?\s*([" + CJK + r"]{2,3})", m.group(1)):
            a = m.start(1) + nm.start(1)
            yield _mk(doc, a, a + len(nm.group(1)), "Person", nm.group(1), "byline", 0.85)
    for m in TITLE_PERSON_RE.finditer(text):
        if text.rfind("“", 0, m.start()) > text.rfind("”", 0, m.start()):
            continue  # inside a quoted name: “为民警阳光”工程
        rest = text[m.end():m.end() + 4]
        name = _person_name(rest)
        if not name:
            continue
        after = text[m.end() + len(name):m.end() + len(name) + 1]
        if len(name) == 3 and after and re.match("[" + CJK + "]", after) and after not in NAME_FOLLOWERS:
            name = name[:2]
            after = text[m.end() + 2:m.end() + 3]
        if after and re.match("[" + CJK + "]", after) and after not in NAME_FOLLOWERS + "等在和与":
            continue
        a = m.end()
        yield _mk(doc, a, a + len(name), "Person", name, "title-person", 0.6)


# ----------------------------------------------------------------- self-references
UNIT_KINDS = "公司|集团|单位|局|院|厅|委|所|队|行|站|社|村|镇|中心|街道"  # what 我/该/本 + a kind can refer to
SELF_RE = re.compile(r"(?:我|该|本)(" + UNIT_KINDS + "|支部|党委|党支部|党组|联盟)|(局|院|公司|厅)机关")


PARTY_SUFFIX = re.compile("机关党委|党委|党总支|党支部|党组")


def _org_follows(text: str, pos: int) -> bool:
    """Does an organisation name run on from ``pos`` to the next punctuation?"""
    m = re.match("[" + CJK + r"A-Za-z0-9]{1,16}", text[pos:])
    return bool(m) and any(_ends_with_org(m.group(0)[:n]) for n in range(2, len(m.group(0)) + 1))


def find_selfrefs(doc: Doc, tok: _Tokens):
    """我局, 该公司, 本院, 局机关: references to the organisation the text is about.

    The mention's label is the kind it names (局, 公司…); resolve links it."""
    text = doc.text
    for m in SELF_RE.finditer(text):
        kind = m.group(1) or m.group(2)
        party = PARTY_SUFFIX.match(text, m.end()) if m.group(2) else None
        if party:  # 院机关党委: the party body of the organs, a name of its own
            yield Mention(m.start(), party.end(), text[m.start():party.end()], "PartyOrganization",
                          text[m.start():party.end()], "organs-party", 0.8)
            continue
        if m.start() not in tok.start_set and text[m.start()] != "该":
            continue
        if m.group(1) and text[m.start():m.start() + 1] in "本该" and text[m.end():m.end() + 1] in ("级", "地", "期", "次", "项"):
            continue
        j = bisect.bisect_left(tok.starts, m.end())
        if m.end() in tok.start_set and j < len(tok.spans) and not _stop_kind(tok.text(j)) and \
                tok.text(j)[0] not in "与和及" and _org_follows(text, m.end()):
            if m.group(1):  # 该院胜利路人民法庭党支部: 该院 only qualifies the name after it, a unit of it
                yield Mention(m.start(), m.end(), m.group(0), "Self", kind, "selfref-qualifier", 0.6)
            continue
        yield Mention(m.start(), m.end(), m.group(0), "Self", kind, "selfref", 0.6)


def find_bare_heads(doc: Doc, tok: _Tokens):
    """医院与…签订, 支队被评为…, 公司还在…建成: a clause that opens with a bare
    kind of unit (a name suffix), then a verb, adverb, preposition or honour
    cue, refers to a unit of that kind named before; resolve links it."""
    text = doc.text
    sfx = lx.suffixes()
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
    firsts = _kind_firsts()
    for cs in starts:
        if text[cs:cs + 1] not in firsts:
            continue
        for n in range(min(9, len(text) - cs - 1), 1, -1):
            head = text[cs:cs + n]
            party = PARTY_OF_KIND.fullmatch(head)  # 公司党委, 医院党支部: the party body of the unit the text is about
            if sfx.get(party.group(1) if party else head, ("", ""))[1] in ("org", "facility"):
                if cs + n in tok.end_set and _opens_predicate(text, tok, cs + n):
                    yield Mention(cs, cs + n, head, "Self", head, "selfref-head", 0.6)
                break


@lru_cache(maxsize=1)
def _kind_firsts() -> frozenset:
    """First characters of the kind words (org and facility suffixes)."""
    return frozenset(w[0] for w, (_t, kind) in lx.suffixes().items() if kind in ("org", "facility"))


def _opens_predicate(text: str, tok: _Tokens, pos: int) -> bool:
    """Does a predicate start at ``pos`` (a verb, an adverb, 与/在…, an honour cue)?"""
    j = bisect.bisect_left(tok.starts, pos)
    if j >= len(tok.spans) or tok.spans[j][0] != pos:
        return False
    w = tok.text(j)
    adverb = ADVERBS.match(w)
    return (w in lx.verbs() or w[0] in HEAD_LINKS or (adverb is not None and adverb.end() > 0)
            or _any_cue_re().match(text, pos) is not None)


HEAD_LINKS = frozenset("与和同在对向为将把从被")


def bare_head(opening: str) -> str:
    """The kind word that is all of a clause's ``opening`` but adverbs, else "".

    >>> bare_head("支队先后"), bare_head("某县支队")
    ('支队', '')
    """
    head = opening[:ADVERBS.search(opening).start()]
    return head if len(head) >= 2 and lx.suffixes().get(head, ("", ""))[1] in ("org", "facility") else ""


COMPANY_WORDS = frozenset({"建设", "发展", "投资", "开发", "运营", "管理", "服务", "控股", "实业", "经营", "运输",
                           "检测", "咨询", "设计", "制造", "建筑", "交易", "保障", "供应", "养护"})  # verbs that name firms
PARTY_WORDS = frozenset({"党委", "党支部", "党总支", "党工委", "党组", "机关党委"})
PARTY_OF_KIND = re.compile("(.{1,4}?)(党委|党组|党总支|党支部)")  # 公司党委; not 机关党委: the organs' own body
CLAUSE_STARTS = ",，。;；:：!！?？\n"
_CLAUSE_END = re.compile("[" + CLAUSE_STARTS + "]")
ADVERBS = re.compile("(?:先后|还|也|再次|多次|均|成功|已|曾|连续|相继|又|均已|分别|积极|先行|率先|全面|持续|不断|被)*$")
# (and 被 of 被评为 when the cue found is 评为)


@lru_cache(maxsize=1)
def _any_cue_re():
    return _words_re(_cue_verbs())


def _words_re(words):
    return re.compile(lx.words_pattern(words))


# ----------------------------------------------------------------- town, village, community
LOCAL_SUFFIX = re.compile(r"(街道|镇|乡|社区|村)")


def find_local_places(doc: Doc, tok: _Tokens):
    """Towns, streets, communities and villages: 芦溪镇, 桂湖社区, 青龙坪村."""
    text = doc.text
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
        if not _local_stem_ok(stem):
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


def _local_stem_ok(stem: str) -> bool:
    """Could ``stem`` name a town, community or village (芦溪, 桂湖)?"""
    if not (2 <= len(stem) <= 4) or not _ALL_CJK.fullmatch(stem):
        return False
    if stem in lx.stopwords() or stem in lx.verbs() or stem in LOCAL_GENERIC or stem[0] in PREPOSITIONS:
        return False
    if stem[-1] in "的和与及在、" or stem[0] in "省市县区镇乡村与和及同的最" or any(stem.endswith(x) for x in LOCAL_BAD_ENDS):
        return False
    return True


LOCAL_BAD_ENDS = ("新农", "城乡", "美丽", "全", "本", "各", "该", "农", "乡", "城", "村", "镇", "业", "型", "之", "性")
LOCAL_GENERIC = frozenset({"城乡", "农村", "乡村", "城镇", "乡镇", "社区", "新农", "全村", "本村", "和谐", "智慧", "美丽",
                           "幸福", "文明", "平安", "示范", "特色", "小区", "试点", "先进", "星级", "五星级", "红色",
                           "精品", "重点", "旅游", "生态", "数字", "未来", "标杆", "样板", "宜居", "富裕"})


# ----------------------------------------------------------------- selection
def _select(cands):
    """Best non-overlapping mentions: higher priority, then longer, then earlier.

    Mentions from one shared-stem list (亚太物流、源源物流两家公司党支部) may stack.
    """
    def prio(m):
        return PRIORITY.get(m.rule, PRIORITY.get(m.rule.split("-")[0], 50))
    size = max((m.end for m in cands), default=0)
    taken = bytearray(size)  # 0 free, 1 taken, 2 taken by a shared-stem list
    chosen = []
    for m in sorted(cands, key=lambda m: (-prio(m), -(m.end - m.start), m.start, m.type)):
        stacked = m.rule.startswith("list-stem")
        cells = taken[m.start:m.end]
        if (1 in cells) or (not stacked and 2 in cells):
            continue
        chosen.append(m)
        taken[m.start:m.end] = bytes([2 if stacked else 1]) * (m.end - m.start)
    return chosen


def mentions(doc: Doc) -> Doc:
    """Fill ``doc.mentions`` sorted by position."""
    tok = _Tokens(doc)
    places = find_places(doc, tok)
    places += list(find_local_places(doc, tok))
    places += list(find_town_villages(doc, tok, places))
    places += list(find_local_short_names(doc, tok, places))
    places += list(find_one_character_villages(doc, places))
    places_at = {}
    for p in places:
        places_at.setdefault(p.start, p)
    cands = list(find_titles(doc))
    cands += list(find_lists(doc, places))
    cands += list(find_honors(doc))
    cands += list(find_quotes(doc, tok))
    cands += list(find_suffix_names(doc, tok, places_at))
    cands += list(find_roads(doc, tok))
    cands += list(find_ports(doc, places))
    cands += list(find_selfrefs(doc, tok))
    cands += list(find_bare_heads(doc, tok))
    cands += list(find_persons(doc))
    names = _select(cands)
    kept_places = _select_places(places, names)
    doc.mentions = sorted(names + kept_places, key=lambda m: (m.start, -m.end, m.type))
    return doc


def _select_places(places, names):
    """Places may nest in names but not in titles; longest place wins. A
    place the gazetteer does not know is not read inside an honour's name
    (四川省最美社区 names no 最美社区)."""
    size = max((m.end for m in list(places) + list(names)), default=0)
    in_title = span_mask(size, [m for m in names if m.type == "Document"])
    in_honor = span_mask(size, [m for m in names if m.type == "Honor"])
    taken = bytearray(size)
    out = []
    for p in sorted(places, key=lambda m: (-(m.end - m.start), m.start)):
        if in_title[p.start] and in_title[p.end - 1] or 1 in taken[p.start:p.end]:
            continue
        if in_honor[p.start] and in_honor[p.end - 1] and p.rule in ("place-local", "place-child", "place-local-short"):
            continue
        out.append(p)
        taken[p.start:p.end] = b"\x01" * (p.end - p.start)
    return out
