"""Docs → one rdflib Graph on the kg ontology.

Entities with the same type and normalised label are one node across
documents; each keeps one ``rdfs:label``/``skos:prefLabel`` (the longest
form seen) and every other form as ``skos:altLabel``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

import unicodedata

from decimal import Decimal
from functools import lru_cache

from . import lexicon as lx
from .iri import DEFAULT_BASE, KG_NS, article_iri, article_str, entity_str, measurement_str, provenance_str
from .text import to_simplified
from .triples import IRI, PREFIXES, RDF_TYPE, Shape, Slot, lit, to_rdflib

# rdflib (Graph, Dataset) is imported by the functions that make rdflib graphs
# only: a build writes these strings through kg.fastrdf and never needs it
_RDF, _RDFS, _XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
_SKOS, _PROV, _DCTERMS = PREFIXES["skos"], PREFIXES["prov"], PREFIXES["dcterms"]

__all__ = ["to_graph", "to_dataset", "flatten", "new_graph", "article_triples", "article_parts", "entity_triples", "merge_summaries", "merge_summary", "preferred", "visible"]


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    from rdflib import Graph, Namespace

    g = Graph()
    g.bind("kg", Namespace(KG_NS))
    g.bind("kgr", Namespace(base))
    g.bind("skos", Namespace(_SKOS))
    g.bind("dcterms", Namespace(_DCTERMS))
    g.bind("prov", Namespace(_PROV))
    return g


def decimal_lexical(v: float) -> str:
    """Canonical xsd:decimal form, stable through Turtle round trips.

    >>> decimal_lexical(4754000000.0), decimal_lexical(19.7)
    ('4754000000.0', '19.7')
    """
    d = Decimal(repr(float(v)))
    s = format(d, "f")
    if "." not in s:
        s += ".0"
    s = s.rstrip("0")
    return s + "0" if s.endswith(".") else s


LOCATED_TYPES = {"PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization", "Facility"}
RELATIVE = {"省": "province", "市": "city", "县": "county", "区": "county"}


def doc_place(doc) -> str:
    """The place an article is about: where its main organisation is, else
    the administrative place it names most often."""
    located = {r.subject: r.object for r in doc.relations if r.predicate == "locatedIn"}
    for key in doc.meta.get("topic", []):
        if key in located:
            return doc.entities[located[key]].label
    places = [e for e in doc.entities.values() if e.type == "Place" and lx.ancestors(e.label)]
    if not places:
        return ""
    return max(places, key=lambda e: (len(e.mentions), e.label)).label


def scope(doc, key, home: str) -> str:
    """Place that qualifies the IRI of an organisation or facility whose name
    carries no place (市交通运输局, 港航中心): the article's place, at the level
    a leading 省/市/县 asks for. Empty for everything else."""
    ent = doc.entities[key]
    if ent.type not in LOCATED_TYPES or not home:
        return ""
    if any(r.subject == key and r.predicate == "locatedIn" for r in doc.relations):
        return ""
    level = RELATIVE.get(ent.label[:1])
    chain = lx.ancestors(home)
    if level and chain:
        for p in chain:
            if p.level == level:
                return p.name
        return chain[-1].name if level == "province" else home
    return home


def to_dataset(docs, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> Dataset:
    """The graph of ``docs`` as a dataset: one named graph per source article
    (its metadata, relations, figures and mentions, named by the article's
    IRI) and the default graph for what holds across articles (each entity's
    type and labels).

    Facts whose rule gave a confidence below ``min_confidence`` are left out,
    with the relations and figures that hang on a dropped entity.
    """
    from rdflib import Dataset

    ds = Dataset()
    for prefix, ns in new_graph(base).namespaces():
        ds.bind(prefix, ns)
    summaries = []
    for doc in docs:
        art = article_iri(doc.sha256, base)
        summaries.append(article_graph(doc, ds.graph(art), base, min_confidence))
    entity_graph(merge_summaries(summaries), ds.default_graph, base)
    return ds


K = KG_NS
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"
_LABEL, _PREF, _ALT = _RDFS + "label", _SKOS + "prefLabel", _SKOS + "altLabel"
_DERIVED = _PROV + "wasDerivedFrom"
_DECIMAL, _DATE = _XSD + "decimal", _XSD + "date"


def article_graph(doc, g, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> dict:
    """Add one article's facts and their provenance to the rdflib graph ``g``;
    return its entity summary (see ``article_triples``)."""
    triples, summary = article_triples(doc, base, min_confidence)
    _add_light(g, triples)
    return summary


def article_triples(doc, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> tuple[list, dict]:
    """One article's facts and their provenance as light triples (kg.triples),
    and its entity summary ``{iri: (type, label, aliases)}`` for the
    cross-article graph."""
    triples, nodes, summary = article_parts(doc, base, min_confidence)
    for shape, s, values in nodes:
        triples += shape.triples(s, values)
    return triples, summary


def article_parts(doc, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> tuple[list, list, dict]:
    """``article_triples`` with the provenance nodes (mentions, evidence,
    figures) still as ``(shape, subject, values)``, which kg.fastrdf writes
    from templates: ``(triples, nodes, summary)``."""
    out, nodes = [], []
    add, node = out.append, nodes.append
    art = article_str(doc.sha256, base)
    add((art, RDF_TYPE, K + "Article"))
    add((art, K + "sourcePath", lit(doc.path)))
    add((art, K + "sha256", lit(doc.sha256)))
    if doc.meta.get("title"):
        add((art, _DCTERMS + "title", lit(doc.meta["title"], "zh")))
    if doc.meta.get("date"):
        add((art, _DCTERMS + "issued", lit(doc.meta["date"], datatype=_DATE)))
    if doc.meta.get("source_name"):
        add((art, K + "sourceName", lit(doc.meta["source_name"], "zh")))
    for s, e in doc.meta.get("bylines", []):
        add((art, K + "byline", lit(doc.text[s:e], "zh")))
    iris, summary = {}, {}
    home = doc_place(doc)
    for key, ent in doc.entities.items():
        if ent.confidence < min_confidence:
            continue
        iri = entity_str(ent.type, ent.label, base, scope(doc, key, home))
        iris[key] = iri
        summary[iri] = (ent.type, visible(ent.label), sorted({visible(a) for a in ent.aliases} - {visible(ent.label)}))
        node((SEEN, iri, (art,)))
    source, span = doc.source, doc.source_span
    for m in doc.mentions:
        if m.entity in iris:
            a, b = span(m.start, m.end)
            node((MENTION, provenance_str("mention", doc.sha256, m.start, m.end, base, iris[m.entity]),
                  (iris[m.entity], art, str(a), str(b), source[a:b], m.rule, _confidence_lexical(m.confidence))))
    for r in doc.relations:
        if r.confidence >= min_confidence and r.subject in iris and r.object in iris:
            s, p, o = iris[r.subject], K + r.predicate, iris[r.object]
            add((s, p, o))
            a, b = span(r.start, r.end)
            node((EVIDENCE, provenance_str("evidence", doc.sha256, r.start, r.end, base, f"{s}|{p}|{o}"),
                  (s, p, o, art, str(a), str(b), source[a:b], r.rule, _confidence_lexical(r.confidence))))
    for m in doc.measurements:
        if m.confidence < min_confidence:
            continue
        a, b = span(m.start, m.end)
        values = (art, str(a), str(b), m.rule, _confidence_lexical(m.confidence), decimal_lexical(m.value),
                  m.unit, m.indicator, m.text, art)
        about = iris.get(m.about) if m.about else None
        iri = measurement_str(doc.sha256, m.start, base)
        node((MEASUREMENT_ABOUT, iri, values + (about,)) if about else (MEASUREMENT, iri, values))
    return out, nodes, summary


@lru_cache(maxsize=1 << 16)  # a corpus names the same units again and again
def visible(label: str) -> str:
    """A label without invisible format characters (zero-width spaces, joiners,
    direction marks), which would otherwise make a second spelling of a name.

    >>> visible("平湖市交通\u200b运输局党委")
    '平湖市交通运输局党委'
    """
    if label.isascii():
        return label
    return "".join(c for c in label if unicodedata.category(c) != "Cf")


def preferred(labels) -> str:
    """The label an entity is known by: the longest form, of equal ones the
    first an article gave (``labels`` in that order), so a name first written
    in traditional characters keeps them.

    >>> preferred(["臺州市", "台州市", "台州"])
    '臺州市'
    """
    best = None
    for label in labels:
        if best is None or len(label) > len(best):
            best = label
    return best


def merge_summaries(summaries) -> dict:
    """``{iri: [type, labels, aliases]}`` across articles' entity summaries."""
    merged = {}
    for summary in summaries:
        merge_summary(merged, summary)
    return merged


