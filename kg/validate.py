"""SHACL validation of kg graphs against ontology/shapes.ttl.

The shapes run as SPARQL in pyoxigraph (kg.shacl), which takes seconds where
pyshacl takes minutes on a large graph. Should the shapes ever use a part of
SHACL that kg.shacl does not compile, the whole check runs in pyshacl instead,
with the ontology for subclass reasoning; both give the same report.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SH

from .ontology import ontology_graph, ontology_path

__all__ = ["validate", "Violation", "ValidationReport"]

PREFIXES = {"kg": "https://w3id.org/dangjian-kg/ontology#", "rdf": str(RDF), "rdfs": str(RDFS),
            "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
            "dcterms": "http://purl.org/dc/terms/", "xsd": "http://www.w3.org/2001/XMLSchema#"}


@dataclass
class Violation:
    focus: str
    label: str
    path: str
    message: str

    def __str__(self):
        who = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        return f"{who}: {self.path}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list = field(default_factory=list)


def _short(term) -> str:
    if term is None:
        return "(node)"
    for prefix, ns in PREFIXES.items():
        if str(term).startswith(ns):
            return f"{prefix}:{str(term)[len(ns):]}"
    return f"<{term}>"


def _store(data):
    """A pyoxigraph store of ``data`` (a store already, or an rdflib graph)."""
    import pyoxigraph as ox

    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def validate(data) -> ValidationReport:
    """Check ``data`` (a pyoxigraph Store, its graphs taken as one, or an
    rdflib Graph) against the shapes; every violation names the focus node
    (with its label), the property path and what is wrong."""
    from .shacl import run

    try:
        found = run(_store(data))
    except ValueError:  # the shapes use SHACL that kg.shacl does not compile
        return validate_pyshacl(data if isinstance(data, Graph) else _graph(data))
    if not found:
        return ValidationReport(True, [])
    store = _store(data)
    labels = {}
    for row in store.query("SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                           use_default_graph_as_union=True):
        if row["s"].value not in labels or row["l"].value < labels[row["s"].value]:
            labels[row["s"].value] = row["l"].value  # of two labels (itself a violation) the first in order
    out = [Violation(focus.value, labels.get(focus.value, ""), _short(path), message)
           for focus, path, message in found]
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(False, out)


def _graph(store) -> Graph:
    import pyoxigraph as ox

    g = Graph()
    g.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return g


def validate_pyshacl(data: Graph) -> ValidationReport:
    """The same check in pyshacl (slow on large graphs; the reference kg.shacl is tested against)."""
    from pyshacl import validate as shacl

    shapes = Graph().parse(ontology_path().with_name("shapes.ttl"), format="turtle")
    conforms, report, _text = shacl(data, shacl_graph=shapes, ont_graph=ontology_graph(), inference="none",
                                    advanced=True, allow_warnings=False)
    out = []
    for res in sorted(report.subjects(RDF.type, SH.ValidationResult)):
        focus = report.value(res, SH.focusNode)
        label = data.value(focus, RDFS.label) if focus is not None else None
        out.append(Violation(str(focus), str(label) if isinstance(label, Literal) else "",
                             _short(report.value(res, SH.resultPath)), str(report.value(res, SH.resultMessage))))
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), out)
