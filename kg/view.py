"""RDF graph → networkx MultiDiGraph for the page, analytics and Gephi.

Nodes are entities (type, label, aliases, articles, evidence, figures); edges
are the ten relations, labelled with the ontology's Chinese labels.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .tips import MAX_TIP_LINES, evidence_line, figure_line, new_node, tooltip, zh_labels  # noqa: F401 (kg.view's API)

__all__ = ["to_networkx", "network", "new_node", "evidence_line", "figure_line", "select", "centrality", "graph_html", "Selection", "ENTITY_TYPES", "RELATIONS"]

RELATIONS = ("subOrganizationOf", "hasBrand", "subBrandOf", "undertakes", "receivedHonor", "locatedIn",
             "cooperatesWith", "established", "issued", "organized")
ENTITY_TYPES = ("PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization", "Brand", "Project",
                "Honor", "Place", "Facility", "Document", "Activity", "Person")


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


_Q = {
    "entities": """SELECT ?n ?t ?label WHERE { ?n a ?t . OPTIONAL { ?n rdfs:label ?label }
                   FILTER(STRSTARTS(STR(?t), STR(kg:))) }""",
    "alts": "SELECT ?n ?alt WHERE { ?n skos:altLabel ?alt }",
    "articles": """SELECT ?n ?name WHERE { ?n kg:mentionedIn ?a . FILTER NOT EXISTS { ?n a kg:Measurement }
                   OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a kg:sourcePath ?path }
                   BIND(COALESCE(?title, ?path, STR(?a)) AS ?name) }""",
    "relations": """SELECT ?s ?p ?o WHERE { ?s ?p ?o .
                    VALUES ?p { kg:subOrganizationOf kg:hasBrand kg:subBrandOf kg:undertakes kg:receivedHonor
                                kg:locatedIn kg:cooperatesWith kg:established kg:issued kg:organized } }""",
    "evidence": """SELECT ?s ?o ?p ?text ?confidence WHERE { ?e a kg:Evidence ; rdf:subject ?s ; rdf:object ?o ;
                   rdf:predicate ?p ; kg:text ?text . OPTIONAL { ?e kg:confidence ?confidence } }""",
    "figures": """SELECT ?about ?indicator ?text WHERE { ?m a kg:Measurement ; kg:about ?about .
                  OPTIONAL { ?m kg:indicator ?indicator } OPTIONAL { ?m kg:text ?text } }""",
}
_PREFIX = """PREFIX kg: <https://w3id.org/dangjian-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def _rows(g, name: str) -> list:
    """Rows of one of the view's queries, as lists of strings (None if unbound),
    from an rdflib Graph or a pyoxigraph Store alike."""
    import pyoxigraph as ox  # (rdflib is not imported here: the build's page needs none)

    text = _PREFIX + _Q[name]
    if not isinstance(g, ox.Store):  # an rdflib Graph
        return [[None if v is None else str(v) for v in row] for row in g.query(text)]
    result = g.query(text, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    out = [[None if sol[n] is None else sol[n].value for n in names] for sol in result]
    del result
    return out


def to_networkx(g, details: bool = True) -> nx.MultiDiGraph:
    """Entities and relations of ``g`` (an rdflib Graph or a pyoxigraph
    Store, whose named graphs count as one); node attributes ``label``,
    ``type``, ``aliases``, ``articles``, ``evidence``, ``figures``, ``title``
    (tooltip). Without ``details`` only labels, types and aliases are read
    (what kg stats needs)."""
    zh = zh_labels()
    nodes = {}
    for n, t, label in sorted(_rows(g, "entities"), key=lambda r: (r[0], r[1])):
        typ = t.rsplit("#", 1)[-1]
        if typ in ENTITY_TYPES and n not in nodes:
            nodes[n] = new_node(label or n, typ, ())
    for n, alt in _rows(g, "alts"):
        if n in nodes:
            nodes[n]["aliases"].append(alt)
    confidence = {}
    if details:
        sets = {n: ({*a["articles"]}, set(), set()) for n, a in nodes.items()}
        for n, name in _rows(g, "articles"):
            if n in sets:
                sets[n][0].add(name)
        for s, o, p, text, conf in _rows(g, "evidence"):
            if conf is not None:
                confidence[(s, p, o)] = max(float(conf), confidence.get((s, p, o), 0.0))
            line = evidence_line(zh, p, text)
            for end in (s, o):
                if end in sets:
                    sets[end][1].add(line)
        for about, indicator, text in _rows(g, "figures"):
            if about in sets:
                sets[about][2].add(figure_line(indicator, text))
        for n, (articles, evidence, figures) in sets.items():
            nodes[n].update(articles=sorted(articles), evidence=sorted(evidence), figures=sorted(figures))
    return network(nodes, _rows(g, "relations"), confidence)


def network(nodes: dict, relations, confidence=None) -> nx.MultiDiGraph:
    """The MultiDiGraph of ``nodes`` (iri → attributes as ``new_node`` makes
    them, lists sorted; ``evidence_count`` when ``evidence`` holds only the
    first lines) and the relation triples ``(s, p, o)`` between them; an
    edge's ``confidence`` is the highest of its evidence (``confidence``:
    ``(s, p, o)`` → value)."""
    confidence = confidence or {}
    zh = zh_labels()
    out = nx.MultiDiGraph()
    for n in sorted(nodes):
        a = nodes[n]
        a["aliases"] = sorted(set(a["aliases"]))
        a["title"] = tooltip(a)
        a.pop("evidence_count", None)
        out.add_node(n, **a)
    for s, p, o in sorted(set(map(tuple, relations))):
        name = p.rsplit("#", 1)[-1]
        if s in nodes and o in nodes and name in RELATIONS:
            extra = {"confidence": round(confidence[(s, p, o)], 4)} if (s, p, o) in confidence else {}
            out.add_edge(s, o, key=name, label=zh.get(p, name), relation=name, **extra)
    return out


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


def graph_html(g, title: str = "kg", **selection) -> bytes:
    """The offline page of ``g`` (an rdflib Graph, a pyoxigraph Store or a
    ``network``); ``selection`` goes to ``select``."""
    from .viz import render_html

    sel = select(g if isinstance(g, nx.MultiDiGraph) else to_networkx(g), **selection)
    return render_html(sel.graph, title=title, notes=sel.notes).encode("utf-8")
