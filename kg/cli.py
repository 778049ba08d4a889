"""The ``kg`` command: a thin layer over the library."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from .errors import KgError

CONTEXT = {"help_option_names": ["-h", "--help"]}


@contextmanager
def _kg_errors(*also):
    """Report a KgError (or one of ``also``) as ``error: …`` and exit with 2."""
    try:
        yield
    except (KgError, *also) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="kg")
def main():
    """Turn Chinese party-building articles into a linked-data knowledge graph."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)  # a plain kill stops like Ctrl-C: workers ended, nothing half-written


def _terminate(signum, frame):
    raise KeyboardInterrupt


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-o", "--out", "out", type=click.Path(file_okay=False), help="Output folder for the graph files.")
@click.option("--store", "store", type=click.Path(file_okay=False),
              help="Keep the graph in a persistent store folder; reruns process only new or changed articles.")
@click.option("--prune", is_flag=True, help="With --store: drop articles whose files are no longer given.")
@click.option("--base", default=None, help="Base IRI for entity IRIs.")
@click.option("--no-html", is_flag=True, help="Skip the interactive graph.html view.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop facts whose rule gives a lower confidence.")
@click.option("-j", "--jobs", default=0, type=click.IntRange(0), help="Processes for extraction (0: all cores).")
@click.option("--dask-scheduler", "scheduler", default=None, metavar="ADDRESS",
              help="Run extraction on an existing Dask cluster, e.g. tcp://10.0.0.5:8786.")
@click.option("--max-bytes", default=None, type=click.IntRange(1), help="Largest file read as one article.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(paths, out, store, prune, base, no_html, min_confidence, jobs, scheduler, max_bytes, quiet):
    """Build the graph of the articles in PATHS: files, or folders searched for
    .txt, .md, .html/.htm and .docx (any common Chinese encoding).

    Writes OUT/graph.ttl, graph.jsonld, graph.nt, graph.trig (one named
    graph per article) and graph.html.

    \b
    Examples:
      kg build examples/ -o out
      kg build a.txt b.txt -o out --base https://example.org/id/
      kg build examples/ -o out --min-confidence 0.7
      kg build articles/ --store kgstore --prune     # incremental, into a store
      kg build corpus/ -o out -j 8                   # eight processes
      kg build corpus/ -o out --dask-scheduler tcp://scheduler:8786
    """
    from .build import build_outputs, build_store

    if not out and not store:
        raise click.UsageError("give an output folder (-o OUT), a store (--store DIR), or both")
    if store:
        with _kg_errors():
            summary = build_store(paths, store, out, base=base, html=not no_html, prune=prune,
                                  min_confidence=min_confidence)
        for err in summary.errors:
            click.echo(f"error: {err}", err=True)
        click.echo(f"store {store}: {summary.line()}; {summary.triples} triples" + (f" → {out}" if out else ""))
        sys.exit(1 if summary.errors else 0)
    with _kg_errors():
        result = build_outputs(paths, out, base=base, html=not no_html, min_confidence=min_confidence, jobs=jobs,
                               progress=not quiet, scheduler=scheduler, max_bytes=max_bytes, release=True)
    for err in result.errors:
        click.echo(f"error: {err}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    s = result.summary()
    if not result.extracts:
        click.echo("error: no article could be read; nothing written", err=True)
        sys.exit(1)
    click.echo(f"{s['documents']} documents in {s['seconds']:.2f} s → {out}")
    click.echo("entities: " + ", ".join(f"{t} {n}" for t, n in s["entities"].items()) + f" (total {sum(s['entities'].values())})")
    click.echo(f"relations: {s['relations']}  measurements: {s['measurements']}")
    if result.errors:
        click.echo(f"{len(result.errors)} input(s) failed", err=True)
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path())
@click.option("-f", "--format", "fmt", required=True,
              type=click.Choice(["ttl", "nt", "jsonld", "trig", "nq", "xml", "graphml", "gexf"]),
              help="Output format; graphml and gexf (for Gephi) hold the entity-relation network.")
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False), help="Output file.")
def export(graph, fmt, out):
    """Convert a graph file to another RDF format.

    Named graphs (TriG, N-Quads) are kept when the target keeps them and merged
    into one graph otherwise.

    \b
    Examples:
      kg export out/graph.trig --format nt -o graph.nt
      kg export out/graph.ttl -f jsonld -o graph.jsonld
      kg export out/graph.ttl -f gexf -o graph.gexf      # open in Gephi
    """
    from pathlib import Path

    from .export import atomic_writes
    from .graphio import export_bytes, open_graph

    with _kg_errors():
        store = open_graph(graph)
        data = network_bytes(store, fmt) if fmt in ("graphml", "gexf") else export_bytes(store, fmt)
        target = Path(out)
        with atomic_writes(target.parent or ".") as files:
            files[target.name] = data
    click.echo(f"{graph} → {out} ({fmt})")


