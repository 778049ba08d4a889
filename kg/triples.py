"""Light triples and the writers that turn them into N-Triples, Turtle, TriG
and JSON-LD text.

A build makes about 500 statements per article. rdflib terms and
serializers cost tens of microseconds a statement; these plain tuples cost
well under one. A term is an IRI (a ``str``) or a literal
``(lexical form, language or None, datatype IRI or None)``. Every writer
takes statements in N-Triples line order (``sort_unique``), so equal input
gives equal bytes, and groups consecutive statements of one subject.

>>> ts = [("http://x/a", RDF_TYPE, "https://w3id.org/dangjian-kg/ontology#Brand"),
...       ("http://x/a", "http://www.w3.org/2000/01/rdf-schema#label", ("党建\\"红\\"", "zh", None))]
>>> turtle(sort_unique(ts)).split("\\n")
['<http://x/a> a kg:Brand ;', '\\trdfs:label "党建\\\\"红\\\\""@zh .', '']
>>> print(ntriples(sort_unique(ts[:1])), end="")
<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/dangjian-kg/ontology#Brand> .
"""
from __future__ import annotations

import json
from functools import lru_cache

__all__ = ["PREFIXES", "RDF_TYPE", "XSD", "lit", "nt_term", "sort_unique", "ntriples", "turtle", "trig_graph",
           "jsonld_nodes", "prefix_header", "from_ox", "to_rdflib"]

PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "kg": "https://w3id.org/dangjian-kg/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = PREFIXES["xsd"]

# N-Triples and Turtle string literals must escape these four; everything else may stay as it is
_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(value, lang: str | None = None, datatype: str | None = None) -> tuple:
    """A literal term; ints become xsd:integer.

    >>> lit(3), lit("红", "zh")
    (('3', None, 'http://www.w3.org/2001/XMLSchema#integer'), ('红', 'zh', None))
    """
    if isinstance(value, bool):
        raise TypeError("no boolean literals in kg")
    if isinstance(value, int):
        return (str(value), None, XSD + "integer")
    return (str(value), lang, datatype)


def nt_term(t) -> str:
    """N-Triples form of a term.

    >>> nt_term("http://x/a"), nt_term(('a"b\\nc', "zh", None))
    ('<http://x/a>', '"a\\\\"b\\\\nc"@zh')
    """
    if t.__class__ is str:
        return f"<{t}>"
    lex, lang, dt = t
    body = '"' + lex.translate(_ESC) + '"'
    if lang:
        return f"{body}@{lang}"
    if dt:
        return f"{body}^^<{dt}>"
    return body


def sort_unique(triples) -> list:
    """The statements in N-Triples line order, each once, as ``(line, s, p, o)``."""
    keyed = sorted((f"<{s}> <{p}> {nt_term(o)} .\n", s, p, o) for s, p, o in triples)
    out, prev = [], None
    for row in keyed:
        if row[0] != prev:
            out.append(row)
            prev = row[0]
    return out


def ntriples(rows) -> str:
    return "".join(row[0] for row in rows)


@lru_cache(maxsize=4096)
def compact(iri: str) -> str:
    """``kg:Brand`` for a vocabulary IRI whose local name is a plain word, else ``""``.

    >>> compact("https://w3id.org/dangjian-kg/ontology#runsBrand"), compact("https://example.org/id/Brand/x")
    ('kg:runsBrand', '')
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and local[0] not in "-." and all(c.isascii() and (c.isalnum() or c in "_-") for c in local):
                return f"{prefix}:{local}"
    return ""


def _vocab(iri: str) -> bool:
    """Is ``iri`` in a prefixed namespace (a vocabulary term, worth a cache slot)?"""
    return iri.startswith(("http://www.w3.org/", "https://w3id.org/dangjian-kg/ontology", "http://purl.org/dc/"))


def _ttl_iri(iri: str) -> str:
    if _vocab(iri):
        c = compact(iri)
        if c:
            return c
    return f"<{iri}>"


def _ttl_term(t) -> str:
    if t.__class__ is str:
        return _ttl_iri(t)
    lex, lang, dt = t
    body = '"' + lex.translate(_ESC) + '"'
    if lang:
        return f"{body}@{lang}"
    if dt:
        return f"{body}^^{_ttl_iri(dt)}"
    return body


def prefix_header() -> str:
    """The ``@prefix`` lines every Turtle and TriG file of kg starts with."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))


def turtle(rows, indent: str = "") -> str:
    """Turtle statements (without the prefix header) of sorted ``rows``."""
    out = []
    prev_s = prev_p = None
    for _line, s, p, o in rows:
        ot = _ttl_term(o)
        if s != prev_s:
            if prev_s is not None:
                out.append(" .\n")
            pt = "a" if p == RDF_TYPE else _ttl_iri(p)
            out.append(f"{indent}<{s}> {pt} {ot}")
            prev_s, prev_p = s, p
        elif p != prev_p:
            pt = "a" if p == RDF_TYPE else _ttl_iri(p)
            out.append(f" ;\n{indent}\t{pt} {ot}")
            prev_p = p
        else:
            out.append(f" ,\n{indent}\t\t{ot}")
    if prev_s is not None:
        out.append(" .\n")
    return "".join(out)


def trig_graph(rows, graph: str | None) -> str:
    """One TriG graph block: ``<graph> { … }``, or ``{ … }`` for the default graph."""
    head = f"<{graph}> {{\n" if graph else "{\n"
    return head + turtle(rows, indent="\t") + "}\n"


def _json_value(t) -> dict:
    if t.__class__ is str:
        return {"@id": t}
    lex, lang, dt = t
    if lang:
        return {"@language": lang, "@value": lex}
    if dt:
        return {"@type": compact(dt) or dt, "@value": lex}
    return {"@value": lex}


def jsonld_nodes(rows) -> list[str]:
    """JSON-LD node objects of sorted ``rows``, one JSON text per subject, with
    keys as compact IRIs of kg's published context and Chinese as is."""
    out = []
    node = None
    for _line, s, p, o in rows:
        if node is None or node["@id"] != s:
            if node is not None:
                out.append(json.dumps(node, ensure_ascii=False, sort_keys=True))
            node = {"@id": s}
        node.setdefault(compact(p) or p, []).append(_json_value(o))
    if node is not None:
        out.append(json.dumps(node, ensure_ascii=False, sort_keys=True))
    return out


def from_ox(term):
    """A pyoxigraph term as a light term (IRIs and literals only)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return (term.value, term.language, None)
        dt = term.datatype.value
        return (term.value, None, None if dt == XSD + "string" else dt)
    raise TypeError(f"no blank nodes in kg's graphs: {term!r}")


def to_rdflib(t):
    """A light term as an rdflib term."""
    from rdflib import Literal, URIRef

    if t.__class__ is str:
        return URIRef(t)
    lex, lang, dt = t
    return Literal(lex, lang=lang, datatype=URIRef(dt) if dt else None)
