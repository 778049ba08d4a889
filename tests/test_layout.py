"""kg.layout: where the page puts each node."""
import networkx as nx
import numpy as np
import pytest

from kg import layout


def _tree(n, seed):
    rng = np.random.default_rng(seed)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((i, int(rng.integers(0, i))) for i in range(1, n))
    g.add_edges_from((int(a), int(b)) for a, b in rng.integers(0, n, (n // 4, 2)) if a != b)
    return g


@pytest.mark.parametrize("seed", [1, 2])
def test_the_energy_layout_does_as_well_as_networkxs(seed, monkeypatch):
    """The same optimiser on the same cost: it ends as low as networkx's own."""
    import scipy.optimize

    minimize, ends = scipy.optimize.minimize, []

    def record(*args, **kw):
        result = minimize(*args, **kw)
        ends.append(result.fun)
        return result

    monkeypatch.setattr(scipy.optimize, "minimize", record)
    g = _tree(150, seed)
    start = {v: ((i * 0.618034) % 1.0, (i * 0.381966) % 1.0) for i, v in enumerate(g)}
    ours = layout._energy_layout(g, start, 60)
    nx.spring_layout(g, pos=start, iterations=60, method="energy")
    assert len(ends) == 2 and ends[0] <= ends[1] + 0.02 * abs(ends[1])
    again = layout._energy_layout(g, start, 60)
    assert all((ours[v] == again[v]).all() for v in g)  # same graph, same layout


def test_the_energy_cost_and_gradient_are_networkxs(monkeypatch):
    """The function handed to the optimiser gives networkx's cost and gradient."""
    import scipy.optimize

    g = _tree(40, 3)
    g.add_node("alone")  # a second component: gravity pulls each to the centre
    nodes = list(g)
    seen = {}

    def grab(f, x0, **kw):
        seen["f"], seen["x"] = f, np.asarray(x0, dtype=float)
        return scipy.optimize.OptimizeResult(x=seen["x"])

    monkeypatch.setattr(scipy.optimize, "minimize", grab)
    layout._energy_layout(g, {v: (np.sin(i), np.cos(3 * i)) for i, v in enumerate(nodes)}, 5)
    cost, grad = seen["f"](seen["x"])
    pos = seen["x"].reshape(-1, 2)
    k = (1.0 / len(nodes)) ** 0.5
    a = nx.to_numpy_array(g, nodelist=nodes)
    delta = pos[:, None, :] - pos[None, :, :]
    d2 = np.maximum((delta ** 2).sum(axis=2), 1e-10)
    d = np.sqrt(d2)
    want_grad = 2 * np.einsum("ij,ijk->ik", a * d / k - k * k / d2, delta)
    want = (a * d * d2).sum() / (3 * k) - k * k * np.log(d).sum()
    labels = np.array([0 if v != "alone" else 1 for v in nodes])
    for part in (0, 1):
        off = pos[labels == part].mean(axis=0) - 0.5
        want_grad[labels == part] += off
        want += 0.5 * (labels == part).sum() * (off ** 2).sum()
    assert cost == pytest.approx(want, rel=1e-9)
    assert np.allclose(grad.reshape(-1, 2), want_grad, rtol=1e-9, atol=1e-9)


def test_separation_pulls_apart_thousands_of_stacked_boxes():
    """The pass looks only at near pairs, so a large page is separated too (the
    all-pairs pass stopped at 3,000 nodes), with varied box sizes."""
    import numpy as np
    from scipy.spatial import cKDTree

    from kg.layout import PAD, _separate

    n = 3200
    rng = np.random.default_rng(7)
    r = rng.uniform(20, 60, n)
    r[:5] = 300.0
    side = float(np.sqrt((((2 * r + PAD) ** 2).sum()) * 2.5))  # the area positions() spreads to
    xy = rng.normal(0, side / 3, (n, 2))
    xy[:10] = 0.0  # a few exactly on top of each other
    _separate(xy, r)
    pairs = cKDTree(xy).query_pairs(2 * r.max() + PAD, output_type="ndarray")
    gap = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    assert (gap >= r[pairs[:, 0]] + r[pairs[:, 1]] + PAD - 1e-6).all()
