"""The kg ontology (OWL, Turtle), shipped with the package."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

__all__ = ["ontology_path", "ontology_graph"]


def ontology_path() -> Path:
    return Path(str(resources.files(__name__).joinpath("kg.ttl")))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ontology_path(), format="turtle")
    return g
