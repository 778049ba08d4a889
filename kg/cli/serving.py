"""``kg push`` and ``kg serve``: a graph to another store, or on the network."""
from __future__ import annotations

import os

import click

from . import CONTEXT, _kg_errors, main


@main.command(context_settings=CONTEXT)
@click.argument("graph", required=False, type=click.Path())
@click.option("--store", "store", type=click.Path(file_okay=False), help="Push a store built with --store.")
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph", "graph_iri", default=None, help="Named graph to replace (default: kg's own graph IRI).")
def push(graph, store, endpoint, graph_iri):
    """Load the graph into a triple store, replacing the named graph kg owns.

    Speaks the SPARQL 1.1 Graph Store Protocol (HTTP PUT), so it works with
    Oxigraph server, Apache Jena Fuseki and GraphDB. Nothing else in the
    target store is touched.

    \b
    Examples:
      kg push out/graph.trig --endpoint http://127.0.0.1:7878/store
      kg push --store kgstore --endpoint http://fuseki:3030/kg/data --graph https://example.org/kg
    """
    from ..graphio import export_bytes, open_graph
    from ..push import DEFAULT_GRAPH
    from ..push import push as do_push

    if not graph and not store:
        raise click.UsageError("give a graph file or --store DIR")
    with _kg_errors():
        if store:
            from ..store import KgStore

            with KgStore(store, read_only=True) as st:
                data = export_bytes(st.store, "nt")
        else:
            data = export_bytes(open_graph(graph), "nt")
        status = do_push(data, endpoint, graph_iri or DEFAULT_GRAPH)
    lines = data.count(b"\n")
    click.echo(f"pushed {lines} triples to <{graph_iri or DEFAULT_GRAPH}> at {endpoint} (HTTP {status})")


@main.command(context_settings=CONTEXT)
@click.argument("graph", required=False, type=click.Path())
@click.option("--store", "store", type=click.Path(file_okay=False), help="Serve a store built with --store.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port to listen on.")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--limit", default=10000, show_default=True, type=int, help="Most result rows returned (0: no limit).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1),
              help="Processes answering queries; one past --timeout is stopped and replaced.")
@click.option("--memory", default=4096, show_default=True, type=click.IntRange(0), metavar="MB",
              help="Memory a query worker may take (0: no cap); a query needing more gets 503.")
@click.option("--cors", default="*", show_default=True, metavar="ORIGIN",
              help="The origin web pages may query from: * for any page the browser opens, an origin such as "
                   "https://yasgui.triply.cc for one, '' for none.")
def serve(graph, store, host, port, timeout, limit, cors, workers, memory):
    """Serve a graph as a read-only SPARQL 1.1 endpoint at /sparql, with a
    query page for a browser at /.

    Results as JSON, XML, CSV or TSV by the Accept header; CORS is open for
    browser clients such as Yasgui; updates are refused. A result cut at
    --limit says so (header X-KG-Truncated, and on the page). Listens on
    127.0.0.1 unless told otherwise.

    \b
    Examples:
      kg serve out/graph.trig
      kg serve --store kgstore --port 8080
      curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=SELECT...'
    """
    from ..serve import make_server
    from ..servepool import QueryPool

    if not graph and not store:
        raise click.UsageError("give a graph file or --store DIR")
    with _kg_errors():
        if store:
            from ..store import KgStore

            KgStore(store, read_only=True).close()  # a clear error for a folder that is not a store
            pool = QueryPool(store_dir=os.path.join(store, "oxigraph"), workers=workers, memory_mb=memory)
        else:
            pool = QueryPool(graph_file=graph, workers=workers, memory_mb=memory)
        server = make_server(pool, host, port, timeout, limit, cors)
    click.echo(f"SPARQL endpoint: http://{host}:{server.server_port}/sparql, query page: "
               f"http://{host}:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
