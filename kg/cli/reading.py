"""``kg export``, ``query``, ``viz``, ``validate`` and ``stats``: a graph file or store in."""
from __future__ import annotations

import sys

import click

from . import CONTEXT, _kg_errors, main


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

    from ..export import atomic_writes
    from ..graphio import export_bytes, open_graph

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
    from ..graphio import open_graph
    from ..query import check_params, format_result, named_queries, query_store, resolve_query

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
            from ..store import KgStore

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

    from ..export import atomic_writes
    from ..graphio import open_graph
    from ..view import ENTITY_TYPES, select, to_networkx
    from ..viz import render_html

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
    from ..graphio import open_graph
    from ..validate import validate as run

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

    from ..stats import to_gephi
    from ..view import to_networkx

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

    from ..graphio import open_graph
    from ..stats import format_stats
    from ..stats import stats as compute
    from ..view import to_networkx

    with _kg_errors():
        result = compute(to_networkx(open_graph(graph), details=False), top=top)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_stats(result), nl=as_json)
