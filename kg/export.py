"""Serialise graphs through rdflib's plugin registry and write files atomically."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from .errors import OutputError
from .iri import KG

__all__ = ["FORMATS", "serialize", "atomic_writes", "JSONLD_CONTEXT"]

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml", "trig": "trig", "n3": "n3"}

JSONLD_CONTEXT = {
    "kg": str(KG),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def serialize(graph: Graph, fmt: str) -> bytes:
    """Bytes of ``graph`` in format ``fmt`` (a key of FORMATS or an rdflib name)."""
    name = FORMATS.get(fmt, fmt)
    if name == "json-ld":
        data = graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, sort_keys=True)
        return json.dumps(json.loads(data), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
    if name == "nt":
        lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    return graph.serialize(format=name, encoding="utf-8")


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
