"""Light triples and the writers that turn them into N-Triples, Turtle, TriG
and JSON-LD text.

A build makes about 1,300 statements per article. rdflib terms and
serializers cost tens of microseconds a statement; these plain tuples cost
well under one, and the provenance nodes, most of the statements, are
written from templates (``Shape``). A term is an IRI (a ``str``) or a literal
``(lexical form, language or None, datatype IRI or None)``; a ``str`` that starts
with ``_:`` is a blank node (only graphs read from other files have them). Every writer
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
from operator import itemgetter

__all__ = ["PREFIXES", "RDF_TYPE", "XSD", "lit", "nt_term", "Slot", "IRI", "Shape", "sort_unique", "merge_rows", "ntriples", "turtle", "trig_graph", "trig_block", "trig_indent",
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
    return _forms(t)[0]


def _forms(t) -> tuple:
    """``(N-Triples form, Turtle form)`` of a term."""
    if t.__class__ is str:
        if t[:2] == "_:":  # a blank node (kg.graphio reads them from other files)
            return t, t
        return f"<{t}>", _TTL.get(t) or _ttl_iri(t)
    lex, lang, dt = t
    body = '"' + _escape(lex) + '"'
    nt_sfx, ttl_sfx = _SUFFIX.get((lang, dt)) or _suffix(lang, dt)
    return body + nt_sfx, body + ttl_sfx


def _escape(lex: str) -> str:
    # translate() is slow on Chinese text; most literals need no escape at all
    return lex.translate(_ESC) if '"' in lex or "\\" in lex or "\n" in lex or "\r" in lex else lex


def sort_unique(triples) -> list:
    """The statements in N-Triples line order, each once, as rows
    ``(N-Triples line, s, p, o, Turtle form of o)``."""
    keyed = []
    add = keyed.append
    forms = {}  # an article repeats most objects (types, rules, its own IRI): format each once
    for s, p, o in triples:
        f = forms.get(o)
        if f is None:
            f = forms[o] = _forms(o)
        add((f"{s if s[:2] == '_:' else f'<{s}>'} <{p}> {f[0]} .\n", s, p, o, f[1]))
    keyed.sort()
    return _once(keyed)


def _once(rows) -> list:
    """Sorted rows with repeats dropped."""
    out, prev = [], None
    for row in rows:
        if row[0] != prev:
            out.append(row)
            prev = row[0]
    return out


_SUFFIX = {}  # (language, datatype) → (N-Triples suffix, Turtle suffix) of a literal


def _suffix(lang, dt) -> tuple:
    if lang:
        pair = (f"@{lang}", f"@{lang}")
    elif dt:
        pair = (f"^^<{dt}>", f"^^{_ttl_iri(dt)}")
    else:
        pair = ("", "")
    _SUFFIX[(lang, dt)] = pair
    return pair


def merge_rows(*sorted_rows) -> list:
    """Rows of several ``sort_unique`` results in one order, each once.

    >>> a, b = sort_unique([("http://x/a", RDF_TYPE, "http://x/C")]), sort_unique([("http://x/b", RDF_TYPE, "http://x/C")])
    >>> [r[1] for r in merge_rows(b, a, a)]
    ['http://x/a', 'http://x/b']
    """
    rows = [row for part in sorted_rows for row in part]
    rows.sort(key=itemgetter(0))  # Timsort merges the sorted runs in linear time
    return _once(rows)


def ntriples(rows) -> str:
    return "".join([row[0] for row in rows])


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


_TTL = {}  # vocabulary IRI → its Turtle form (a few hundred at most)


def _ttl_iri(iri: str) -> str:
    if _vocab(iri):
        if iri not in _TTL:
            _TTL[iri] = compact(iri) or f"<{iri}>"
        return _TTL[iri]
    return f"<{iri}>"


def prefix_header() -> str:
    """The ``@prefix`` lines every Turtle and TriG file of kg starts with."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))


def turtle(rows) -> str:
    """Turtle statements (without the prefix header) of sorted ``rows``."""
    out = []
    add = out.append
    prev_s = prev_p = None
    for _line, s, p, _o, ot in rows:
        if s != prev_s:
            if prev_s is not None:
                add(" .\n")
            add(f"{s if s[:2] == '_:' else f'<{s}>'} {_PRED.get(p) or _pred(p)} {ot}")
            prev_s, prev_p = s, p
        elif p != prev_p:
            add(f" ;\n\t{_PRED.get(p) or _pred(p)} {ot}")
            prev_p = p
        else:
            add(f" ,\n\t\t{ot}")
    if prev_s is not None:
        add(" .\n")
    return "".join(out)


_PRED = {}  # predicate IRI → its Turtle form


def _pred(p: str) -> str:
    _PRED[p] = "a" if p == RDF_TYPE else _ttl_iri(p)
    return _PRED[p]


def trig_graph(rows, graph: str | None) -> str:
    """One TriG graph block: ``<graph> { … }``, or ``{ … }`` for the default graph."""
    return trig_block(turtle(rows), graph)