@main.command(context_settings=CONTEXT)
@click.argument("query", required=False)
@click.option("-g", "--graph", "graph", type=click.Path(), help="Graph file (ttl, nt, jsonld, trig, nq).")
@click.option("--store", "store", type=click.Path(file_okay=False), help="Query a store built with kg build --store.")
@click.option("-f", "--file", "file", type=click.Path(), help="Read the SPARQL from FILE.rq.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Result format; json is SPARQL 1.1 Query Results JSON.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (never pasted into the query text).")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--excel", is_flag=True, help="CSV (or TSV) that Excel opens as it is on a Chinese Windows: "
              "UTF-8 with a byte order mark, CRLF line ends; implies --format csv unless tsv is given.")
def query(query, graph, store, file, fmt, params, list_, excel):
    """Ask a graph a SPARQL question, or one of the named questions.

    QUERY is a named query (see --list) or SPARQL text.

    \b
    Examples:
      kg query --list
      kg query -g out/graph.ttl evidence --format csv
      kg query -g out/graph.ttl brands --param org=某某市税务局党委
      kg query -g out/graph.trig "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
      kg query --store kgstore figures --param unit=CNY
      kg query -g out/graph.ttl entities --param type=Person
      kg query -g out/graph.ttl figures --excel > figures.csv
    """
    from .graphio import open_graph
    from .query import check_params, format_result, named_queries, query_store, resolve_query

    if list_:
        for q in named_queries().values():
            extra = "".join(f"  [--param {n}=…: {d}]" for n, d in q.params)
            click.echo(f"{q.name:14s} {q.description}{extra}")
        return
    with _kg_errors():
        bound = {}
        for p in params:
            if "=" not in p:
                raise click.BadParameter(f"{p!r}: use NAME=VALUE", param_hint="--param")
            k, v = p.split("=", 1)
            bound[k.strip()] = v
        text, _declared = resolve_query(query, file)
        check_params(None if file else query, bound)
        if store:
            from .store import KgStore

            with KgStore(store, read_only=True) as st:
                result = st.query(text, bound)
        elif graph:
            result = query_store(open_graph(graph), text, bound)
        else:
            raise click.UsageError("give the graph to query with -g GRAPHFILE or --store DIR")
        if excel and fmt not in ("csv", "tsv"):
            fmt = "csv"
        out = format_result(result, fmt, excel=excel)
        if excel:
            click.echo(out.encode("utf-8"), nl=False)  # bytes as they are: the mark and CRLF stay
        else:
            click.echo(out, nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path())
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False), help="Output HTML file.")
@click.option("--focus", multiple=True, metavar="LABEL", help="Draw only the neighbourhood of this node (repeatable).")
@click.option("--depth", default=1, show_default=True, type=int, help="Steps around --focus.")
@click.option("--types", default="", help="Comma-separated entity types to draw, e.g. PartyOrganization,Brand.")
@click.option("--max-nodes", default=0, type=int, help="Keep only the most central nodes (PageRank).")
@click.option("--title", default=None, help="Page heading.")
def viz(graph, out, focus, depth, types, max_nodes, title):
    """Draw a graph as an interactive offline page (pyvis / vis-network).

    Search, filters by type and relation, a freeze toggle, tooltips with
    aliases, sources, evidence and figures; node size by PageRank.

    \b
    Examples:
      kg viz out/graph.ttl -o graph.html
      kg viz out/graph.trig -o brands.html --types PartyOrganization,Brand
      kg viz out/graph.ttl -o one.html --focus 平湖市交通运输行业党委 --depth 2
      kg viz big.ttl -o big.html --max-nodes 500
    """
    from pathlib import Path

    from .export import atomic_writes
    from .graphio import open_graph
    from .view import ENTITY_TYPES, select, to_networkx
    from .viz import render_html

    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in ENTITY_TYPES]
    if unknown:
        raise click.BadParameter(f"unknown type(s) {', '.join(unknown)}; types are {', '.join(ENTITY_TYPES)}",
                                 param_hint="--types")
    with _kg_errors(ValueError):
        store = open_graph(graph)
        sel = select(to_networkx(store), focus=list(focus), depth=depth, types=wanted,
                     max_nodes=max_nodes)
        html = render_html(sel.graph, title=title or _heading(store, Path(graph).name), notes=sel.notes).encode("utf-8")
        target = Path(out)
        with atomic_writes(target.parent) as files:
            files[target.name] = html
    note = f" ({'; '.join(sel.notes)})" if sel.notes else ""
    click.echo(f"drew {sel.graph.number_of_nodes()} nodes and {sel.graph.number_of_edges()} edges → {out}{note}")


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
    from .graphio import export_bytes, open_graph
    from .push import DEFAULT_GRAPH
    from .push import push as do_push

    if not graph and not store:
        raise click.UsageError("give a graph file or --store DIR")
    with _kg_errors():
        if store:
            from .store import KgStore

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
    from .serve import make_server
    from .servepool import QueryPool

    if not graph and not store:
        raise click.UsageError("give a graph file or --store DIR")
    with _kg_errors():
        if store:
            from .store import KgStore

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


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path())
def validate(graph):
    """Check a graph against the SHACL shapes of the kg ontology.

    Exits 0 when the graph conforms; otherwise prints one line per violation
    (focus node and its label, property, message) and exits 1.

    \b
    Examples:
      kg validate out/graph.ttl
      kg validate out/graph.trig
    """
    from .graphio import open_graph
    from .validate import validate as run

    with _kg_errors():
        report = run(open_graph(graph))
    if report.conforms:
        click.echo(f"{graph}: conforms")
        return
    for v in report.violations:
        click.echo(str(v))
    click.echo(f"{graph}: {len(report.violations)} violation(s)", err=True)
    sys.exit(1)


