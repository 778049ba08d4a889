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
ENERGY_FROM = 500  # from this many nodes networkx lays out by energy (``_energy_layout``)


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
    iterations = 60 if n <= 2000 else 30
    if n < ENERGY_FROM:
        pos = nx.spring_layout(simple, pos=start, seed=SEED, iterations=iterations)
    else:
        pos = _energy_layout(simple, start, iterations)
    xy = np.array([pos[v] for v in nodes], dtype=float)
    r = np.array([radius[v] for v in nodes], dtype=float)
    # spread the unit square to the area the boxes need, then push overlapping pairs apart
    area = float((2 * r + PAD).clip(min=1) @ (2 * r + PAD).clip(min=1)) * 2.5
    xy *= math.sqrt(area) / max(float(np.ptp(xy, axis=0).max()), 1e-9)
    _separate(xy, r)
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, xy)}


def _energy_layout(graph: nx.Graph, start: dict, iterations: int, gravity: float = 1.0,
                   threshold: float = 1e-4, batch: int = 500) -> dict:
    """networkx's energy-based spring layout (``spring_layout`` with
    ``method="energy"``, its choice from 500 nodes): the same cost, gradient,
    gravity and L-BFGS-B optimiser, from ``start``. Its cost function builds
    dense rows of the adjacency matrix at every step; here the attraction is
    summed over the edges alone and the repulsion over blocks of rows of plain
    arrays, several times as fast on a page of 1,500 nodes."""
    import numpy as np
    import scipy as sp

    nodes = list(graph)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[a], index[b]) for a, b in graph.edges() if a != b], dtype=np.intp).reshape(-1, 2)
    src, dst = np.concatenate([ends[:, 0], ends[:, 1]]), np.concatenate([ends[:, 1], ends[:, 0]])
    adjacency = sp.sparse.coo_array((np.ones(len(src)), (src, dst)), shape=(n, n))
    parts, labels = sp.sparse.csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(labels)
    k = math.sqrt(1.0 / n)

    def cost(x):
        pos = x.reshape(n, 2)
        delta = pos[src] - pos[dst]  # attraction: A_ij d_ij^3 / 3k over the edges, both ways
        d2 = np.maximum((delta * delta).sum(axis=1), 1e-10)
        dist = np.sqrt(d2)
        total = float((dist * d2).sum()) / (3 * k)
        pull = (2 / k) * dist[:, None] * delta
        grad = _sums(src, pull, n)
        for lo in range(0, n, batch):  # repulsion: -k^2 log d_ij over every pair
            hi = min(lo + batch, n)
            rows = np.arange(hi - lo)
            dx = pos[lo:hi, 0, None] - pos[None, :, 0]
            dy = pos[lo:hi, 1, None] - pos[None, :, 1]
            d2 = np.maximum(dx * dx + dy * dy, 1e-10)
            total -= k * k * 0.5 * float(np.log(d2).sum())
            inv = np.divide(-2 * k * k, d2, out=d2)
            inv[rows, lo + rows] = 0.0
            grad[lo:hi, 0] += (inv * dx).sum(axis=1)
            grad[lo:hi, 1] += (inv * dy).sum(axis=1)
        off = _sums(labels, pos, parts) / sizes[:, None] - 0.5  # gravity: each component's centre to (0.5, 0.5)
        grad += gravity * off[labels]
        total += gravity * 0.5 * float((sizes * (off ** 2).sum(axis=1)).sum())
        return total, grad.ravel()

    x0 = np.array([start[v] for v in nodes], dtype=np.float32).ravel()
    xy = sp.optimize.minimize(cost, x0, method="L-BFGS-B", jac=True,
                              options={"maxiter": iterations, "gtol": threshold}).x.reshape(n, 2)
    return dict(zip(nodes, nx.rescale_layout(xy)))


def _sums(index, values, size: int):
    """``(size, 2)``: the sum of the rows of ``values`` that have each ``index``."""
    import numpy as np

    return np.stack([np.bincount(index, values[:, 0], minlength=size),
                     np.bincount(index, values[:, 1], minlength=size)], axis=1)


def _separate(xy, r, rounds: int = 2000, spread_every: int = 200) -> None:
    """Move nodes apart, in place, until no two circles overlap (or ``rounds``
    pass: then overlaps are left small). A crowd that is still overlapping
    after ``spread_every`` rounds is spread a tenth wider. Each round looks only
    at the pairs near enough to overlap (a k-d tree finds them), so its memory
    grows with those pairs, not with the square of the nodes. No clock is read:
    the same graph gets the same page on any machine."""
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(xy)
    if n < 2:
        return
    reach = 2 * float(r.max()) + PAD
    jitter = np.stack([np.cos(np.arange(n) * 2.39996), np.sin(np.arange(n) * 2.39996)], axis=1)
    for done in range(rounds):
        if done and done % spread_every == 0:
            xy -= xy.mean(axis=0)
            xy *= 1.1
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
        xy += 0.6 * (_sums(i, push_i, n) + _sums(j, push_j, n))
