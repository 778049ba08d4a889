"""Page chrome → metadata; bylines flagged; words broken across lines joined.

The cleaned text keeps one paragraph per line. ``Doc.offsets[i]`` is the
offset in the decoded source of cleaned character ``i``.

>>> src = "当前位置: 首页\\n标题\\n\\n这是一个很长的句子,用来测试换行,两个公司党支部被确定为党\\n\\n建示范点。"
>>> d = clean(Doc(path="x", source=src, text="", offsets=[]))
>>> d.text.splitlines()[1]
'这是一个很长的句子,用来测试换行,两个公司党支部被确定为党建示范点。'
>>> d.meta["breadcrumb"], d.meta["title"]
('首页', '标题')
>>> i = d.text.index("建示范点")
>>> src[d.offsets[i]:d.offsets[i] + 4]
'建示范点'
"""
from __future__ import annotations

import re

from .doc import Doc, Offsets
from .text import to_simplified  # noqa: F401 - part of this stage's interface

__all__ = ["clean"]

CHROME = re.compile(
    r"^\s*(?:当前位置|您的位置|您当前的位置|所在位置|位置)\s*[::]"
    r"|^\s*(?:发布日期|发布时间|发稿时间|日期|时间|文章来源|信息来源|来源|责任编辑|编辑|作者|浏览次数|点击数|阅读次数|访问量|字号|【字体|打印本页|关闭窗口|分享到|扫一扫)\s*[::]"
    r"|^\s*(?:【?\s*(?:打印|关闭|返回顶部|收藏)\s*】?\s*)+$"
)
FIELD = re.compile(  # a header field and its name, at the start of a line
    r"^\s*(?:(?P<crumb>当前位置|您的位置|您当前的位置|所在位置|位置)|发布日期|发布时间|发稿时间|日期|时间|文章来源|信息来源|来源"
    r"|责任编辑|编辑|作者|浏览次数|点击数|阅读次数|访问量)\s*[::]\s*")
BREADCRUMB = re.compile(r"^\s*(?:当前位置|您的位置|您当前的位置|所在位置|位置)\s*[::]\s*(.*)$")
DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})日?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?")
SOURCE = re.compile(r"(?:文章来源|信息来源|来源)\s*[::]\s*([^\s::]+?)(?=\s|$|(?:发布|作者|编辑|浏览))")
BYLINE = re.compile(r"^\s*[□■◇◆●○]?\s*(?:本版文字|本版撰文|文字|文\s*/|记者|通讯员|作者|撰稿|撰文|摄影|图\s*/|本版图片|本报记者)")
CREDITS = re.compile(r"(?:作者|记者|通讯员|撰稿|摄影|编辑|责任编辑|责编|一审|二审|三审|初审|复审|终审|审核|校对)\s*[::]\s*[\u4e00-\u9fff]{2}")
TERMINAL = set("。!?!?;;::…”\"」』)）》】")
CJK = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
MIN_JOIN_LINE = 25
# Full-width ASCII variants (，；：！？（）０-９Ａ-Ｚ) and the ideographic space fold
# one-to-one to ASCII, so offsets stay valid and the later stages need one
# spelling of each punctuation mark.
FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
_FOLDED = re.compile("[\uff01-\uff5e\u3000\xa0]")
_FOLD_CHAR = {chr(k): chr(v) for k, v in FOLD.items()}


def fold(line: str) -> str:
    """Full-width forms to ASCII (str.translate is slow on Chinese text: only
    the few marks to fold are replaced).

    >>> fold("党委,共３项")
    '党委,共3项'
    """
    return _FOLDED.sub(_fold_match, line)


def _fold_match(m) -> str:
    return _FOLD_CHAR[m.group()]


def _lines(source: str):
    """Yield ``(start, end)`` of every line, without the line break."""
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", source):
        if m.start() == m.end() and m.start() == len(source) and source:
            break
        line = m.group(0).rstrip("\r\n")
        yield m.start(), m.start() + len(line)
        if m.end() >= len(source):
            break


def _meta_from_chrome(line: str, meta: dict) -> None:
    m = BREADCRUMB.match(line)
    if m:
        meta.setdefault("breadcrumb", m.group(1).strip())
    d = DATE.search(line)
    if d and "date" not in meta:
        y, mo, da, t = d.groups()
        meta["date"] = f"{int(y):04d}-{int(mo):02d}-{int(da):02d}"
        if t:
            meta["time"] = t
    s = SOURCE.search(line)
    if s and "source_name" not in meta:
        meta["source_name"] = s.group(1)


