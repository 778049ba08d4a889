"""Graph files of a build through pyoxigraph's serializers.

rdflib builds and serializes about 10,000 triples a second; pyoxigraph loads
and writes millions. A build's articles arrive as N-Triples and go into two
in-memory stores (one with a named graph per article, one flat). The files
are written by pyoxigraph's streaming serializers from the statements in
sorted order, so they are byte-stable (a store's own order varies from one
process to the next).
"""
from __future__ import annotations

import json

from rdflib import Graph

from .export import JSONLD_CONTEXT
from .iri import DEFAULT_BASE

__all__ = ["GraphFiles", "NTriplesSink"]


_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(t) -> str:
    """N-Triples form of an rdflib IRI or literal.

    >>> from rdflib import Literal
    >>> nt_term(Literal('a"b\\nc', lang="zh"))
    '"a\\\\"b\\\\nc"@zh'
    """
    from rdflib import Literal, URIRef

    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        body = '"' + str(t).translate(_ESC) + '"'
        if t.language:
            return f"{body}@{t.language}"
        if t.datatype:
            return f"{body}^^<{t.datatype}>"
        return body
    raise TypeError(f"no blank nodes here: {t!r}")


class NTriplesSink:
    """Collects triples as N-Triples lines (``add`` like an rdflib Graph),
    without the cost of an rdflib store."""

    def __init__(self):
        self.lines = []

    def add(self, triple) -> None:
        s, p, o = triple
        self.lines.append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")

    def text(self) -> str:
        return "".join(self.lines)

PREFIXES = {
    "kg": "https://w3id.org/dangjian-kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
ONTOLOGY_GRAPH = "https://w3id.org/dangjian-kg/ontology"


class GraphFiles:
    """The graph of a build, ready to be written in every format."""

    def __init__(self, base: str = DEFAULT_BASE):
        import pyoxigraph as ox

        self.ox = ox
        self.base = base
        self.dataset = ox.Store()
        self.flat = ox.Store()
        self._cache = {}

    @classmethod
    def of(cls, extracts, base: str = DEFAULT_BASE) -> "GraphFiles":
        from .rdf import entity_graph, merge_summaries, new_graph

        gf = cls(base)
        ox = gf.ox
        for x in extracts:
            data = x.ntriples.encode("utf-8")
            gf.dataset.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(x.article))
            gf.flat.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        entities = entity_graph(merge_summaries(x.entities for x in extracts), new_graph(base), base)
        data = entities.serialize(format="nt", encoding="utf-8")
        gf.dataset.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        gf.flat.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return gf

    def __len__(self) -> int:
        return len(self.flat)

    # ------------------------------------------------------------ formats
    def _sorted_text(self, store, fmt, **kw) -> bytes:
        """The store's statements as N-Triples/N-Quads lines in sorted order (computed once)."""
        key = (id(store), fmt)
        if key not in self._cache:
            lines = store.dump(format=getattr(self.ox.RdfFormat, fmt), **kw).decode("utf-8").splitlines()
            self._cache[key] = ("\n".join(sorted(set(x for x in lines if x))) + "\n").encode("utf-8")
        return self._cache[key]

    def _sorted(self, store, fmt, **kw) -> list:
        """The same statements as pyoxigraph terms, for its serializers."""
        return list(self.ox.parse(self._sorted_text(store, fmt, **kw), format=getattr(self.ox.RdfFormat, fmt)))

    def _write(self, statements, fmt) -> bytes:
        out = self.ox.serialize(statements, format=getattr(self.ox.RdfFormat, fmt), prefixes=PREFIXES)
        head, body = [], []
        for line in out.decode("utf-8").splitlines(keepends=True):
            (head if line.startswith("@prefix") and not body else body).append(line)
        return ("".join(sorted(head)) + "".join(body)).encode("utf-8")  # prefix lines in a fixed order

    def turtle(self) -> bytes:
        return self._write(self._sorted(self.flat, "N_TRIPLES", from_graph=self.ox.DefaultGraph()), "TURTLE")

    def ntriples(self) -> bytes:
        return self._sorted_text(self.flat, "N_TRIPLES", from_graph=self.ox.DefaultGraph())

    def trig(self, with_ontology: bool = False) -> bytes:
        ox = self.ox
        if with_ontology:
            from rdflib.compare import to_canonical_graph

            from .ontology import ontology_graph

            # blank nodes (owl:unionOf lists) as Skolem IRIs from canonical ids: stable in every run
            canon = to_canonical_graph(ontology_graph())
            onto = canon.skolemize(authority="https://w3id.org", basepath="/dangjian-kg/ontology/.well-known/genid/")
            onto = onto.serialize(format="nt", encoding="utf-8")
            self.dataset.bulk_load(onto, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
            self._cache.pop((id(self.dataset), "N_QUADS"), None)
        quads = self._sorted(self.dataset, "N_QUADS")
        quads.sort(key=lambda q: (not isinstance(q.graph_name, ox.DefaultGraph), str(q.graph_name)))  # stable
        return self._write(quads, "TRIG")

    def jsonld(self) -> bytes:
        """JSON-LD with kg's published @context: keys, types and datatypes as
        compact IRIs, Chinese as is, arrays sorted."""
        triples = self._sorted(self.flat, "N_TRIPLES", from_graph=self.ox.DefaultGraph())
        nodes = json.loads(self.ox.serialize(triples, format=self.ox.RdfFormat.JSON_LD))
        graph = sorted((_compact_node(n) for n in nodes), key=lambda n: n.get("@id", ""))
        # one node per line: readable, and written by json's C encoder (indent= is pure Python)
        context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, sort_keys=True)
        body = ",\n".join(json.dumps(n, ensure_ascii=False, sort_keys=True) for n in graph)
        return f'{{"@context": {context},\n"@graph": [\n{body}\n]}}\n'.encode("utf-8")

    # ------------------------------------------------------------ rdflib views
    def rdflib_graph(self) -> Graph:
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g.parse(data=self.ntriples().decode("utf-8"), format="nt")
        return g

    def view_graph(self):
        """What the page draws, queried straight from the flat store."""
        return self.flat


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and iri[len(ns):] and all(c.isalnum() or c in "_-" for c in iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _compact_node(node: dict) -> dict:
    out = {}
    for key, value in node.items():
        if key == "@id":
            out[key] = value
        elif key == "@type":
            out[key] = [_compact(t) for t in value] if isinstance(value, list) else _compact(value)
        else:
            vals = [_compact_value(v) for v in value] if isinstance(value, list) else [_compact_value(value)]
            out[_compact(key)] = sorted(vals, key=_value_key)
    return out


def _value_key(v) -> tuple:
    if isinstance(v, dict):
        return (v.get("@id", ""), str(v.get("@value", "")), v.get("@language", ""), v.get("@type", ""))
    return ("", str(v), "", "")


def _compact_value(v):
    if isinstance(v, dict):
        v = dict(v)
        if "@type" in v:
            v["@type"] = _compact(v["@type"])
    return v
