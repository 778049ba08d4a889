"""Names in quotes and book-title marks: documents, brands, projects, activities."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc
from .common import CJK, NUM, PLACE_TAILS, _Tokens, _mk


TITLE_RE = re.compile(r"《([^《》\n]{1,80})》")
QUOTE_RE = re.compile(r"[“\"「]([^“”\"「」\n]{1,60})[”\"」]")


def find_titles(doc: Doc):
    for m in TITLE_RE.finditer(doc.text):
        if doc.text.endswith(RESEARCH, 0, m.start()):  # 党建课题《某某研究》: a piece of research, a project
            yield _mk(doc, m.start(), m.end(), "Project", m.group(1), "title-research", 0.8)
            continue
        yield _mk(doc, m.start(), m.end(), "Document", m.group(1), "title", 0.95)


THERE_IS = re.compile("(?:有|建有|设有)(?:一|1)(?:处|间|座|个)[^,,。;“”]{0,10}的$")  # 有一处约50平方米的“某某”
BUILDING_WORK = ("建设", "创建")
RESEARCH = ("课题", "研究课题", "科研项目", "研究项目")


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
    if _LIST_MARK.search(content) or _COUNTED.match(content):
        return None  # a structure or a list (党工委—社区党委—…), a count (四个中心): not one unit
    sfx = lx.suffixes()
    for n in range(min(8, len(content) - 1), 0, -1):
        tail = content[-n:]
        if tail in sfx and len(content) > n:
            typ, kind = sfx[tail]
            if kind == "activity":
                return "Activity"
            return lx.unit_type(content, typ) if kind == "org" else typ
    if _PLUS_NAME.search(content) or _METHOD.fullmatch(content):
        return "Project"  # (“党建+”, “五步法”: a way of working)
    return None


_LIST_MARK = re.compile("[—、,;]")
_METHOD = re.compile("[一二三四五六七八九十两]{1,2}[" + CJK + "]{0,3}?(?:法|诀)")
_COUNTED = re.compile("[一二三四五六七八九十两]+个")
_PLUS_NAME = re.compile(r"[" + CJK + r"]\+|\+[" + CJK + r"]|[" + CJK + r"]\+$")


def _slogan(content: str) -> bool:
    """Numbered slogans such as 五心五强五提升 or 一企二员."""
    if "%" in content or re.search(r"\d个", content):
        return False
    return len(re.findall("[" + NUM + "]", content)) >= 2 and len(content) <= 10 and not re.fullmatch(r"[\d.]+", content)


@lru_cache(maxsize=1)
def _near_cues():
    cues = lx.cues()
    kinds = {}
    for role, typ in (("organize", "Activity"), ("project_cue", "Project"), ("brand_cue", "Brand")):
        for w in cues.get(role, ()):
            kinds.setdefault(w, typ)
    return kinds, re.compile("(" + lx.words_pattern(kinds) + ")([" + CJK + "A-Za-z0-9]{0,8})$")


def _near_cue(text: str, start: int, word_starts=None):
    """The type a cue verb a few words before ``start`` gives a quoted name
    (开展 → Activity, 实施 → Project, 打造 → Brand), in the same clause; else None."""
    kinds, rx = _near_cues()
    m, nxt = None, rx.search(text, max(0, start - 12), start)
    while nxt is not None:  # the cue nearest the quote (推动开展“某某”: 开展, not 推动)
        m, nxt = nxt, rx.search(text, nxt.start() + 1, start)
    if m is not None and word_starts is not None and m.start(1) not in word_starts:
        return None  # (党组织信息“某某”: 组织 is a word's, no cue)
    if m is None or m.group(2).endswith(("的", "和", "与", "及", "在")):
        return None
    typ = kinds[m.group(1)]
    if typ == "Brand" and m.group(2) not in ("", "为", "成"):
        return None  # 打造“某某”: a brand only right after the verb (打造为“某某”)
    return typ


def find_quotes(doc: Doc, tok: _Tokens):
    text = doc.text
    qc = lx.quote_cues()
    cues = lx.cues()
    generic = lx.generic()
    for run in _quote_runs(doc):
        after = run[-1].end()
        right = text[after:after + 14]
        cue = None
        for rx, typ, mode, role in qc:
            m = rx.match(right)
            if m:
                cue = (typ, mode, role, m.group(0))
                break
        near = _near_cue(text, run[0].start(), tok.start_set)
        left_tok = tok.before(run[0].start())
        left_word = tok.text(left_tok) if left_tok >= 0 else ""
        for k, m in enumerate(run):
            content = m.group(1).strip()
            if not content or len(content) > 40 or content in generic:
                continue  # (“七一”表彰大会: a day, not a name)
            last = k == len(run) - 1
            own = _content_type(content)
            if cue and (last or cue[0] in ("Brand", "Facility", "Activity", "Project") or own is None):
                typ, mode, role, cw = cue
                if typ == "Activity" and content.endswith(BUILDING_WORK):
                    typ = "Project"  # 开展“某某党支部建设”活动: a programme of work
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
            elif left_word in cues.get("project_cue", ()) and len(run) == 1 and content.count("、") < 3:
                # (践行“服务社会、助人为乐、传递爱心、播撒文明”: four words of a creed, no one name)
                yield _mk(doc, m.start(), m.end(), "Project", content, "quote-verb", 0.6)
            elif ((left_word in cues.get("establish", ()) or THERE_IS.search(text, max(0, m.start() - 16), m.start()))
                  and len(run) == 1 and content.endswith(PLACE_TAILS)
                  and not re.match("[" + CJK + "A-Za-z0-9]", text[after:after + 1])):
                # 建成“邻里幸福站”: a place built, named in quotes with nothing after them
                yield _mk(doc, m.start(), m.end(), "Facility", content, "quote-establish", 0.6)
            elif left_word in cues.get("brand_cue", ()) and len(run) == 1 and len(content) <= 8:
                yield _mk(doc, m.start(), m.end(), "Brand", content, "quote-verb", 0.5)
            elif near and len(content) >= 3 and content.count("、") < 3 and not re.search(r"\d个|%", content) and not (
                    last and re.match("[" + CJK + "]", text[after:after + 1]) and text[after] not in "等和与及为、"):
                # (召开“七一”表彰大会: the quote is a word of a longer name)
                # 构建党员教育“云课堂”, 组织了三期“花湖讲堂”, 推出“A”“B”“C”: a cue verb a few words before
                yield _mk(doc, m.start(), m.end(), near, content, "quote-near", 0.55)
            elif _slogan(content):
                yield _mk(doc, m.start(), m.end(), "Project", content, "quote-slogan", 0.55)