def trig_block(ttl, graph=None):
    r"""Turtle statements ``ttl`` as a TriG graph block, indented one tab (a
    literal never holds a raw line break, so every line break is the
    writer's); ``ttl`` and ``graph`` both ``str`` or both UTF-8 ``bytes``.

    >>> trig_block(b"<a> a kg:X .\n", b"g")
    b'<g> {\n\t<a> a kg:X .\n}\n'
    """
    if ttl.__class__ is bytes:
        return (b"<" + graph + b"> {\n" if graph else b"{\n") + trig_indent(ttl) + b"}\n"
    head = "{\n" if not graph else f"{graph} {{\n" if graph[:2] == "_:" else f"<{graph}> {{\n"
    return head + trig_indent(ttl) + "}\n"


def trig_indent(ttl):
    r"""Turtle statements (``str`` or UTF-8 ``bytes``) indented one tab, as
    inside a TriG graph block; the indents of consecutive pieces join into
    the indent of the whole.

    >>> trig_indent("<a> a kg:X .\n<b> a kg:Y .\n")
    '\t<a> a kg:X .\n\t<b> a kg:Y .\n'
    """
    if not ttl:
        return ttl
    if ttl.__class__ is bytes:
        return b"\t" + ttl[:-1].replace(b"\n", b"\n\t") + b"\n"
    return "\t" + ttl[:-1].replace("\n", "\n\t") + "\n"


_js = json.encoder.encode_basestring  # the C encoder: a JSON string literal, Chinese as is


def _json_value(t) -> str:
    if t.__class__ is str:
        return '{"@id": ' + _js(t) + "}"
    lex, lang, dt = t
    if lang:
        return '{"@language": ' + _js(lang) + ', "@value": ' + _js(lex) + "}"
    if dt:
        return '{"@type": ' + _js(compact(dt) or dt) + ', "@value": ' + _js(lex) + "}"
    return '{"@value": ' + _js(lex) + "}"


def jsonld_nodes(rows) -> list[str]:
    """JSON-LD node objects of sorted ``rows``, one JSON text per subject, with
    keys as compact IRIs of kg's published context and Chinese as is.

    >>> jsonld_nodes(sort_unique([("http://x/a", RDF_TYPE, "http://x/C"), ("http://x/a", RDF_TYPE, "http://x/D")]))
    ['{"@id": "http://x/a", "rdf:type": [{"@id": "http://x/C"}, {"@id": "http://x/D"}]}']
    """
    out = []
    parts = None
    prev_s = prev_p = None
    values = {}  # object → its JSON text, made once
    for _line, s, p, o, _ot in rows:
        v = values.get(o)
        if v is None:
            v = values[o] = _json_value(o)
        if s != prev_s:
            if parts is not None:
                out.append("".join(parts) + "]}")
            parts = ['{"@id": ', _js(s), ", ", _KEY.get(p) or _key(p), ": [", v]
            prev_s, prev_p = s, p
        elif p != prev_p:
            parts += ["], ", _KEY.get(p) or _key(p), ": [", v]
            prev_p = p
        else:
            parts += [", ", v]
    if parts is not None:
        out.append("".join(parts) + "]}")
    return out


_KEY = {}


def _key(p: str) -> str:
    _KEY[p] = _js(compact(p) or p)
    return _KEY[p]


class Slot:
    """A place in a ``Shape`` that takes a value each time: an IRI (``IRI``)
    or a literal of one language or datatype (``Slot(datatype=XSD + "integer")``).
    An xsd:integer or xsd:decimal slot takes canonical lexical forms (digits,
    sign, point), which are written as they are."""

    __slots__ = ("iri", "lang", "datatype", "numeric")

    def __init__(self, lang: str | None = None, datatype: str | None = None, iri: bool = False):
        self.iri, self.lang, self.datatype = iri, lang, datatype
        self.numeric = datatype in (XSD + "integer", XSD + "decimal")

    def term(self, value):
        return value if self.iri else (value, self.lang, self.datatype)


IRI = Slot(iri=True)