def _heading(store, name: str) -> str:
    """What a page draws: how many articles the graph holds, and its file."""
    rows = list(store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/dangjian-kg/ontology#Article> }",
                            use_default_graph_as_union=True))
    n = int(rows[0]["n"].value) if rows else 0
    return f"kg: {n} article{'s' if n != 1 else ''} ({name})"


def network_bytes(g, fmt: str) -> bytes:
    """GraphML or GEXF of the entity-relation network, via networkx."""
    import io

    import networkx as nx

    from .stats import to_gephi
    from .view import to_networkx

    buf = io.BytesIO()
    net = to_gephi(to_networkx(g))
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(net, buf)
    return buf.getvalue()


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path())
@click.option("--top", default=10, show_default=True, type=int, help="How many central nodes and groups to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(graph, top, as_json):
    """Counts, central organisations and brands, components and communities.

    \b
    Examples:
      kg stats out/graph.ttl
      kg stats out/graph.trig --top 20 --json
    """
    import json

    from .graphio import open_graph
    from .stats import format_stats
    from .stats import stats as compute
    from .view import to_networkx

    with _kg_errors():
        result = compute(to_networkx(open_graph(graph), details=False), top=top)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_stats(result), nl=as_json)


@main.command("eval", context_settings=CONTEXT)
@click.argument("gold_dir", type=click.Path())
@click.argument("text_dir", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss and spurious item per file.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Score the graph built with this threshold.")
def eval_(gold_dir, text_dir, as_json, verbose, min_confidence):
    """Score extraction against your own annotations.

    Builds each TEXT_DIR/X.txt that has a GOLD_DIR/X.json, alone, and prints
    micro P/R/F1 per category and overall. The annotation format and how
    items are matched: docs/annotation.md in the project.

    \b
    Examples:
      kg eval ../shared/gold ../shared/corpus/seeds
      kg eval tests/data/passages tests/data/passages --verbose
      kg eval gold/ texts/ --json > report.json
    """
    import json

    from .build import graph_of_file
    from .evaluate import evaluate, prf

    with _kg_errors():
        report = evaluate(gold_dir, text_dir, lambda p: graph_of_file(p, min_confidence=min_confidence))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return
    if verbose:
        for stem, res in report.files.items():
            for cat, c in res.items():
                p, r, f = prf(c)
                click.echo(f"== {stem} {cat}: P={p:.3f} R={r:.3f} F1={f:.3f}")
                for x in c["fn_list"]:
                    click.echo(f"   missed: {x}")
                for x in c["fp_list"]:
                    click.echo(f"   spurious: {x}")
    for cat, t in report.totals().items():
        click.echo(f"{cat:18s} P={t['p']:.3f} R={t['r']:.3f} F1={t['f1']:.3f}  (tp={t['tp']} fp={t['fp']} fn={t['fn']})")


if __name__ == "__main__":  # pragma: no cover
    main()
