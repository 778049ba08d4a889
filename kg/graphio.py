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
import re
from pathlib import Path

from .errors import InputError

__all__ = ["open_graph", "light_quads", "export_bytes", "SUFFIXES", "EXPORT_FORMATS"]

SUFFIXES = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".trig": "TRIG",
            ".nq": "N_QUADS", ".rdf": "RDF_XML", ".xml": "RDF_XML", ".n3": "N3"}
NAMES = {"TURTLE": "turtle", "N_TRIPLES": "nt", "JSON_LD": "json-ld", "TRIG": "trig", "N_QUADS": "nquads",
         "RDF_XML": "xml", "N3": "n3"}
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "nq", "xml")


def open_graph(path, folder=None):
    """A pyoxigraph store holding the graph file ``path`` (named graphs kept),
    in memory, or on disk in ``folder``."""
    import pyoxigraph as ox

    path = Path(path)
    name = SUFFIXES.get(path.suffix.lower())
    if name is None:
        raise InputError(path, f"unknown RDF format {path.suffix!r}", "use .ttl, .nt, .jsonld, .trig, .nq or .rdf")
    if not path.is_file():
        raise InputError(path, "no such file", "check the path")
    store = ox.Store(str(folder)) if folder else ox.Store()
    try:
        store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, name))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(path, f"not valid {NAMES[name]}: {exc}") from exc
    return store


# pyoxigraph keeps decimals as values, so "1.0" comes back as "1": kg's form has the point
# (kg.triples.from_ox does the same for terms read one by one)
_WHOLE_DECIMAL = re.compile(rb'(?m) "(-?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal> \.$')
_UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _graph_lines(store) -> list:
    """``(graph, sorted N-Triples lines)`` per graph, the default graph (None)
    first, then named graphs in IRI order; pyoxigraph writes the lines."""
    import pyoxigraph as ox

    names = sorted(store.named_graphs(), key=lambda g: (isinstance(g, ox.BlankNode), g.value))
    out = []
    for g in [ox.DefaultGraph()] + names:
        text = _WHOLE_DECIMAL.sub(rb' "\1.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
                                  store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g))
        lines = text.decode("utf-8").split("\n")
        lines.pop()  # the text ends with a line break
        key = None if isinstance(g, ox.DefaultGraph) else ("_:" + g.value if isinstance(g, ox.BlankNode) else g.value)
        if lines or key is None:
            out.append((key, lines))
    if any("_:" in line for _g, lines in out for line in lines) or any(g and g[:2] == "_:" for g, _l in out):
        out = _relabel(out)
    for _g, lines in out:
        lines.sort()  # a graph states a statement once
    return out


def _split(line: str) -> tuple:
    """``(s, p, o)`` of an N-Triples line as pyoxigraph writes it (one space apart)."""
    s, p, o = line[:-2].split(" ", 2)
    return s, p, o


def _term(text: str):
    """A light term of an N-Triples term."""
    if text[0] == "<":
        return text[1:-1]
    if text[0] == "_":
        return text
    end = text.rindex('"')
    lex = text[1:end]
    if "\\" in lex:
        lex = _UNESCAPE.sub(_unescape, lex)
    tail = text[end + 1:]
    if tail[:1] == "@":
        return (lex, tail[1:], None)
    return (lex, None, tail[3:-1] if tail else None)


def _unescape(m) -> str:
    if m.group(3) is not None:
        return _ECHAR.get(m.group(3), m.group(0))
    return chr(int(m.group(1) or m.group(2), 16))


def _rows(lines: list) -> list:
    """kg.triples rows ``(line, s, p, o, Turtle form of o)`` of sorted unique lines."""
    from .triples import _forms

    rows, terms, forms = [], {}, {}
    for line in lines:
        s, p, o = _split(line)
        sub = terms.get(s)
        if sub is None:
            sub = terms[s] = _term(s)
        pred = terms.get(p)
        if pred is None:
            pred = terms[p] = _term(p)
        got = forms.get(o)
        if got is None:
            term = _term(o)
            got = forms[o] = (term, _forms(term)[1])
        rows.append((line + "\n", sub, pred, got[0], got[1]))
    return rows


