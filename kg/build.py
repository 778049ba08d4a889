"""``kg build``: articles → graph files, written all-or-nothing."""
from __future__ import annotations

from .iri import DEFAULT_BASE
from .pipeline import BuildResult, build, fewer_collections
from .pipeline import release as release_models
from .rdf import to_graph

__all__ = ["build_outputs", "build_store", "graph_of_file"]

PAGE_MAX_NODES = 1500  # graph.html keeps the most central nodes of a large corpus; kg viz draws any part


def build_outputs(paths, out, base=None, html=True, min_confidence=0.0, jobs=1, progress=False,
                  scheduler=None, max_bytes=None, pool=None, release=False) -> BuildResult:
    """Run the pipeline over ``paths`` and write OUT/graph.{ttl,jsonld,nt,trig,html}.

    Each article is written to the (temporary) files as it arrives, so memory
    does not grow with the corpus's text. The files replace the old ones only
    when the build ends; nothing is written when no article could be read.
    With ``release`` (a process that builds once, as ``kg build``), the
    tokenizer and name model are let go before the entity section and page.
    """
    from .files import AtomicFiles
    from .fastrdf import FILES, GraphWriter

    base = base or DEFAULT_BASE
    with AtomicFiles(out) as files:
        writer = None

        def sink(x):
            nonlocal writer
            if writer is None:  # the first readable article opens the files
                writer = GraphWriter({name: files.open(name) for name in FILES}, base)
            writer.add(x.text, x.entities)

        try:
            result = build(paths, base=base, min_confidence=min_confidence, jobs=jobs, progress=progress,
                           scheduler=scheduler, max_bytes=max_bytes, sink=sink, pool=pool)
            if writer is None:
                files.discard()
                return result
            if release:
                release_models()
            n = len(result.extracts)
            title = (result.extracts[0].title or "kg") if n == 1 else f"kg: {n} articles"
            with fewer_collections():  # the page imports its libraries: most of what they make lives on
                _finish(files, writer, html, title)
        finally:
            if writer is not None:
                writer.close()
        result.entities = writer.entities
    return result


def _finish(files, writer, html: bool, title: str) -> None:
    """Write the entity section, then graph.html from the summary the writer kept."""
    files.start_sync()  # the articles' part goes to disk while the entity section is made
    writer.finish()
    if html:
        files.open("graph.html").write(page_of(writer, title))
    else:
        files.drop("graph.html")  # an older build's page would not show this graph


def page_of(writer, title: str) -> bytes:
    """graph.html of what ``writer`` (a kg.fastrdf.GraphWriter) wrote, drawn
    from its entity summary, relations and page summary (kg.page), not by
    reading the files back."""
    from .view import graph_html

    return graph_html(writer.page.network(writer.entities, writer.relations, writer.base), title=title,
                      max_nodes=PAGE_MAX_NODES)


def graph_of_file(path, base=None, min_confidence=0.0):
    """``(graph, schema)`` of one article built alone, for ``kg eval``."""
    from .ontology import ontology_graph
    from .pipeline import process_file

    g = to_graph([process_file(path)], base=base or DEFAULT_BASE, min_confidence=min_confidence)
    return g, ontology_graph() + g


def build_store(paths, store, out=None, base=None, html=True, prune=False, min_confidence=0.0):
    """Update the store folder ``store`` from ``paths``; with ``out``, also
    write the graph files of the whole store there, as a build writes them."""
    from .files import AtomicFiles
    from .fastrdf import FILES, GraphWriter, article_text
    from .store import KgStore

    base = base or DEFAULT_BASE
    with KgStore(store, base=base) as st:
        summary = st.update(paths, prune=prune, min_confidence=min_confidence)
        summary.triples = len(st)
        if out and st.manifest:
            with AtomicFiles(out) as files:
                writer = GraphWriter({name: files.open(name) for name in FILES}, base)
                try:
                    for art, triples, entities in st.articles():
                        writer.add(article_text(triples, art, entities), entities)
                    _finish(files, writer, html, f"kg: {len(st.manifest)} articles")
                finally:
                    writer.close()
    return summary
