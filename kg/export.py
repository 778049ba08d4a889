"""Serialise graphs through rdflib's plugin registry (files are written atomically by kg.files)."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugin import register
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.serializer import Serializer

from .errors import InputError
from .files import AtomicFiles, atomic_writes
from .ontology import jsonld_context

__all__ = ["FORMATS", "serialize", "read_graph", "atomic_writes", "AtomicFiles", "JSONLD_CONTEXT"]

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml", "trig": "trig", "nq": "nquads", "n3": "n3"}
DATASET_FORMATS = {"trig", "nquads"}

# The JSON-LD context kg publishes (ontology/context.jsonld, shipped with the package).
JSONLD_CONTEXT = jsonld_context()


class SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG serializer with the named graphs in IRI order (the default
    graph first), so the same dataset always gives the same bytes."""

    def __init__(self, store):
        super().__init__(store)
        self.contexts.sort(key=lambda c: (not isinstance(c.identifier, BNode) and str(c.identifier) != str(DATASET_DEFAULT_GRAPH_ID),
                                          str(c.identifier)))


register("kg-trig", Serializer, "kg.export", "SortedTrigSerializer")


def _canonical(obj):
    """JSON-LD with every array sorted, so equal graphs give equal bytes
    (arrays in RDF JSON-LD are sets unless they are @list)."""
    if isinstance(obj, dict):
        return {k: (v if k == "@list" else _canonical(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        items = [_canonical(x) for x in obj]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    return obj


def serialize(graph: Graph, fmt: str) -> bytes:
    """Bytes of ``graph`` in format ``fmt`` (a key of FORMATS or an rdflib name)."""
    name = FORMATS.get(fmt, fmt)
    if name == "json-ld":
        data = _canonical(json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True)))
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
    if name in ("nt", "nquads"):
        lines = sorted(set(graph.serialize(format=name, encoding="utf-8").decode("utf-8").splitlines()))
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    if name == "trig":
        name = "kg-trig"
    return graph.serialize(format=name, encoding="utf-8")


def read_graph(path) -> Dataset:
    """Parse any RDF file rdflib knows (by its suffix) into a dataset."""
    path = Path(path)
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
           ".nq": "nquads", ".rdf": "xml", ".xml": "xml", ".n3": "n3"}.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown RDF format {path.suffix!r}", "use .ttl, .nt, .jsonld, .trig, .nq or .rdf")
    if not path.is_file():
        raise InputError(path, "no such file", "check the path")
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise InputError(path, f"not valid {fmt}: {exc}") from exc
    return ds
