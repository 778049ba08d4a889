"""Graph files, read once by pyoxigraph: what ``query``, ``export``, ``stats``,
``viz``, ``validate`` and ``serve`` work on.

pyoxigraph parses a file in Rust (about ten times as fast as rdflib on kg's
graphs) into a store that answers SPARQL. It keeps numbers as values, so a
decimal comes out in canonical form, which kg's own writers also use (1.0,
19.7). Statements leave the store as light
terms (kg.triples) for kg's own writers, which give sorted, byte-stable text;
blank nodes get labels made from what they hold and where they hang, so the
same graph always gives the same bytes.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp(), "g.ttl")
>>> _ = p.write_text('<http://x/a> <http://x/p> [ <http://x/q> "v" ] .', encoding="utf-8")
>>> print(export_bytes(open_graph(p), "nt").decode(), end="")
<http://x/a> <http://x/p> _:bca3dc4f998017259 .
_:bca3dc4f998017259 <http://x/q> "v" .
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .errors import InputError

__all__ = ["open_graph", "light_quads", "export_bytes", "SUFFIXES", "EXPORT_FORMATS"]

SUFFIXES = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".trig": "TRIG",
            ".nq": "N_QUADS", ".rdf": "RDF_XML", ".xml": "RDF_XML", ".n3": "N3"}
NAMES = {"TURTLE": "turtle", "N_TRIPLES": "nt", "JSON_LD": "json-ld", "TRIG": "trig", "N_QUADS": "nquads",
         "RDF_XML": "xml", "N3": "n3"}
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "nq", "xml")


def open_graph(path):
    """A pyoxigraph store holding the graph file ``path`` (named graphs kept)."""
    import pyoxigraph as ox

    path = Path(path)
    name = SUFFIXES.get(path.suffix.lower())
    if name is None:
        raise InputError(path, f"unknown RDF format {path.suffix!r}", "use .ttl, .nt, .jsonld, .trig, .nq or .rdf")
    if not path.is_file():
        raise InputError(path, "no such file", "check the path")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, name))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(path, f"not valid {NAMES[name]}: {exc}") from exc
    return store


_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _light(term, blanks):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return blanks[term.value]
    if isinstance(term, ox.Literal):
        if term.language:
            return (term.value, term.language, None)
        dt = term.datatype.value
        if dt == _STRING:
            return (term.value, None, None)
        if dt == _DECIMAL and "." not in term.value:  # pyoxigraph keeps decimals as values: 1.0 comes back as 1
            return (term.value + ".0", None, dt)
        return (term.value, None, dt)
    raise InputError("graph", f"unsupported term {term!r}", "kg reads RDF 1.1 graphs")


def light_quads(store) -> list:
    """Every statement as ``(s, p, o, graph)`` light terms, graph None for the
    default graph; a blank node is ``"_:b…"``, its label a hash of what it
    holds and where it hangs (refined three times, as in graph hashing)."""
    import pyoxigraph as ox

    raw = [(q.subject, q.predicate, q.object, q.graph_name) for q in store]
    blanks = _blank_labels(raw)
    cache = {}
    out = []
    for s, p, o, g in raw:
        row = []
        for t in (s, p, o):
            v = cache.get(t)
            if v is None:
                v = cache[t] = _light(t, blanks)
            row.append(v)
        row.append(None if isinstance(g, ox.DefaultGraph) else _light(g, blanks))
        out.append(tuple(row))
    return out


def _blank_labels(raw) -> dict:
    """Blank node id → a label that depends only on the graph around it."""
    import pyoxigraph as ox

    edges = [(s, p, o) for s, p, o, _g in raw if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode)]
    if not edges:
        return {}
    ids = sorted({t.value for s, _p, o in edges for t in (s, o) if isinstance(t, ox.BlankNode)})
    colour = dict.fromkeys(ids, "")

    def name(t):
        return "_:" + colour[t.value] if isinstance(t, ox.BlankNode) else str(t)

    for _round in range(3):
        around = {b: [] for b in ids}
        for s, p, o in edges:
            if isinstance(s, ox.BlankNode):
                around[s.value].append(f"> {p} {name(o)}")
            if isinstance(o, ox.BlankNode):
                around[o.value].append(f"< {name(s)} {p}")
        colour = {b: hashlib.sha1("\n".join(sorted(around[b])).encode("utf-8")).hexdigest()[:16] for b in ids}
    labels, seen = {}, {}
    for b in sorted(ids, key=lambda b: (colour[b], b)):
        n = seen[colour[b]] = seen.get(colour[b], -1) + 1  # nodes alike in every way: any order gives one graph
        labels[b] = f"_:b{colour[b]}" + (f"x{n}" if n else "")
    return labels


def export_bytes(store, fmt: str) -> bytes:
    """The store as ``fmt`` (one of EXPORT_FORMATS), sorted and byte-stable,
    laid out as a build writes its files. TriG and N-Quads keep the named
    graphs; the others merge them."""
    from .export import JSONLD_CONTEXT
    from .triples import jsonld_nodes, prefix_header, sort_unique, trig_graph, turtle

    quads = light_quads(store)
    if fmt in ("trig", "nq"):
        graphs = {}
        for s, p, o, g in quads:
            graphs.setdefault(g, []).append((s, p, o))
        order = sorted(graphs, key=lambda g: (g is not None, g or ""))  # the default graph first
        if fmt == "nq":
            lines = []
            for g in order:
                tail = " .\n" if g is None else f" {_node(g)} .\n"
                lines += [row[0][:-3] + tail for row in sort_unique(graphs[g])]
            return "".join(sorted(lines)).encode("utf-8")
        return (prefix_header() + "".join(trig_graph(sort_unique(graphs[g]), g) for g in order)).encode("utf-8")
    rows = sort_unique((s, p, o) for s, p, o, _g in quads)
    if fmt == "nt":
        return "".join(row[0] for row in rows).encode("utf-8")
    if fmt == "ttl":
        return (prefix_header() + turtle(rows)).encode("utf-8")
    if fmt == "jsonld":
        context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, sort_keys=True)
        nodes = ",\n".join(jsonld_nodes(rows))
        return f'{{"@context": {context},\n"@graph": [\n{nodes}\n]}}\n'.encode("utf-8")
    if fmt == "xml":  # pyoxigraph's RDF/XML writer, on the statements in line order
        import pyoxigraph as ox

        from .triples import PREFIXES

        lines = "".join(row[0] for row in rows).encode("utf-8")
        return ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.RDF_XML,
                            prefixes=PREFIXES)
    raise ValueError(f"unknown export format {fmt!r}")


def _node(t: str) -> str:
    return t if t.startswith("_:") else f"<{t}>"
