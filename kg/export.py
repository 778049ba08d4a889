"""Serialise graphs through rdflib's plugin registry and write files atomically."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import BNode, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugin import register
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.serializer import Serializer

from .errors import InputError, OutputError
from .ontology import ontology_path

__all__ = ["FORMATS", "serialize", "read_graph", "atomic_writes", "JSONLD_CONTEXT"]

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml", "trig": "trig", "nq": "nquads", "n3": "n3"}
DATASET_FORMATS = {"trig", "nquads"}

# The JSON-LD context kg publishes (ontology/context.jsonld, shipped with the package).
JSONLD_CONTEXT = json.loads(ontology_path().with_name("context.jsonld").read_text(encoding="utf-8"))["@context"]


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


@contextmanager
def atomic_writes(folder):
    """Collect ``{name: bytes}`` and write them all at the end, each via rename.

    >>> import tempfile, pathlib
    >>> d = tempfile.mkdtemp()
    >>> with atomic_writes(d) as out:
    ...     out["a.txt"] = b"x"
    >>> pathlib.Path(d, "a.txt").read_bytes()
    b'x'
    """
    files: dict = {}
    yield files
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create output folder ({exc.strerror})") from exc
    temps = []
    mask = os.umask(0)
    os.umask(mask)
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            temps.append((tmp, folder / name))
            os.chmod(tmp, 0o666 & ~mask)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, final in temps:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise OutputError(f"{folder}: cannot write outputs ({exc.strerror or exc})") from exc
