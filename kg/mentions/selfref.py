"""References to the unit the text is about: 我局, 该公司, a clause that opens with a bare kind."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .. import lexicon as lx
from ..doc import Doc, Mention
from ..lexicon import ADVERBS, PARTY_OF_KIND, UNIT_KINDS
from .common import CJK, _CLAUSE_END, _Tokens, _any_cue_re, _ends_with_org, _stop_kind


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
