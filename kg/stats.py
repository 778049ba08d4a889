"""Graph analytics with networkx: counts, central nodes, components, communities."""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .view import centrality

__all__ = ["stats", "format_stats", "to_gephi"]

ORGS = ("PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization")


def stats(g: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts by type and relation, the most central organisations and brands
    (degree and PageRank), weakly connected components and communities."""
    rank = centrality(g)
    degree = dict(g.degree())
    label = {n: a.get("label", n) for n, a in g.nodes(data=True)}

    def leaders(types):
        nodes = [n for n, a in g.nodes(data=True) if a.get("type") in types]
        nodes.sort(key=lambda n: (-rank.get(n, 0), -degree[n], label[n]))
        return [{"label": label[n], "type": g.nodes[n]["type"], "degree": degree[n],
                 "pagerank": round(rank.get(n, 0), 4)} for n in nodes[:top]]

    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    und.add_edges_from((u, v) for u, v in g.edges() if u != v)
    components = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(label[n] for n in c)))
    communities = nx.community.louvain_communities(und, seed=7) if und.number_of_edges() else []
    communities = sorted(communities, key=lambda c: (-len(c), min(label[n] for n in c)))

    def summary(group):
        head = max(group, key=lambda n: (rank.get(n, 0), label[n]))
        return {"size": len(group), "central": label[head]}

    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "types": dict(sorted(Counter(a.get("type") for _n, a in g.nodes(data=True)).items())),
        "relations": dict(sorted(Counter(d.get("relation") for _u, _v, d in g.edges(data=True)).items())),
        "organisations": leaders(ORGS),
        "brands": leaders(("Brand",)),
        "components": {"count": len(components), "largest": [summary(c) for c in components[:top]]},
        "communities": {"count": len(communities), "largest": [summary(c) for c in communities[:top]]},
    }


def format_stats(s: dict) -> str:
    lines = [f"{s['nodes']} nodes, {s['edges']} edges", "", "entities by type:"]
    lines += [f"  {t:20s} {n}" for t, n in s["types"].items()]
    lines += ["", "relations:"] + [f"  {r:20s} {n}" for r, n in s["relations"].items()]
    for key, title in (("organisations", "most central organisations"), ("brands", "most central brands")):
        lines += ["", f"{title} (PageRank, degree):"]
        lines += [f"  {x['pagerank']:.4f}  {x['degree']:3d}  {x['label']} ({x['type']})" for x in s[key]]
    for key in ("components", "communities"):
        lines += ["", f"{key}: {s[key]['count']} (largest: size, most central member)"]
        lines += [f"  {c['size']:4d}  {c['central']}" for c in s[key]["largest"]]
    return "\n".join(lines) + "\n"


def to_gephi(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (GraphML and GEXF take no lists)."""
    out = nx.MultiDiGraph()
    for n, a in sorted(g.nodes(data=True)):
        out.add_node(n, label=a.get("label", n), type=a.get("type", ""),
                     aliases="; ".join(a.get("aliases", [])), articles="; ".join(a.get("articles", [])))
    for u, v, k, a in sorted(g.edges(keys=True, data=True)):
        out.add_edge(u, v, key=k, label=a.get("label", k), relation=a.get("relation", k))
    return out