def _relabel(graphs: list) -> list:
    """The graphs with each blank node named by a hash of what it holds and
    where it hangs (refined three times, as in graph hashing)."""
    edges = []
    for g, lines in graphs:
        for line in lines:
            if "_:" in line:
                s, p, o = _split(line)
                if s[:2] == "_:" or o[:2] == "_:":
                    edges.append((s, p, o))
    ids = sorted({t for s, _p, o in edges for t in (s, o) if t[:2] == "_:"}
                 | {g for g, _l in graphs if g and g[:2] == "_:"})
    colour = dict.fromkeys(ids, "")
    for _round in range(3):
        around = {b: [] for b in ids}
        for s, p, o in edges:
            if s[:2] == "_:":
                around[s].append(f"> {p} {'_:' + colour[o] if o[:2] == '_:' else o}")
            if o[:2] == "_:":
                around[o].append(f"< {'_:' + colour[s] if s[:2] == '_:' else s} {p}")
        colour = {b: hashlib.sha1("\n".join(sorted(around[b])).encode("utf-8")).hexdigest()[:16] for b in ids}
    labels, seen = {}, {}
    for b in sorted(ids, key=lambda b: (colour[b], b)):
        n = seen[colour[b]] = seen.get(colour[b], -1) + 1  # nodes alike in every way: any order gives one graph
        labels[b] = f"_:b{colour[b]}" + (f"x{n}" if n else "")
    out = []
    for g, lines in graphs:
        new = []
        for line in lines:
            if "_:" in line:
                s, p, o = _split(line)
                line = f"{labels.get(s, s)} {p} {labels.get(o, o) if o[:2] == '_:' else o} ."
            new.append(line)
        out.append((labels.get(g, g) if g else g, new))
    return out


def light_quads(store) -> list:
    """Every statement as ``(s, p, o, graph)`` light terms (kg.triples), graph
    None for the default graph, blank nodes as ``"_:b…"``."""
    return [(r[1], r[2], r[3], g) for g, lines in _graph_lines(store) for r in _rows(lines)]


def export_bytes(store, fmt: str) -> bytes:
    """The store as ``fmt`` (one of EXPORT_FORMATS), sorted and byte-stable,
    laid out as a build writes its files. TriG and N-Quads keep the named
    graphs; the others merge them."""
    from .export import JSONLD_CONTEXT
    from .triples import PREFIXES, jsonld_nodes, prefix_header, trig_graph, turtle

    graphs = _graph_lines(store)
    if fmt == "nq":
        # graph by graph (the default graph first), each graph's lines in order
        blocks = [("\n".join(part) if g is None else f" {_node(g)} .\n".join(line[:-2] for line in part)
                   + f" {_node(g)} .") for g, part in graphs if part]
        return ("\n".join(blocks) + "\n" if blocks else "").encode("utf-8")
    if fmt == "trig":
        return (prefix_header() + "".join(trig_graph(_rows(part), g) for g, part in graphs)).encode("utf-8")
    lines = _once([line for _g, part in graphs for line in part]) if len(graphs) > 1 else graphs[0][1]
    if fmt == "nt":
        return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
    if fmt == "xml":  # pyoxigraph's RDF/XML writer, on the statements in line order
        import pyoxigraph as ox

        data = "\n".join(lines).encode("utf-8")
        return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.RDF_XML,
                            prefixes=PREFIXES)
    rows = _rows(lines)
    if fmt == "ttl":
        return (prefix_header() + turtle(rows)).encode("utf-8")
    if fmt == "jsonld":
        context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, sort_keys=True)
        nodes = ",\n".join(jsonld_nodes(rows))
        return f'{{"@context": {context},\n"@graph": [\n{nodes}\n]}}\n'.encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def _once(lines: list) -> list:
    """Sorted lines, each once (sorting runs of sorted lines is nearly linear)."""
    lines.sort()
    out, prev = [], None
    for line in lines:
        if line != prev:
            out.append(line)
            prev = line
    return out


def _node(t: str) -> str:
    return t if t.startswith("_:") else f"<{t}>"
