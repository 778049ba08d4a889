"""RDF graph → networkx MultiDiGraph for the pyvis page."""
from __future__ import annotations

from functools import lru_cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from .iri import KG
from .ontology import ontology_graph

__all__ = ["to_networkx", "graph_html"]

RELATIONS = ("subOrganizationOf", "hasBrand", "subBrandOf", "undertakes", "receivedHonor", "locatedIn",
             "cooperatesWith", "established", "issued", "organized")


@lru_cache(maxsize=1)
def _zh_labels() -> dict:
    onto = ontology_graph()
    out = {}
    for s, o in onto.subject_objects(RDFS.label):
        if isinstance(o, Literal) and o.language == "zh":
            out[s] = str(o)
    return out


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    labels = _zh_labels()
    out = nx.MultiDiGraph()
    titles = {a: str(t) for a, t in g.subject_objects(DCTERMS.title)}
    for node, cls in sorted(g.subject_objects(RDF.type)):
        if not str(cls).startswith(str(KG)) or cls in (KG.Article, KG.Measurement):
            continue
        typ = str(cls)[len(str(KG)):]
        label = str(g.value(node, RDFS.label) or node)
        alts = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
        arts = sorted(titles.get(a, str(a)) for a in g.objects(node, KG.mentionedIn))
        tip = f"{labels.get(cls, typ)} {typ}\n{label}"
        if alts:
            tip += "\n别名: " + "、".join(alts)
        if arts:
            tip += "\n来源: " + "; ".join(arts)
        out.add_node(str(node), label=label, type=typ, title=tip)
    for name in RELATIONS:
        p = KG[name]
        for s, o in sorted(g.subject_objects(p)):
            if str(s) in out and str(o) in out:
                out.add_edge(str(s), str(o), key=name, label=labels.get(p, name))
    return out


def graph_html(g: Graph, title: str = "kg") -> bytes:
    from .viz import render_html

    return render_html(to_networkx(g), title=title).encode("utf-8")
