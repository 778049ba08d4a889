"""``kg build`` and ``kg eval``: articles in."""
from __future__ import annotations

import sys

import click

from . import CONTEXT, _kg_errors, main


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
    from ..build import build_outputs, build_store

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

    from ..build import graph_of_file
    from ..evaluate import evaluate, prf

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
