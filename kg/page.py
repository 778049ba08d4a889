"""The build's graph.html from what the build gathers anyway.

Reading the finished graph back for the page would parse every statement
again, most of them provenance, after the last article, in one process.
Instead each article says, where it is processed, what the page shows of its
entities (``article_facts``: where they are mentioned, the evidence of their
relations, their figures), and the main process keeps per entity only what a
tooltip shows: the first lines of each kind in sorted order and how many
evidence lines there are (``PageSummary``). With the entity summary and the
relations the writer keeps, that gives the same nodes, edges and tooltips as
drawing the page from the files (a test checks it on the examples).
"""
from __future__ import annotations

from bisect import insort

from .rdf import EVIDENCE, MEASUREMENT_ABOUT, SEEN, K, entity_triples, preferred
from .triples import PREFIXES, RDF_TYPE

__all__ = ["article_facts", "PageSummary"]

_RDF = PREFIXES["rdf"]
_TITLE = PREFIXES["dcterms"] + "title"
ARTICLE, EVIDENCE_OF, FIGURE, CONFIDENCE = "a", "e", "f", "c"


def article_facts(triples, nodes, entities) -> tuple:
    """``(entity, kind, text, predicate)`` for the page, of one article's
    light ``triples`` and provenance ``nodes`` (kg.rdf.article_parts); a
    store's articles come as triples only."""
    article = title = path = None
    by_subject = {}
    for s, p, o in triples:
        if p == RDF_TYPE and o == K + "Article":
            article = s
        elif p == _TITLE:
            title = o[0]
        elif p == K + "sourcePath":
            path = o[0]
        elif p == RDF_TYPE and o in (K + "Evidence", K + "Measurement") or p == K + "mentionedIn":
            by_subject.setdefault(s, {})[p] = o
    if by_subject:  # the other statements of evidence and figures (a store's articles come as triples)
        for s, p, o in triples:
            if s in by_subject and p != RDF_TYPE:
                by_subject[s].setdefault(p, o)
    name = title or path or article or ""
    out = []
    for shape, s, values in nodes:
        if shape is SEEN:
            out.append((s, ARTICLE, name, None))
        elif shape is EVIDENCE:
            subject, predicate, obj, text = values[0], values[1], values[2], values[6]
            out += [(subject, EVIDENCE_OF, text, predicate), (obj, EVIDENCE_OF, text, predicate),
                    ((subject, predicate, obj), CONFIDENCE, float(values[8]), None)]
        elif shape is MEASUREMENT_ABOUT:
            out.append((values[10], FIGURE, f"{values[7] or ''} {values[8] or ''}".strip(), None))
    for s, facts in by_subject.items():
        if s in entities and K + "mentionedIn" in facts:
            out.append((s, ARTICLE, name, None))
        kind = facts.get(RDF_TYPE)
        if kind == K + "Evidence" and K + "text" in facts:
            ends = (facts.get(_RDF + "subject"), facts.get(_RDF + "object"))
            for end in ends:
                out.append((end, EVIDENCE_OF, facts[K + "text"][0], facts.get(_RDF + "predicate")))
            if K + "confidence" in facts:
                out.append(((ends[0], facts.get(_RDF + "predicate"), ends[1]), CONFIDENCE,
                            float(facts[K + "confidence"][0]), None))
        elif kind == K + "Measurement" and K + "about" in facts:
            indicator, text = facts.get(K + "indicator"), facts.get(K + "text")
            line = f"{indicator[0] if indicator else ''} {text[0] if text else ''}".strip()
            out.append((facts[K + "about"], FIGURE, line, None))
    return tuple(out)


class PageSummary:
    """Per entity, what its tooltip shows, gathered article by article. Memory
    stays bounded: the first ``MAX_TIP_LINES`` lines of each kind, and a hash
    per distinct evidence line to count them."""

    def __init__(self):
        from .tips import MAX_TIP_LINES, zh_labels

        self.keep = MAX_TIP_LINES
        self.zh = zh_labels()
        self.tips = {}  # iri → ([articles], [evidence], [figures], {hash of an evidence line})
        self.confidence = {}  # (s, p, o) → the highest confidence of its evidence

    def add(self, facts) -> None:
        from .tips import evidence_line

        for iri, kind, text, predicate in facts:
            if kind == CONFIDENCE:
                if text > self.confidence.get(iri, -1.0):
                    self.confidence[iri] = text
                continue
            tip = self.tips.get(iri)
            if tip is None:
                tip = self.tips[iri] = ([], [], [], set())
            if kind == EVIDENCE_OF:
                text = evidence_line(self.zh, predicate, text)
                tip[3].add(hash(text))
            lines = tip["aef".index(kind)]
            if text not in lines and (len(lines) < self.keep or text < lines[-1]):
                insort(lines, text)
                del lines[self.keep:]

    def network(self, entities: dict, relations, base: str):
        """The page's MultiDiGraph: ``entities`` as the writer merged them
        (iri → [type, labels, aliases]), ``relations`` between them, and the
        places' parents the gazetteer adds (kg.rdf.entity_triples)."""
        from .tips import new_node
        from .view import network

        nodes = {}
        for iri, (typ, labels, aliases) in entities.items():
            label = preferred(labels)
            node = nodes[iri] = new_node(label, typ, (set(labels) | aliases) - {label})
            tip = self.tips.get(iri)
            if tip:
                node.update(articles=tip[0], evidence=tip[1], figures=tip[2], evidence_count=len(tip[3]))
        places = {iri: e for iri, e in entities.items() if e[0] == "Place"}
        chains = [t for t in entity_triples(places, base) if t[1] == K + "locatedIn"]
        return network(nodes, list(relations) + chains, self.confidence)