def _body_after_field(line: str) -> int:
    """Where the article goes on in a line that starts with a header field
    (时间:5月20日上午,某局党委以…; 当前位置:首页>新闻>正文 某某…), or 0 when
    the field is the whole line. A field's value ends at the first comma,
    full stop or space; a breadcrumb's after the word behind its last ``>``.

    >>> line = "时间:5月20日上午,某局党委以“红帆”党建品牌为引领,开展志愿服务活动。"
    >>> line[_body_after_field(line):]
    '某局党委以“红帆”党建品牌为引领,开展志愿服务活动。'
    >>> _body_after_field("发布时间:2024-05-20 10:30 来源:某某网")
    0
    >>> line = "当前位置:首页 > 新闻 > 正文 某局党委以“红帆”党建品牌为引领,开展志愿服务活动,服务群众。"
    >>> line[:_body_after_field(line)]
    '当前位置:首页 > 新闻 > 正文 '
    
    """
    m = FIELD.match(line)
    if not m:
        return 0
    rest = m.end()
    if m.group("crumb"):
        last = max(line.rfind(c) for c in ">›»")
        if last < rest:
            return 0
        word = last + 1
        while word < len(line) and line[word].isspace():
            word += 1
        gap = re.compile(r"\s+").search(line, word)  # the crumb after the last > is one word
        start = gap.end() if gap else len(line)
    else:
        end = re.compile(r"[,。;\s]").search(line, rest)
        if end is None:
            return 0
        start = end.end()
        while start < len(line) and line[start] in ", 。;":
            start += 1
    body = line[start:]
    if len(body) < 20 or not re.search(r"[,。;]", body) or FIELD.match(body) or DATE.match(body):
        return 0
    return start


def _strip(source, a, b):
    while a < b and source[a].isspace():
        a += 1
    while b > a and source[b - 1].isspace():
        b -= 1
    return a, b


def clean(doc: Doc) -> Doc:
    """Fill ``doc.text``, ``doc.offsets``, ``doc.paragraphs`` and ``doc.meta``."""
    src = doc.source
    paras = []  # list of lists of (start, end, folded text) source pieces
    kinds = []
    meta = doc.meta
    for a, b in _lines(src):
        a, b = _strip(src, a, b)
        if a == b:
            continue
        line = fold(src[a:b])
        if CHROME.search(line):
            cut = _body_after_field(line)
            _meta_from_chrome(line[:cut] if cut else line, meta)
            meta.setdefault("chrome", []).append(line[:cut] if cut else line)
            if cut:  # the article goes on after the field: only the field is page chrome
                a, line = a + cut, line[cut:]
                kind = "body"
            elif not CREDITS.search(line):
                continue
            else:
                kind = "byline"  # 作者: 某某 一审: 某某: the persons stay in the text, where they can be traced
        else:
            kind = "byline" if BYLINE.match(line) else "body"
        if (paras and kind == "body" and kinds[-1] == "body" and _should_join(src, paras[-1][-1], (a, b))):
            paras[-1].append((a, b, line))
            continue
        paras.append([(a, b, line)])
        kinds.append(kind)
    text_parts, offsets = [], Offsets()
    pos = 0
    doc.paragraphs = []
    for pieces, kind in zip(paras, kinds):
        start = pos
        for a, b, line in pieces:
            text_parts.append(line)
            offsets.add(a, b - a)
            pos += b - a
        doc.paragraphs.append((start, pos, kind))
        text_parts.append("\n")
        offsets.add(pieces[-1][1], 1)
        pos += 1
    text = "".join(text_parts)
    simplified = to_simplified(text)
    if simplified != text:
        doc.meta["traditional"] = True
        doc.original = text  # the surface text, for labels (same length as doc.text)
    doc.text = simplified
    doc.offsets = offsets
    body = [(s, e) for s, e, k in doc.paragraphs if k == "body"]
    if body and "title" not in meta:
        s, e = body[0]
        meta["title"] = (getattr(doc, "original", None) or doc.text)[s:e]  # as the article writes it
    meta["bylines"] = [(s, e) for s, e, k in doc.paragraphs if k == "byline"]
    return doc




def _should_join(src, prev, nxt) -> bool:
    a, b = prev[:2]
    line = src[a:b]
    if len(line) < MIN_JOIN_LINE or line[-1] in TERMINAL:
        return False
    if not re.search(r"[,,。;;、]", line):
        return False  # a heading, not a sentence cut short
    gap = src[b:nxt[0]]
    if gap.count("\n") + gap.count("\r") - gap.count("\r\n") < 1:
        return False
    return bool(CJK.match(src[nxt[0]]))
