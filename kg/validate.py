"""SHACL validation of kg graphs (ontology/shapes.ttl, with pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SH

from .ontology import ontology_graph, ontology_path

__all__ = ["validate", "Violation", "ValidationReport"]


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


def _short(g: Graph, term) -> str:
    if term is None:
        return "(node)"
    try:
        return g.namespace_manager.normalizeUri(term)
    except Exception:
        return str(term)


def validate(data: Graph) -> ValidationReport:
    """Check ``data`` against the shapes; every violation names the focus
    node (with its label), the property path and what is wrong."""
    from pyshacl import validate as shacl

    shapes = Graph().parse(ontology_path().with_name("shapes.ttl"), format="turtle")
    conforms, report, _text = shacl(data, shacl_graph=shapes, ont_graph=ontology_graph(), inference="none",
                                    advanced=True, allow_warnings=False)
    out = []
    for res in sorted(report.subjects(RDF.type, SH.ValidationResult)):
        focus = report.value(res, SH.focusNode)
        label = data.value(focus, RDFS.label) if focus is not None else None
        path = report.value(res, SH.resultPath)
        msg = report.value(res, SH.resultMessage)
        out.append(Violation(str(focus), str(label) if isinstance(label, Literal) else "",
                             _short(data, path), str(msg)))
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), out)
