"""The selection step: the best non-overlapping mentions of all finders."""
from __future__ import annotations

from ..doc import span_mask
from .common import PRIORITY


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
