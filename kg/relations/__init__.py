"""The ``relations`` stage: relations from cue patterns, with the paragraph's
organisation as subject where the sentence leaves it out, and relations read
off names.

Subjects: an organisation (or place) at the start of a clause; else the
sentence's subject; else the paragraph's topic (set by an organisation that
opens one of a paragraph's first two sentences); else the document's topic.

Modules: ``subjects`` (who a clause is about), ``clause`` (what it states),
``cooperation`` (who works with whom), ``structural`` (what names say),
``common`` (what they share).
"""
from __future__ import annotations

import bisect

from .. import lexicon as lx
from ..doc import Doc
from .clause import _clause_relations
from .common import AGENT_TYPES, BOTH, JOINT, LEAD_CLAUSE, _Ctx
from .structural import _structural
from .subjects import _clause_subjects, _under_subject

__all__ = ["relations"]


def relations(doc: Doc) -> Doc:
    ctx = _Ctx(doc)
    doc.subjects = []
    text = doc.text
    cues = lx.cues()
    ms = [m for m in doc.mentions if m.entity and m.rule != "selfref-qualifier"]
    by_sentence = {}
    starts = [s for s, _, _ in doc.sentences]
    for m in ms:
        k = bisect.bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < doc.sentences[k][1]:
            by_sentence.setdefault(k, []).append(m)
    doc_topic, para_topic = [], []
    last_para, sent_in_para = None, 0
    for k, (ss, se, pi) in enumerate(doc.sentences):
        kind = doc.paragraphs[pi][2]
        if pi != last_para:
            last_para, sent_in_para = pi, 0
        sent_in_para += 1
        smentions = by_sentence.get(k, [])
        if kind == "byline":
            continue
        cls = doc.clauses_in(ss, se)
        sent_subject, under = [], []
        opening_partners = []
        for ci, (cs, ce) in enumerate(cls[:2]):
            under = _under_subject(doc, smentions, cs, ce)
            sent_subject = under or _clause_subjects(doc, smentions, cs, ce, opening_partners)
            if sent_subject or not LEAD_CLAUSE.match(text[cs:ce]):
                break
        agents = [x for x in sent_subject if ctx.type(x) in AGENT_TYPES]
        agents = [x for x in agents if x not in opening_partners] or agents  # A与B签订…: the topic is A
        if sent_in_para == 1:
            opener_is_slogan = not smentions
        if agents:
            if sent_in_para == 1 or (sent_in_para == 2 and opener_is_slogan):
                para_topic = agents
            if not doc_topic:
                doc_topic = agents
        current = agents or para_topic or doc_topic
        joint = []
        for cs, ce in cls:
            cm = [m for m in smentions if cs <= m.start < ce]
            partners = []
            own = _clause_subjects(doc, cm, cs, ce, partners) or _under_subject(doc, cm, cs, ce)
            if not own and BOTH.match(text, cs):
                own = list(ctx.last_pair)  # 双方联合开通…: the two that just agreed to cooperate
            if not own and joint and JOINT.match(text, cs):
                own = joint  # A与B签订协议,共建…: both build
            subj = [x for x in own if ctx.type(x) in AGENT_TYPES] or current
            subj = subj + [x for x in under if x not in subj]
            if own and [x for x in own if ctx.type(x) in AGENT_TYPES]:
                current = [x for x in subj if x not in partners] or subj  # A与B签订…,与C…: A goes on, not B
                joint = subj if partners else []
            doc.subjects.append((cs, ce, list(subj)))
            if cm:  # every relation of a clause is read from a mention in it
                _clause_relations(ctx, doc, cm, cs, ce, subj, own, smentions, ss, se, cues)
    doc.meta["topic"] = doc_topic
    _structural(ctx, doc)
    doc.relations = sorted(ctx.rels.values(), key=lambda r: (r.start, r.subject, r.predicate, r.object))
    return doc
