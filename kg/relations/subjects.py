"""The subject of a clause: the units that open it, or the one under whose lead it runs."""
from __future__ import annotations

from .common import AGENT_TYPES, LEAD, QUALIFIER, UNDER


def _clause_subjects(doc, ms, cs, ce, partners=None):
    """Entity keys that open the clause (several when joined by 、/和/与);
    the ones after 与 (A与B签订…) are also added to ``partners``."""
    text = doc.text
    first = [m for m in ms if cs <= m.start < ce and m.entity]
    if not first:
        return []
    m0 = first[0]
    lead = text[cs:m0.start].strip()
    qualifier = QUALIFIER.search(lead)  # 该院|胜利路人民法庭党支部…: the name after 该院 opens the clause
    if not LEAD.match(lead[:qualifier.start()] if qualifier else lead):
        return []
    if m0.entity and doc.entities[m0.entity].type not in AGENT_TYPES | {"Place"}:
        return []
    subj = [m0]
    pos = m0.end
    for m in first[1:]:
        if m.start < pos:
            if (m.start, m.end) == (m0.start, m0.end) or m.rule.startswith("list-stem") and m.end == pos:
                subj.append(m)
            continue
        gap = text[pos:m.start]
        if gap in ("、", "和", "与", "及", "") and doc.entities[m.entity].type in AGENT_TYPES | {"Place"}:
            subj.append(m)
            pos = m.end
            if gap == "与" and partners is not None:
                partners.append(m.entity)
        else:
            break
    nxt = text[pos:pos + 2]
    if nxt.startswith("的") or nxt.startswith(("等", "旁")):
        return []
    keys = []
    for m in subj:
        if m.entity not in keys:
            keys.append(m.entity)
    # a lone place opening a clause is a subject only for what it did itself
    return keys


def _under_subject(doc, ms, cs, ce):
    m = UNDER.search(doc.text, cs, ce)
    if not m:
        return []
    return [x.entity for x in ms if m.start(1) <= x.start and x.end <= m.end(1) and x.entity
            and doc.entities[x.entity].type in AGENT_TYPES]