def merge_summary(merged: dict, summary: dict) -> None:
    """Add one article's entity summary ``{iri: (type, label, aliases)}`` to ``merged``."""
    for iri, (typ, label, aliases) in summary.items():
        slot = merged.setdefault(iri, [typ, {}, set()])
        slot[1].setdefault(label, None)  # a dict: the order articles gave the labels in
        slot[2].update(aliases)


def entity_graph(merged: dict, g, base: str = DEFAULT_BASE):
    """Add ``entity_triples`` to the rdflib graph ``g``."""
    _add_light(g, entity_triples(merged, base))
    return g


def _add_light(g, triples) -> None:
    """Add light triples (kg.triples) to the rdflib graph ``g``."""
    from rdflib import URIRef

    for s, p, o in triples:
        g.add((URIRef(s), URIRef(p), to_rdflib(o)))


def entity_triples(merged: dict, base: str = DEFAULT_BASE) -> list:
    """Each entity's type, one label (the longest form any article gives) and
    its other forms, plus gazetteer levels and parents for places."""
    out = []
    add = out.append
    for iri in sorted(merged):
        typ, labels, aliases = merged[iri]
        label = preferred(labels)
        add((iri, RDF_TYPE, K + typ))
        add((iri, _LABEL, lit(label, "zh")))
        add((iri, _PREF, lit(label, "zh")))
        for a in sorted((set(labels) | aliases) - {label}):
            add((iri, _ALT, lit(a, "zh")))
        if typ == "Place":
            _admin_chain(add, iri, label, base)
    return out


