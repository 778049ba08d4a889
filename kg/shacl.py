"""SHACL shapes run as SPARQL in pyoxigraph: ``kg validate`` at any graph size.

pyshacl checks a graph node by node through rdflib, tens of microseconds a
statement: minutes for a county's year of news. Here each constraint of the
shapes (ontology/shapes.ttl) becomes one SPARQL query that returns what breaks
it, run on the graph file as pyoxigraph loaded it. The SHACL Core parts
kg's shapes use are compiled: targets by class (with the ontology's
subclasses), subjects of and objects of; ``sh:class`` and ``sh:or`` of classes
on a node; and on a property path ``sh:minCount``, ``sh:maxCount``,
``sh:datatype``, ``sh:languageIn``, ``sh:nodeKind``, ``sh:minLength``,
``sh:pattern``, ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:lessThan``,
``sh:class`` and a qualified value shape of ``sh:in``. A shape with anything
else is refused, so no constraint is skipped unseen. The tests hold the
verdicts equal to pyshacl's on kg's graphs and on graphs broken on purpose.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .ontology import ontology_graph, ontology_path

__all__ = ["compiled", "run"]

NODE_KEYS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH["class"], SH["or"], SH.message,
             SH.property, RDF.type}
PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.languageIn, SH.nodeKind, SH.minLength,
                 SH.pattern, SH.minInclusive, SH.maxInclusive, SH.lessThan, SH["class"], SH.qualifiedValueShape,
                 SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.message}


XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("decimal", "integer", "double", "float", "long", "int", "short", "byte",
                             "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
                             "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _n3(term) -> str:
    return term.n3()


@lru_cache(maxsize=1)
def _subclasses() -> dict:
    """class → itself and every class below it in the ontology."""
    g = ontology_graph()
    below = {}
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            below.setdefault(sup, set()).add(sub)

    def closure(c):
        out, todo = {c}, [c]
        while todo:
            for s in below.get(todo.pop(), ()):
                if s not in out:
                    out.add(s)
                    todo.append(s)
        return out

    return {c: closure(c) for c in set(below) | {s for v in below.values() for s in v}}


def _classes(c) -> str:
    return " ".join(sorted(_n3(x) for x in _subclasses().get(c, {c})))


def _has_class(var: str, classes) -> str:
    """A pattern that holds when ``var`` is an instance of one of ``classes`` (or below)."""
    values = " ".join(sorted({x for c in classes for x in _classes(c).split()}))
    return f"EXISTS {{ {var} a ?class__ . VALUES ?class__ {{ {values} }} }}"


def _targets(shapes: Graph, shape) -> list:
    out = []
    classes = sorted(shapes.objects(shape, SH.targetClass))
    if classes:
        values = " ".join(sorted({x for c in classes for x in _classes(c).split()}))
        out.append(f"?this a ?target__ . VALUES ?target__ {{ {values} }}")
    for p in sorted(shapes.objects(shape, SH.targetSubjectsOf)):
        out.append(f"?this {_n3(p)} ?any__ .")
    for p in sorted(shapes.objects(shape, SH.targetObjectsOf)):
        out.append(f"?any__ {_n3(p)} ?this .")
    return out


def _check_keys(shapes: Graph, node, allowed, what: str) -> None:
    extra = {p for p in shapes.predicates(node) if p not in allowed}
    if extra:
        raise ValueError(f"{what}: kg's SHACL compiler does not know {', '.join(sorted(map(str, extra)))}")


def _value_tests(shapes: Graph, prop) -> list:
    """``(SPARQL condition on ?v that means a violation, component)`` for each value constraint."""
    tests = []
    one = lambda key: shapes.value(prop, key)  # noqa: E731
    if one(SH.datatype) is not None:
        dt = _n3(one(SH.datatype))
        well_formed = " && isNUMERIC(?v)" if str(one(SH.datatype)) in NUMERIC else ""
        tests.append((f"!(isLITERAL(?v) && DATATYPE(?v) = {dt}{well_formed})", "datatype"))
    if one(SH.languageIn) is not None:
        langs = [str(x) for x in Collection(shapes, one(SH.languageIn))]
        ok = " || ".join(f'LANGMATCHES(LANG(?v), "{lang}")' for lang in langs) or "false"
        tests.append((f"!(isLITERAL(?v) && LANG(?v) != \"\" && ({ok}))", "languageIn"))
    if one(SH.nodeKind) is not None:
        kinds = {SH.Literal: "isLITERAL(?v)", SH.IRI: "isIRI(?v)", SH.BlankNode: "isBLANK(?v)"}
        if one(SH.nodeKind) not in kinds:
            raise ValueError(f"kg's SHACL compiler does not know sh:nodeKind {one(SH.nodeKind)}")
        tests.append((f"!({kinds[one(SH.nodeKind)]})", "nodeKind"))
    if one(SH.minLength) is not None:
        tests.append((f"(isBLANK(?v) || STRLEN(STR(?v)) < {int(one(SH.minLength))})", "minLength"))
    if one(SH.pattern) is not None:
        tests.append((f"(isBLANK(?v) || !REGEX(STR(?v), {Literal(str(one(SH.pattern))).n3()}))", "pattern"))
    if one(SH.minInclusive) is not None:
        tests.append((f"!(?v >= {_n3(one(SH.minInclusive))})", "minInclusive"))
    if one(SH.maxInclusive) is not None:
        tests.append((f"!(?v <= {_n3(one(SH.maxInclusive))})", "maxInclusive"))
    if one(SH["class"]) is not None:
        tests.append((f"!{_has_class('?v', [one(SH['class'])])}", "class"))
    return tests


def _property_queries(shapes: Graph, shape, prop, target: str) -> list:
    """``(query, path, message)``: each query selects ``?this`` (and ``?v``) per violation."""
    _check_keys(shapes, prop, PROPERTY_KEYS, f"property shape of {shape}")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise ValueError(f"{shape}: kg's SHACL compiler takes simple property paths only")
    p = _n3(path)
    message = str(shapes.value(prop, SH.message) or "")
    out = []
    least, most = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    if least is not None and int(least) > 0 or most is not None:
        having = " || ".join(x for x in ([f"?n__ < {int(least)}"] if least is not None and int(least) > 0 else [])
                             + ([f"?n__ > {int(most)}"] if most is not None else []))
        out.append((f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n__) WHERE {{ {target} "
                    f"OPTIONAL {{ ?this {p} ?v }} }} GROUP BY ?this }} FILTER({having}) }}", path, message))
    for test, _component in _value_tests(shapes, prop):
        out.append((f"SELECT DISTINCT ?this ?v WHERE {{ {target} ?this {p} ?v . FILTER({test}) }}", path, message))
    other = shapes.value(prop, SH.lessThan)
    if other is not None:
        out.append((f"SELECT DISTINCT ?this ?v WHERE {{ {target} ?this {p} ?v . ?this {_n3(other)} ?w__ . "
                    f"FILTER(!(?v < ?w__)) }}", path, message))
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        _check_keys(shapes, qualified, {SH["in"]}, f"qualified value shape of {shape}")
        members = " ".join(_n3(x) for x in Collection(shapes, shapes.value(qualified, SH["in"])))
        bounds = [f"?n__ < {int(shapes.value(prop, SH.qualifiedMinCount))}"] if shapes.value(
            prop, SH.qualifiedMinCount) is not None else []
        if shapes.value(prop, SH.qualifiedMaxCount) is not None:
            bounds.append(f"?n__ > {int(shapes.value(prop, SH.qualifiedMaxCount))}")
        out.append((f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?q__) AS ?n__) WHERE {{ {target} "
                    f"OPTIONAL {{ ?this {p} ?q__ . VALUES ?q__ {{ {members} }} }} }} GROUP BY ?this }} "
                    f"FILTER({' || '.join(bounds) or 'false'}) }}", path, message))
    return out


@lru_cache(maxsize=1)
def compiled() -> tuple:
    """``(query, path or None, message)`` for every constraint of kg's shapes."""
    shapes = Graph().parse(ontology_path().with_name("shapes.ttl"), format="turtle")
    out = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        if isinstance(shape, BNode):
            continue  # a shape inside another (sh:or, qualified values) is compiled where it is used
        _check_keys(shapes, shape, NODE_KEYS, str(shape))
        message = str(shapes.value(shape, SH.message) or "")
        for target in _targets(shapes, shape):
            target = f"{{ SELECT DISTINCT ?this WHERE {{ {target} }} }}"
            classes = list(shapes.objects(shape, SH["class"]))
            if classes:
                out.append((f"SELECT ?this WHERE {{ {target} FILTER(!{_has_class('?this', classes)}) }}", None,
                            message))
            for alternatives in shapes.objects(shape, SH["or"]):
                options = []
                for member in Collection(shapes, alternatives):
                    _check_keys(shapes, member, {SH["class"]}, f"sh:or of {shape}")
                    options.append(shapes.value(member, SH["class"]))
                out.append((f"SELECT ?this WHERE {{ {target} FILTER(!{_has_class('?this', options)}) }}", None,
                            message))
            for prop in sorted(shapes.objects(shape, SH.property)):
                out += _property_queries(shapes, shape, prop, target)
    return tuple(out)


def run(store) -> list:
    """``(focus, path or None, message)`` of every violation in the pyoxigraph ``store``
    (its graphs taken as one), one per focus node and offending value."""
    out = []
    for query, path, message in compiled():
        for row in store.query(query, use_default_graph_as_union=True):
            out.append((row["this"], path, message))
    return out
