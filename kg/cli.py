"""The ``kg`` command: a thin layer over the library."""
from __future__ import annotations

import sys

import click

from .errors import KgError

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="kg")
def main():
    """Turn Chinese party-building articles into a linked-data knowledge graph."""


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--base", default=None, help="Base IRI for entity IRIs.")
@click.option("--no-html", is_flag=True, help="Skip the interactive graph.html view.")
def build(paths, out, base, no_html):
    """Build the graph of the articles in PATHS (files or folders of .txt).

    Writes OUT/graph.ttl, OUT/graph.jsonld and OUT/graph.html.

    \b
    Examples:
      kg build examples/ -o out
      kg build a.txt b.txt -o out --base https://example.org/id/
    """
    from .build import build_outputs

    try:
        result = build_outputs(paths, out, base=base, html=not no_html)
    except KgError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for err in result.errors:
        click.echo(f"error: {err}", err=True)
    s = result.summary()
    if not result.docs:
        click.echo("error: no article could be read; nothing written", err=True)
        sys.exit(1)
    click.echo(f"{s['documents']} documents in {s['seconds']:.2f} s → {out}")
    click.echo("entities: " + ", ".join(f"{t} {n}" for t, n in s["entities"].items()) + f" (total {sum(s['entities'].values())})")
    click.echo(f"relations: {s['relations']}  measurements: {s['measurements']}")
    if result.errors:
        click.echo(f"{len(result.errors)} input(s) failed", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
