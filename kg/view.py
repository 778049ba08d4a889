"""RDF graph → networkx MultiDiGraph for the page, analytics and Gephi.

Nodes are entities (type, label, aliases, articles, evidence, figures); edges
are the ten relations, labelled with the ontology's Chinese labels.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from .iri import KG
from .ontology import ontology_graph

__all__ = ["to_networkx", "select", "centrality", "graph_html", "Selection", "ENTITY_TYPES", "RELATIONS"]

RELATIONS = ("subOrganizationOf", "hasBrand", "subBrandOf", "undertakes", "receivedHonor", "locatedIn",
             "cooperatesWith", "established", "issued", "organized")
ENTITY_TYPES = ("PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization", "Brand", "Project",
                "Honor", "Place", "Facility", "Document", "Activity", "Person")
MAX_TIP_LINES = 6


@lru_cache(maxsize=1)
def zh_labels() -> dict:
    out = {}
    for s, o in ontology_graph().subject_objects(RDFS.label):
        if isinstance(o, Literal) and o.language == "zh":
            out[s] = str(o)
    return out


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Entities and relations of ``g``; node attributes ``label``, ``type``,
    ``aliases``, ``articles``, ``evidence``, ``figures``, ``title`` (tooltip)."""
    labels = zh_labels()
    titles = {a: str(t) for a, t in g.subject_objects(DCTERMS.title)}
    paths = {a: str(p) for a, p in g.subject_objects(KG.sourcePath)}
    evidence = defaultdict(list)
    for ev in g.subjects(RDF.type, KG.Evidence):
        text = g.value(ev, KG.text)
        pred = g.value(ev, RDF.predicate)
        if text is None or pred is None:
            continue
        line = f"{labels.get(pred, _local(pred))}: {str(text).strip()}"
        for end in (g.value(ev, RDF.subject), g.value(ev, RDF.object)):
            if end is not None:
                evidence[end].append(line)
    figures = defaultdict(list)
    for m in g.subjects(RDF.type, KG.Measurement):
        about = g.value(m, KG.about)
        if about is not None:
            figures[about].append(f"{g.value(m, KG.indicator) or ''} {g.value(m, KG.text) or ''}".strip())
    out = nx.MultiDiGraph()
    for node, cls in sorted(g.subject_objects(RDF.type)):
        typ = _local(cls)
        if not str(cls).startswith(str(KG)) or typ not in ENTITY_TYPES:
            continue
        label = str(g.value(node, RDFS.label) or node)
        alts = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
        arts = sorted(titles.get(a) or paths.get(a, str(a)) for a in g.objects(node, KG.mentionedIn))
        ev = sorted(set(evidence.get(node, [])))
        figs = sorted(set(figures.get(node, [])))
        out.add_node(str(node), label=label, type=typ, type_zh=labels.get(cls, typ), aliases=alts,
                     articles=arts, evidence=ev, figures=figs)
    for name in RELATIONS:
        p = KG[name]
        for s, o in sorted(g.subject_objects(p)):
            if str(s) in out and str(o) in out:
                out.add_edge(str(s), str(o), key=name, label=labels.get(p, name), relation=name)
    for n, attrs in out.nodes(data=True):
        attrs["title"] = tooltip(attrs)
    return out


def tooltip(a: dict) -> str:
    """Plain text (the page shows it as text, never as markup)."""
    lines = [f"{a['label']}", f"类型 {a['type_zh']} ({a['type']})"]
    if a.get("aliases"):
        lines.append("别名 " + "、".join(a["aliases"]))
    if a.get("figures"):
        lines.append("数据 " + "; ".join(a["figures"][:MAX_TIP_LINES]))
    if a.get("articles"):
        lines.append("来源 " + "; ".join(a["articles"][:MAX_TIP_LINES]))
    for line in a.get("evidence", [])[:MAX_TIP_LINES]:
        lines.append("· " + (line if len(line) <= 90 else line[:88] + "…"))
    if len(a.get("evidence", [])) > MAX_TIP_LINES:
        lines.append(f"… 另有 {len(a['evidence']) - MAX_TIP_LINES} 条证据")
    return "\n".join(lines)


def centrality(g: nx.MultiDiGraph) -> dict:
    """PageRank over the relations (direction ignored: who is connected to whom).

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b")])
    >>> max(centrality(g), key=centrality(g).get)
    'b'
    """
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    return nx.pagerank(simple, alpha=0.85)


@dataclass
class Selection:
    graph: nx.MultiDiGraph
    notes: list = field(default_factory=list)


def select(g: nx.MultiDiGraph, focus=None, depth: int = 1, types=None, max_nodes: int = 0) -> Selection:
    """The part of ``g`` to draw: around ``focus`` labels, of ``types``, at most
    ``max_nodes`` (the most central kept). ``notes`` say what was left out."""
    notes = []
    sub = g
    if types:
        keep = [n for n, a in g.nodes(data=True) if a.get("type") in set(types)]
        sub = sub.subgraph(keep)
    if focus:
        wanted = {str(f) for f in focus}
        seeds = [n for n, a in sub.nodes(data=True) if a.get("label") in wanted or wanted & set(a.get("aliases", []))]
        if not seeds:
            raise ValueError(f"no node is labelled {', '.join(sorted(wanted))}")
        und = sub.to_undirected(as_view=True)
        keep = set()
        for s in seeds:
            keep |= set(nx.single_source_shortest_path_length(und, s, cutoff=depth))
        sub = sub.subgraph(keep)
        notes.append(f"focus {', '.join(sorted(wanted))}, depth {depth}")
    if max_nodes and sub.number_of_nodes() > max_nodes:
        rank = centrality(sub)
        keep = sorted(rank, key=lambda n: (-rank[n], n))[:max_nodes]
        notes.append(f"showing the {max_nodes} most central of {sub.number_of_nodes()} nodes")
        sub = sub.subgraph(keep)
    out = nx.MultiDiGraph(sub)
    rank = centrality(out)
    top = max(rank.values(), default=0) or 1
    for n, a in out.nodes(data=True):
        a["weight"] = round(rank.get(n, 0) / top, 4)
    return Selection(out, notes)


def graph_html(g: Graph, title: str = "kg", **selection) -> bytes:
    from .viz import render_html

    sel = select(to_networkx(g), **selection)
    return render_html(sel.graph, title=title, notes=sel.notes).encode("utf-8")
