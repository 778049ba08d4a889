"""``kg build``: articles → graph files, written all-or-nothing."""
from __future__ import annotations

from .export import atomic_writes, serialize
from .iri import DEFAULT_BASE
from .pipeline import BuildResult, build
from .rdf import flatten, to_dataset, to_graph
from .view import graph_html

__all__ = ["build_outputs", "build_store", "graph_of_file"]

PAGE_MAX_NODES = 1500  # graph.html keeps the most central nodes of a large corpus; kg viz draws any part


def build_outputs(paths, out, base=None, html=True, min_confidence=0.0, jobs=1, progress=False,
                  scheduler=None, max_bytes=None) -> BuildResult:
    """Run the pipeline over ``paths`` and write OUT/graph.{ttl,jsonld,nt,trig,html}.

    Nothing is written when no article could be read.
    """
    base = base or DEFAULT_BASE
    result = build(paths, base=base, min_confidence=min_confidence, jobs=jobs, progress=progress,
                   scheduler=scheduler, max_bytes=max_bytes)
    if not result.extracts:
        return result
    ds = dataset_of(result.extracts, base)
    g = flatten(ds, base=base)
    with atomic_writes(out) as files:
        files["graph.ttl"] = serialize(g, "ttl")
        files["graph.jsonld"] = serialize(g, "jsonld")
        files["graph.nt"] = serialize(g, "nt")
        files["graph.trig"] = serialize(with_ontology(ds), "trig")
        if html:
            n = len(result.extracts)
            title = (result.extracts[0].title or "kg") if n == 1 else f"kg: {n} articles"
            files["graph.html"] = graph_html(g, title=title, max_nodes=PAGE_MAX_NODES)
    result.graph = g
    return result


def dataset_of(extracts, base=DEFAULT_BASE):
    """Articles' named graphs plus the entity graph merged across them, resolved once."""
    from rdflib import Dataset, URIRef

    from .rdf import entity_graph, merge_summaries, new_graph

    ds = Dataset()
    for prefix, ns in new_graph(base).namespaces():
        ds.bind(prefix, ns)
    for x in extracts:
        g = ds.graph(URIRef(x.article))
        for t in x.triples:
            g.add(t)
    entity_graph(merge_summaries(x.entities for x in extracts), ds.default_graph, base)
    return ds


def with_ontology(ds):
    """The dataset plus the ontology in its own named graph (the ontology's IRI)."""
    from rdflib import URIRef
    from rdflib.compare import to_canonical_graph

    from .ontology import ontology_graph

    onto = ds.graph(URIRef("https://w3id.org/dangjian-kg/ontology"))
    for t in to_canonical_graph(ontology_graph()):  # blank nodes get stable, content-derived ids
        onto.add(t)
    return ds


def graph_of_file(path, base=None, min_confidence=0.0):
    """``(graph, schema)`` of one article built alone, for ``kg eval``."""
    from .ontology import ontology_graph
    from .pipeline import process_file

    g = to_graph([process_file(path)], base=base or DEFAULT_BASE, min_confidence=min_confidence)
    return g, ontology_graph() + g


def build_store(paths, store, out=None, base=None, html=True, prune=False, min_confidence=0.0):
    """Update the store folder ``store`` from ``paths``; with ``out``, also
    write the graph files of the whole store there."""
    from .store import KgStore

    with KgStore(store, base=base or DEFAULT_BASE) as st:
        summary = st.update(paths, prune=prune, min_confidence=min_confidence)
        summary.triples = len(st)
        articles = len(st.manifest)
        ds = st.dataset() if out else None
    if out:
        g = flatten(ds, base=base or DEFAULT_BASE)
        with atomic_writes(out) as files:
            files["graph.ttl"] = serialize(g, "ttl")
            files["graph.jsonld"] = serialize(g, "jsonld")
            files["graph.nt"] = serialize(g, "nt")
            files["graph.trig"] = serialize(ds, "trig")
            if html:
                files["graph.html"] = graph_html(g, title=f"kg: {articles} articles", max_nodes=PAGE_MAX_NODES)
    return summary
