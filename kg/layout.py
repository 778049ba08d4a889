"""Where the page puts each node, computed once before the page is written.

A browser that lays out a graph with physics keeps it moving for seconds and
stalls on a large one. Here networkx's spring layout (seeded, so the page is
byte-stable) places the nodes, a few passes push apart any two whose boxes
would overlap, and the page opens with the layout frozen. Node sizes follow
their labels: the most central nodes get labels large enough to read at the
starting zoom (``label_size``), the others are drawn once the reader zooms in.
"""
from __future__ import annotations

import math

import networkx as nx

__all__ = ["positions", "label_size", "box_radius", "LEGIBLE", "READABLE"]

SEED = 20240521
LEGIBLE = 20  # this many of the most central nodes are labelled at the starting zoom
SMALL, LARGE = 14, 40  # label sizes in canvas units: the rest, and the most central
READABLE = 13  # px: the page zooms in, if it must, until the central labels are this large
PAD = 12  # canvas units between two boxes


def label_size(rank: int, weight: float) -> int:
    """Label size (canvas units) of the node ranked ``rank`` by centrality."""
    if rank < LEGIBLE:
        return round(LARGE + 10 * weight)
    return SMALL


def box_radius(label: str, size: int) -> float:
    """Half the width of the box vis-network draws around ``label`` (about one
    em per CJK character, wrapped at 14 em), as the radius to keep clear."""
    width = min(len(label), 14) * size + 16
    lines = math.ceil(len(label) / 14) if label else 1
    height = lines * size * 1.3 + 16
    return max(width, height) / 2


def positions(graph: nx.MultiDiGraph, radius: dict) -> dict:
    """``node → (x, y)`` in canvas units, no two nodes' circles of ``radius`` overlapping."""
    import numpy as np

    nodes = sorted(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    start = {v: ((i * 0.618034) % 1.0, (i * 0.381966) % 1.0) for i, v in enumerate(nodes)}  # no global RNG
    pos = nx.spring_layout(simple, pos=start, seed=SEED, iterations=60 if n <= 2000 else 30)
    xy = np.array([pos[v] for v in nodes], dtype=float)
    r = np.array([radius[v] for v in nodes], dtype=float)
    # spread the unit square to the area the boxes need, then push overlapping pairs apart
    area = float((2 * r + PAD).clip(min=1) @ (2 * r + PAD).clip(min=1)) * 2.5
    xy *= math.sqrt(area) / max(float(np.ptp(xy, axis=0).max()), 1e-9)
    _separate(xy, r)
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, xy)}


def _separate(xy, r, rounds: int = 300, seconds: float = 3.0) -> None:
    """Move nodes apart, in place, until no two circles overlap (or ``rounds``
    pass, or ``seconds``: then overlaps are left small). Each round looks only
    at the pairs near enough to overlap (a k-d tree finds them), so its memory
    grows with those pairs, not with the square of the nodes."""
    import time

    import numpy as np
    from scipy.spatial import cKDTree

    until = time.perf_counter() + seconds
    n = len(xy)
    if n < 2:
        return
    reach = 2 * float(r.max()) + PAD
    jitter = np.stack([np.cos(np.arange(n) * 2.39996), np.sin(np.arange(n) * 2.39996)], axis=1)
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        dist = np.sqrt((delta ** 2).sum(axis=1))
        overlap = r[i] + r[j] + PAD - dist
        hit = overlap > 0
        if not hit.any():
            return
        i, j, delta, dist = i[hit], j[hit], delta[hit], dist[hit]
        step = (overlap[hit] / 2 + 0.5)[:, None]
        same = (dist < 1e-6)[:, None]
        unit = delta / np.maximum(dist, 1e-6)[:, None]
        push_i = np.where(same, jitter[i], unit) * step  # i moves away from j, j away from i
        push_j = np.where(same, jitter[j], -unit) * step
        for axis in (0, 1):
            xy[:, axis] += 0.6 * (np.bincount(i, push_i[:, axis], minlength=n)
                                  + np.bincount(j, push_j[:, axis], minlength=n))
        if time.perf_counter() > until:
            return
