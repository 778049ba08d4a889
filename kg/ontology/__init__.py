"""The kg ontology (OWL, Turtle), shipped with the package."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["ontology_path", "ontology_graph", "ontology_triples", "jsonld_context"]


def ontology_path() -> Path:
    return Path(str(resources.files(__name__).joinpath("kg.ttl")))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    from rdflib import Graph

    g = Graph()
    g.parse(ontology_path(), format="turtle")
    return g


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The JSON-LD context kg publishes (ontology/context.jsonld)."""
    import json

    return json.loads(ontology_path().with_name("context.jsonld").read_text(encoding="utf-8"))["@context"]


@lru_cache(maxsize=1)
def ontology_triples() -> tuple:
    """The ontology's statements as pyoxigraph triples, parsed once (a build
    writes them into graph.trig and reads the page's Chinese labels off them)."""
    import pyoxigraph as ox

    return tuple(ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))