def _admin_chain(add, iri, label, base):
    """Level, code and parents of a place the gazetteer knows (平湖市 ⊂ 嘉兴市 ⊂
    浙江省); parents the text did not name are kg:AdministrativeArea only."""
    label = to_simplified(label)  # the gazetteer is in simplified characters
    level = place_level(label)
    if level:
        add((iri, K + "adminLevel", lit(level)))
    chain = lx.ancestors(label)
    if not chain or chain[0].name != label:
        return
    for child, parent in zip(chain, chain[1:] + [None]):
        node = entity_str("Place", child.name, base)
        add((node, RDF_TYPE, K + "AdministrativeArea"))
        add((node, K + "adminCode", lit(child.code)))
        add((node, K + "adminLevel", lit(child.level)))
        if node != iri:
            add((node, _LABEL, lit(child.name, "zh")))
            add((node, _PREF, lit(child.name, "zh")))
        if parent is not None:
            add((node, K + "locatedIn", entity_str("Place", parent.name, base)))


def place_level(label: str) -> str:
    """province, city, county, town, village or region.

    >>> place_level("平湖市"), place_level("长三角"), place_level("芦溪镇")
    ('county', 'region', 'town')
    """
    chain = lx.ancestors(label)
    if chain and chain[0].name == label:
        return chain[0].level
    if any(label.startswith(r) for r in lx.regions()) or label.endswith(("都市圈", "经济圈", "城市群", "经济区")):
        return "region"
    if label.endswith(("镇", "乡", "街道")):
        return "town"
    if label.endswith(("村", "社区")):
        return "village"
    return ""


def flatten(ds: Dataset, base: str = DEFAULT_BASE) -> Graph:
    """All triples of a dataset in one graph."""
    g = new_graph(base)
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, replace=True)
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


_START, _END, _TEXT, _RULE, _CONFIDENCE = (K + "start", K + "end", K + "text", K + "rule", K + "confidence")
_INTEGER = _XSD + "integer"
# where a fact was read: article, offsets in the decoded source, (the exact
# source text there,) rule and confidence
_TRACE = [(_DERIVED, IRI), (_START, Slot(datatype=_INTEGER)), (_END, Slot(datatype=_INTEGER))]
_HOW = [(_RULE, Slot()), (_CONFIDENCE, Slot(datatype=_DECIMAL))]
MENTION = Shape([(RDF_TYPE, K + "Mention"), (K + "mentionOf", IRI), *_TRACE, (_TEXT, Slot()), *_HOW])
EVIDENCE = Shape([(RDF_TYPE, K + "Evidence"), (_RDF_SUBJECT, IRI), (_RDF_PREDICATE, IRI), (_RDF_OBJECT, IRI),
                  *_TRACE, (_TEXT, Slot()), *_HOW])
_FIGURE = [(RDF_TYPE, K + "Measurement"), *_TRACE, *_HOW, (K + "value", Slot(datatype=_DECIMAL)),
           (K + "unit", Slot()), (K + "indicator", Slot("zh")), (_TEXT, Slot("zh")), (K + "mentionedIn", IRI)]
MEASUREMENT = Shape(_FIGURE)
MEASUREMENT_ABOUT = Shape(_FIGURE + [(K + "about", IRI)])
SEEN = Shape([(K + "mentionedIn", IRI)])  # an entity in an article


@lru_cache(maxsize=4096)
def _confidence_lexical(confidence: float) -> str:
    return decimal_lexical(round(confidence, 3))


def to_graph(docs, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> Graph:
    """Build the graph of ``docs`` (already through every stage), all in one graph."""
    return flatten(to_dataset(docs, base, min_confidence), base)
