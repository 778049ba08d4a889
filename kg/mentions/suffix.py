"""Names that end in a type suffix (…局, …党支部, …有限公司) and named routes."""
from __future__ import annotations

import re

from .. import lexicon as lx
from ..doc import Doc
from ..lexicon import strip_quotes
from .common import CJK, COMPANY_WORDS, COUNT_AFTER, DATE_TOKEN, DEPARTMENT_CHARS, HARD, NAME_UNITS, NAME_VERBS, NUMBER_TOKEN, PARTY_WORDS, PREPOSITIONS, UNIT_WORDS, _Tokens, _common_word, _cue_verbs, _ends_with_org, _ends_word, _mk, _stop_kind


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


def _name_start(doc: Doc, tok: _Tokens, sfx_start: int, places_at: dict, sfx_len: int = 1, company: bool = False,
                activity: bool = False):
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
        if w == " " and (_block_mark(tok.text(i - 1) if i > 0 else "") or _block_mark(tok.text(i + 1))):
            start = s  # 某某苑 B 区广场: a block letter set off by spaces stays in the name
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
        if kind and activity and len(w) >= 2 and w in lx.verbs() and w not in _cue_verbs() and sfx_start - s <= 12:
            kind = ""  # 召开|青年创新创效|推进会: an event's name holds verbs, up to the verb that holds it
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
        chunk = max([start] + [text.rfind(c, start, s) + 1 for c in "和与及、"])  # (沈某和|市公路与…)
        left_has_place = start in places_at or (text[chunk] in "省市县区" and 3 <= s - chunk <= 5)
        if left_has_place and chunk > start and text[chunk] in "省市县区":
            start = chunk
        # (市公路与运输管理中心: a level and a field before 与 open one name)
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


def _block_mark(w: str) -> bool:
    """A block, building or zone letter or number (B, 3, A1) inside a place's name."""
    return 0 < len(w) <= 3 and w.isascii() and w.isalnum()


INNER_MODIFIERS = frozenset({"基层", "行业", "直属", "机关", "系统"})  # words inside one name (not 所属: 甲所属乙 names two)
TERM = re.compile("第[一二三四五六七八九十百\\d]+届$")
HONOUR_OF_KIND = re.compile("(?:全国|全省|全市|国家级|省级|市级|县级|区级)(?:示范|先进|优秀|标杆|五星级|四星级|星级)")
IN_ONE = re.compile("[^。;!?\n]*?于一体")
LEADING_QUALIFIER = re.compile("(?:所属|下属|辖区|科室|各个|各|当地|驻地|有关|相关|其他|其它|周边|方面"
                               "|(?:国家|省|市|县|区)?级?(?:重大|重点)(?:项目|工程))+")  # (省重大项目|某码头: which class)
LOOSE_SUFFIXES = frozenset({"联盟", "共同体"})  # they also end words for a kind of grouping: a name needs a longer stem


def find_suffix_names(doc: Doc, tok: _Tokens, places_at: dict):
    text = doc.text
    sfx = lx.suffixes()
    gen = lx.generic()
    cues = lx.cues()
    organize = set(cues.get("organize", ()))
    establish = set(cues.get("establish", ())) | {"打造", "创建"}
    placed = lx.placed_suffixes()
    award = tuple(c for c in cues.get("honor", ()) + cues.get("honor_weak", ()) if c not in ("通过", "成为"))
    named_end = {}  # end → start of the unit names found so far
    model_units = {e: st for _i, st, e in doc.words_tagged("ORG") if e - st >= 4}  # end → start
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
        if any(nxt.startswith(x) for x in RIGHT_EXCLUDE.get(suffix, ())) or text[a - 1:a] == "跨":
            continue  # (跨部门, 跨区域: across units, not one)
        if kind in ("org", "facility", "project") and COUNT_AFTER.match(text, b):
            continue  # 新建110千伏变电站6座: a kind being counted, not a name
        start, stop_word = _name_start(doc, tok, a, places_at, len(suffix), company=typ == "Enterprise",
                                       activity=kind == "activity")
        if typ == "PartyOrganization" and a in named_end and (start is None or start > named_end[a]):
            start = named_end[a]  # 龙沙消防救援站|党支部: the party body of the unit just named
        elif typ == "PartyOrganization" and a in model_units and (start is None or start > model_units[a]):
            start = model_units[a]  # 某广场联动站|党支部: the model read the unit whole, 站 is not a verb there
        if start is None:
            continue
        if suffix in placed and (start not in places_at or places_at[start].end != a):
            continue  # 乘坐地铁: only a place and this suffix name a unit (某市地铁)
        if kind == "org":  # 某市场监管局|基层|市场所第一联合党支部: a unit, a modifier, then its sub-unit
            k = next((start - n for n in (2, 3, 4) if text[start - n:start] in INNER_MODIFIERS and start - n in named_end), None)
            if k is not None:
                start = named_end[k]
        if kind == "honor":  # 5人获|个人三等功: no honour's name holds its award cue
            start = max([start] + [i + len(c) for c in award for i in [text.rfind(c, start, a)] if i >= 0])
        if text.startswith("集", start) and a - start >= 3 and IN_ONE.match(text, b, b + 60):
            start += 1  # 集甲、乙、丙于一体: 集 gathers the list, it is no name's
        lead = LEADING_QUALIFIER.match(text, start, a)
        if lead and a - lead.end() >= 2:
            start = lead.end()  # 辖区|某百货, 科室|某中心: which ones, not part of the name
        label = text[start:b]
        bare = strip_quotes(label)
        stem = bare[:-len(suffix)]
        if kind in ("org", "facility") and HONOUR_OF_KIND.match(stem) and lx.generic_stem(stem):
            yield _mk(doc, start, b, "Honor", label, "honor-kind", 0.6)  # 省级示范党群服务中心: a title, not a unit
            continue
        if bare in gen or len(bare) < 3 or (len(bare) <= len(suffix) and (len(suffix) < 4 or kind in ("honor", "activity") and len(suffix) == 4)) or \
                (kind == "org" and lx.generic_stem(stem)):  # 乡镇供电所, 公办学校
            continue
        if suffix == "部门" and bare[:1] not in "省市县区镇乡" and start not in places_at:
            continue  # 航道部门, 交通部门: a kind of department; 市自然资源部门 is the city's
        if kind == "org" and TERM.search(bare[:-len(suffix)]):
            continue  # 某联盟第一届理事会: a term of a body, not a body of its own
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
        typ = lx.unit_type(bare, typ)  # 中建二局: a company's unit
        if kind in ("org", "facility"):
            named_end[b] = start
        yield _mk(doc, start, b, typ, label, "suffix-" + suffix, conf)


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
