"""What a node of the page says: its attributes and its tooltip (plain text),
with the ontology's Chinese labels. A build gathers these article by article
(kg.page), so this module is light: no rdflib, no networkx."""
from __future__ import annotations

from functools import lru_cache

from .iri import KG_NS
from .triples import PREFIXES

__all__ = ["MAX_TIP_LINES", "zh_labels", "new_node", "evidence_line", "figure_line", "tooltip"]

MAX_TIP_LINES = 6
_LABEL = PREFIXES["rdfs"] + "label"


@lru_cache(maxsize=1)
def zh_labels() -> dict:
    """IRI → the ontology's ``rdfs:label`` in Chinese (classes and properties).

    >>> zh_labels()[KG_NS + "hasBrand"]
    '拥有品牌'
    """
    import pyoxigraph as ox

    from .ontology import ontology_triples

    out = {}
    for t in ontology_triples():
        o = t.object
        if t.predicate.value == _LABEL and isinstance(o, ox.Literal) and o.language == "zh" \
                and isinstance(t.subject, ox.NamedNode):
            out[t.subject.value] = o.value
    return out


def new_node(label: str, typ: str, aliases) -> dict:
    """A node's attributes before its sources, evidence and figures are known."""
    return {"label": label, "type": typ, "type_zh": zh_labels().get(KG_NS + typ, typ) if typ else typ,
            "aliases": list(aliases), "articles": [], "evidence": [], "figures": []}


def evidence_line(zh: dict, predicate: str, text: str) -> str:
    return f"{zh.get(predicate, predicate.rsplit('#', 1)[-1])}: {text.strip()}"


def figure_line(indicator, text) -> str:
    return f"{indicator or ''} {text or ''}".strip()


def tooltip(a: dict) -> str:
    """Plain text (the page shows it as text, never as markup)."""
    lines = [f"{a['label']}", f"类型 {a['type_zh']} ({a['type']})"]
    if a.get("aliases"):
        lines.append("别名 " + "、".join(a["aliases"]))
    if a.get("figures"):
        lines.append("数据 " + "; ".join(a["figures"][:MAX_TIP_LINES]))
    if a.get("articles"):
        lines.append("来源 " + "; ".join(a["articles"][:MAX_TIP_LINES]))
    for line in a.get("evidence", [])[:MAX_TIP_LINES]:
        lines.append("· " + (line if len(line) <= 90 else line[:88] + "…"))
    count = a.get("evidence_count", len(a.get("evidence", [])))
    if count > MAX_TIP_LINES:
        lines.append(f"… 另有 {count - MAX_TIP_LINES} 条证据")
    return "\n".join(lines)
