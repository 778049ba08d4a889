"""Docs → one rdflib Graph on the kg ontology.

Entities with the same type and normalised label are one node across
documents; each keeps one ``rdfs:label``/``skos:prefLabel`` (the longest
form seen) and every other form as ``skos:altLabel``.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from . import lexicon as lx
from .iri import DEFAULT_BASE, KG, article_iri, entity_iri, measurement_iri, provenance_iri

__all__ = ["to_graph", "to_dataset", "flatten", "new_graph"]


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    g = Graph()
    g.bind("kg", KG)
    g.bind("kgr", Namespace(base))
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", PROV)
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


def _zh(s: str) -> Literal:
    return Literal(s, lang="zh")


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
    ds = Dataset()
    for prefix, ns in new_graph(base).namespaces():
        ds.bind(prefix, ns)
    summaries = []
    for doc in docs:
        art = article_iri(doc.sha256, base)
        summaries.append(article_graph(doc, ds.graph(art), base, min_confidence))
    entity_graph(merge_summaries(summaries), ds.default_graph, base)
    return ds


def article_graph(doc, g, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> dict:
    """Add one article's facts and their provenance to ``g``; return its
    entity summary ``{iri: (type, label, aliases)}`` for the cross-article graph."""
    art = article_iri(doc.sha256, base)
    g.add((art, RDF.type, KG.Article))
    g.add((art, KG.sourcePath, Literal(doc.path)))
    g.add((art, KG.sha256, Literal(doc.sha256)))
    if doc.meta.get("title"):
        g.add((art, DCTERMS.title, _zh(doc.meta["title"])))
    if doc.meta.get("date"):
        g.add((art, DCTERMS.issued, Literal(doc.meta["date"], datatype=XSD.date)))
    if doc.meta.get("source_name"):
        g.add((art, KG.sourceName, _zh(doc.meta["source_name"])))
    for s, e in doc.meta.get("bylines", []):
        g.add((art, KG.byline, _zh(doc.text[s:e])))
    iris, summary = {}, {}
    home = doc_place(doc)
    for key, ent in doc.entities.items():
        if ent.confidence < min_confidence:
            continue
        iri = entity_iri(ent.type, ent.label, base, scope=scope(doc, key, home))
        iris[key] = iri
        summary[str(iri)] = (ent.type, ent.label, sorted(ent.aliases))
        g.add((iri, KG.mentionedIn, art))
    for m in doc.mentions:
        if m.entity in iris:
            node = provenance_iri("mention", doc.sha256, m.start, m.end, base, str(iris[m.entity]))
            g.add((node, RDF.type, KG.Mention))
            g.add((node, KG.mentionOf, iris[m.entity]))
            _trace(g, doc, node, art, m.start, m.end, m.rule, m.confidence)
    for r in doc.relations:
        if r.confidence >= min_confidence and r.subject in iris and r.object in iris:
            s, p, o = iris[r.subject], KG[r.predicate], iris[r.object]
            g.add((s, p, o))
            node = provenance_iri("evidence", doc.sha256, r.start, r.end, base, f"{s}|{p}|{o}")
            g.add((node, RDF.type, KG.Evidence))
            g.add((node, RDF.subject, s))
            g.add((node, RDF.predicate, p))
            g.add((node, RDF.object, o))
            _trace(g, doc, node, art, r.start, r.end, r.rule, r.confidence)
    for m in doc.measurements:
        if m.confidence < min_confidence:
            continue
        node = measurement_iri(doc.sha256, m.start, base)
        _trace(g, doc, node, art, m.start, m.end, m.rule, m.confidence, text=False)
        g.add((node, RDF.type, KG.Measurement))
        g.add((node, KG.value, Literal(decimal_lexical(m.value), datatype=XSD.decimal)))
        g.add((node, KG.unit, Literal(m.unit)))
        g.add((node, KG.indicator, _zh(m.indicator)))
        g.add((node, KG.text, _zh(m.text)))
        g.add((node, KG.mentionedIn, art))
        if m.about and m.about in iris:
            g.add((node, KG.about, iris[m.about]))
    return summary


def merge_summaries(summaries) -> dict:
    """``{iri: (type, labels, aliases)}`` across articles' entity summaries."""
    merged = {}
    for summary in summaries:
        for iri, (typ, label, aliases) in summary.items():
            slot = merged.setdefault(iri, [typ, set(), set()])
            slot[1].add(label)
            slot[2] |= set(aliases)
    return merged


def entity_graph(merged: dict, g, base: str = DEFAULT_BASE):
    """Each entity's type, one label (the longest form any article gives) and
    its other forms, plus gazetteer levels and parents for places."""
    for iri in sorted(merged):
        typ, labels, aliases = merged[iri]
        node = URIRef(iri)
        label = max(labels, key=lambda s: (len(s), s))
        g.add((node, RDF.type, KG[typ]))
        g.add((node, RDFS.label, _zh(label)))
        g.add((node, SKOS.prefLabel, _zh(label)))
        for a in sorted((labels | aliases) - {label}):
            g.add((node, SKOS.altLabel, _zh(a)))
        if typ == "Place":
            _admin_chain(g, node, label, base)
    return g


def _admin_chain(g, iri, label, base):
    """Level, code and parents of a place the gazetteer knows (平湖市 ⊂ 嘉兴市 ⊂
    浙江省); parents the text did not name are kg:AdministrativeArea only."""
    level = place_level(label)
    if level:
        g.add((iri, KG.adminLevel, Literal(level)))
    chain = lx.ancestors(label)
    if not chain or chain[0].name != label:
        return
    for child, parent in zip(chain, chain[1:] + [None]):
        node = entity_iri("Place", child.name, base)
        g.add((node, RDF.type, KG.AdministrativeArea))
        g.add((node, KG.adminCode, Literal(child.code)))
        g.add((node, KG.adminLevel, Literal(child.level)))
        if node != iri:
            g.add((node, RDFS.label, _zh(child.name)))
            g.add((node, SKOS.prefLabel, _zh(child.name)))
        if parent is not None:
            g.add((node, KG.locatedIn, entity_iri("Place", parent.name, base)))


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


def _trace(g, doc, node, art, start, end, rule, confidence, text=True):
    """Where a fact was read: article, offsets in the decoded source, the exact
    source text there, rule and confidence."""
    a, b = doc.source_span(start, end)
    g.add((node, PROV.wasDerivedFrom, art))
    g.add((node, KG.start, Literal(a)))
    g.add((node, KG.end, Literal(b)))
    if text:
        g.add((node, KG.text, Literal(doc.source[a:b])))
    g.add((node, KG.rule, Literal(rule)))
    g.add((node, KG.confidence, Literal(decimal_lexical(round(confidence, 3)), datatype=XSD.decimal)))


def to_graph(docs, base: str = DEFAULT_BASE, min_confidence: float = 0.0) -> Graph:
    """Build the graph of ``docs`` (already through every stage), all in one graph."""
    return flatten(to_dataset(docs, base, min_confidence), base)