class Shape:
    r"""A kind of node written many times (a mention, evidence, a figure):
    fixed predicates, each with a fixed object or a ``Slot``. ``text`` writes
    a node in N-Triples, Turtle and JSON-LD with f-strings generated once per
    shape (as ``collections.namedtuple`` generates its class), which is
    several times faster than sorting and writing its statements one by one
    and gives the same text as ``sort_unique`` and the writers.

    >>> sh = Shape([(RDF_TYPE, "http://x/C"), ("http://x/p", Slot("zh")), ("http://x/q", IRI)])
    >>> s, values = "http://x/n", ('红"旗', "http://x/a")
    >>> rows = sort_unique(sh.triples(s, values))
    >>> sh.text(s, values) == (ntriples(rows), turtle(rows), jsonld_nodes(rows)[0])
    True
    >>> sh.text(s, values)[1]
    '<http://x/n> a <http://x/C> ;\n\t<http://x/p> "红\\"旗"@zh ;\n\t<http://x/q> <http://x/a> .\n'
    """

    def __init__(self, fields):
        if len({p for p, _o in fields}) != len(fields):
            raise ValueError("a Shape states each predicate once")
        self.fields = list(fields)
        # Each template is a list of pieces: fixed text, or the name of a
        # variable of the generated function (s: the subject, sj: its JSON
        # string; per slot k an IRI's raw vk, Turtle tk and JSON jk forms, or
        # a literal's escaped ek and JSON jk forms).
        nt, ttl, js = [], [], ['{"@id": ', ("sj",)]
        slots = {}
        for p, o in self.fields:
            if o.__class__ is Slot:
                slots[p] = len(slots)
        for p, o in sorted(self.fields, key=lambda f: f[0] + ">"):  # N-Triples line order
            if o.__class__ is not Slot:
                (o_nt, o_ttl), o_js = [[f] for f in _forms(o)], [_json_value(o)]
            elif o.iri:
                k = slots[p]
                o_nt, o_ttl, o_js = ["<", (f"v{k}",), ">"], [(f"t{k}",)], ['{"@id": ', (f"j{k}",), "}"]
            else:
                k = slots[p]
                nt_sfx, ttl_sfx = _SUFFIX.get((o.lang, o.datatype)) or _suffix(o.lang, o.datatype)
                lex = f"v{k}" if o.numeric else f"e{k}"  # a number's lexical form needs no escape anywhere
                o_nt, o_ttl = ['"', (lex,), '"' + nt_sfx], ['"', (lex,), '"' + ttl_sfx]
                head, tail = _json_value(("\0", o.lang, o.datatype)).split(_js("\0"))
                o_js = [head + '"', (lex,), '"' + tail] if o.numeric else [head, (f"j{k}",), tail]
            nt += ["<", ("s",), f"> <{p}> ", *o_nt, " .\n"]
            ttl += [" ;\n\t" if ttl else "<", *([] if ttl else [("s",), "> "]), (_PRED.get(p) or _pred(p)) + " ", *o_ttl]
            js += [f", {_KEY.get(p) or _key(p)}: [", *o_js, "]"]
        ttl.append(" .\n")
        js.append("}")
        self._text = _generate(list(self.fields), slots, (nt, ttl, js))

    def triples(self, s: str, values) -> list:
        """The node's statements; ``values`` fill the slots in field order."""
        it = iter(values)
        return [(s, p, o.term(next(it)) if o.__class__ is Slot else o) for p, o in self.fields]

    def text(self, s: str, values) -> tuple[str, str, str]:
        """``(N-Triples, Turtle, JSON-LD)`` of the node: its lines, its
        statement block, its node object."""
        return self._text(s, values)


_IRI = {}  # IRI → (Turtle form, JSON string): an article's IRI and its entities' recur in node after node


def _iri_forms(iri: str) -> tuple:
    if len(_IRI) >= 1 << 16:
        _IRI.clear()
    forms = _IRI[iri] = (_TTL.get(iri) or _ttl_iri(iri), _js(iri))
    return forms


def _generate(fields, slots: dict, templates):
    """The function ``(s, values) → (N-Triples, Turtle, JSON-LD)`` filling
    ``templates``. Fixed text goes in as variables, so the generated source
    holds only names."""
    env = {"_js": _js, "_escape": _escape, "_IRI": _IRI, "_iri_forms": _iri_forms}
    lines = ["def text(s, values):", "    sj = _js(s)"]
    if slots:
        lines.append(f"    {', '.join(f'v{k}' for k in range(len(slots)))}, = values")
    for p, o in fields:
        if o.__class__ is Slot and not o.numeric:
            k = slots[p]
            lines.append(f"    t{k}, j{k} = _IRI.get(v{k}) or _iri_forms(v{k})" if o.iri else
                         f"    e{k}, j{k} = _escape(v{k}), _js(v{k})")
    out = []
    for template in templates:
        names = []
        for piece in template:
            if piece.__class__ is tuple:
                names.append(piece[0])
            elif names and names[-1] in env and names[-1].startswith("c"):  # join neighbouring fixed text
                env[names[-1]] += piece
            else:
                names.append(f"c{len(env)}")
                env[names[-1]] = piece
        out.append('f"' + "".join(f"{{{n}}}" for n in names) + '"')
    lines.append(f"    return {', '.join(out)}")
    exec("\n".join(lines), env)  # noqa: S102 - source made above from names only
    return env["text"]


def from_ox(term):
    """A pyoxigraph term as a light term (IRIs and literals only)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return (term.value, term.language, None)
        dt = term.datatype.value
        if dt == XSD + "decimal" and "." not in term.value:  # pyoxigraph keeps the value: 1.0 comes back as 1
            return (term.value + ".0", None, dt)
        return (term.value, None, None if dt == XSD + "string" else dt)
    raise TypeError(f"no blank nodes in kg's graphs: {term!r}")


def to_rdflib(t):
    """A light term as an rdflib term."""
    from rdflib import Literal, URIRef

    if t.__class__ is str:
        return URIRef(t)
    lex, lang, dt = t
    return Literal(lex, lang=lang, datatype=URIRef(dt) if dt else None)
