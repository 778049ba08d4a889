"""A build's graph files, written as the articles arrive.

Each article's statements are sorted and written as text (kg.triples) where
the article is processed, in a worker process when there are several. The
main process appends each article's block to the open files in file order
and keeps only what holds across articles: each entity's type and names, and
the relations between entities (which two articles may both state, and which
are written once). Those come last, when every article is in. Memory
therefore grows with the number of distinct entities and relations, not
with the text or its provenance, and the bytes do not depend on how the
work was spread over processes.

Layout of the files:

- ``graph.ttl``/``graph.nt``/``graph.jsonld``: the flat graph. Article by
  article, the article node, its mentions, evidence and figures, and which
  entities it mentions; then every entity with its labels and relations.
- ``graph.trig``: the ontology in its own named graph, one named graph per
  article (its relations included), then the default graph with each
  entity's type and labels.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from .ontology import jsonld_context
from .iri import DEFAULT_BASE
from .page import PageSummary, article_facts
from .rdf import entity_triples, merge_summary
from .triples import (
    jsonld_nodes,
    merge_rows,
    ntriples,
    prefix_header,
    sort_unique,
    trig_block,
    trig_graph,
    trig_indent,
    turtle,
)

__all__ = ["ArticleText", "article_text", "GraphWriter", "ONTOLOGY_GRAPH", "FILES"]

ONTOLOGY_GRAPH = "https://w3id.org/dangjian-kg/ontology"
FILES = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig")


class ArticleText:
    """One article's blocks for each file as UTF-8 (bytes cross process
    boundaries at memory speed), and its cross-article part. The JSON-LD
    block is its node objects each preceded by ``",\\n"`` (the writer drops
    the file's first one), so that blocks concatenate."""

    __slots__ = ("ttl", "nt", "jsonld", "trig", "relations", "page")

    def __init__(self, ttl=b"", nt=b"", jsonld=b"", trig=b"", relations=(), page=()):
        self.ttl, self.nt, self.jsonld, self.trig, self.relations = ttl, nt, jsonld, trig, list(relations)
        self.page = page  # what graph.html shows of the article's entities (kg.page)

    def __getstate__(self):
        return (self.ttl, self.nt, self.jsonld, self.trig, self.relations, self.page)

    def __setstate__(self, state):
        self.ttl, self.nt, self.jsonld, self.trig, self.relations, self.page = state


def article_text(triples, article: str, entities, nodes=()) -> ArticleText:
    """Write one article's ``triples`` and provenance ``nodes`` (kg.rdf.article_parts):
    relations between two of its ``entities`` go to the cross-article part
    of the flat files (and stay in the article's named graph); the rest is
    the article's own block, in N-Triples line order."""
    triples = list(triples)
    slow = list(triples)
    taken = {t[0] for t in slow if not _relation(t, entities)}  # subjects of statements in the own block
    count = Counter(n[1] for n in nodes)
    blocks = []  # (subject + ">", N-Triples, Turtle, JSON-LD): sorted, subjects in line order
    for shape, s, values in nodes:
        if count[s] > 1 or s in taken or s in entities and any(v in entities for v in values):
            slow += shape.triples(s, values)  # a subject shared, or a relation stated: statement by statement
        else:
            blocks.append((s + ">", *shape.text(s, values)))  # the node alone: from its shape's templates
    own, rels = [], []
    for row in sort_unique(slow):
        (rels if _relation(row[1:4], entities) else own).append(row)
    for s, group in groupby(own, key=itemgetter(1)):
        group = list(group)
        blocks.append((s + ">", ntriples(group), turtle(group), jsonld_nodes(group)[0]))
    blocks.sort(key=itemgetter(0))
    ttl = "".join([b[2] for b in blocks]).encode("utf-8")
    # the named graph holds the relations too; indenting the UTF-8 bytes saves encoding the text twice
    trig = trig_block(ttl + turtle(rels).encode("utf-8"), article.encode("utf-8"))
    return ArticleText(ttl, "".join([b[1] for b in blocks]).encode("utf-8"),
                       "".join([",\n" + b[3] for b in blocks]).encode("utf-8"), trig, [row[1:4] for row in rels],
                       article_facts(triples, nodes, entities))


def _relation(t, entities) -> bool:
    """An entity as subject and object (kg:mentionedIn points to the article, not an entity)."""
    return t[0] in entities and t[2].__class__ is str and t[2] in entities


class GraphWriter:
    """Streams articles into the open binary files ``files`` (name → file)."""

    def __init__(self, files: dict, base: str = DEFAULT_BASE):
        self.files = files
        self.base = base
        self.entities = {}  # iri → [type, labels, aliases]
        self.relations = set()
        self.page = PageSummary()
        files["graph.ttl"].write(prefix_header().encode("utf-8"))
        files["graph.trig"].write((prefix_header() + ontology_trig()).encode("utf-8"))
        context = json.dumps(jsonld_context(), ensure_ascii=False, sort_keys=True)
        files["graph.jsonld"].write(f'{{"@context": {context},\n"@graph": [\n'.encode("utf-8"))
        self._json_first = True
        self._sources = {}  # spool path → open descriptor
        self._pending = {}  # file name → spooled range not copied yet (neighbouring ranges join)

    def add(self, text: ArticleText, entities: dict) -> None:
        """Append one article (its ``ArticleText`` and entity summary)."""
        self._put("graph.ttl", text.ttl)
        self._put("graph.nt", text.nt)
        self._put("graph.trig", text.trig)
        self._json(text.jsonld)
        self.relations.update(text.relations)
        self.page.add(text.page)
        merge_summary(self.entities, entities)

    def _put(self, name: str, data) -> None:
        """Append bytes, or a spooled range ``(path, offset, length)``. A
        range that continues the pending one joins it: a worker's articles
        lie one after another in its spool, so most copies are long."""
        pending = self._pending.get(name)
        if data.__class__ is not bytes:
            if data[0] not in self._sources:  # open now: the build removes its spool folder before finish()
                self._sources[data[0]] = os.open(data[0], os.O_RDONLY)
            if pending is not None and pending[0] == data[0] and pending[1] + pending[2] == data[1]:
                self._pending[name] = (pending[0], pending[1], pending[2] + data[2])
                return
            self._flush(name)
            self._pending[name] = data
            return
        self._flush(name)
        self.files[name].write(data)

    def _flush(self, name: str) -> None:
        data = self._pending.pop(name, None)
        if data is not None:
            _copy_range(data, self.files[name], self._sources)

    def _json(self, nodes) -> None:
        """Append a JSON-LD block (node objects each after ``",\\n"``) to the @graph array."""
        if not nodes or (nodes.__class__ is not bytes and nodes[2] == 0):
            return
        if self._json_first:  # the array's first node has no separator before it
            self._json_first = False
            nodes = nodes[2:] if nodes.__class__ is bytes else (nodes[0], nodes[1] + 2, nodes[2] - 2)
        self._put("graph.jsonld", nodes)

    def close(self) -> None:
        for fd in self._sources.values():
            os.close(fd)
        self._sources.clear()

    def finish(self) -> None:
        """Write what holds across articles and close the JSON-LD array."""
        for name in FILES:
            self._flush(name)
        f = self.files
        f["graph.trig"].write(b"{\n")
        ttl, nt, js, trig = [], [], [], []
        rows = 0
        for flat, names in entity_blocks(self.entities, self.relations, self.base):
            ttl.append(turtle(flat))
            nt.append(ntriples(flat))
            js.append(",\n" + jsonld_nodes(flat)[0])
            trig.append(ttl[-1] if names is flat else turtle(names))
            rows += len(flat)
            if rows >= CHUNK_ROWS:  # a chunk at a time: the whole section as text would take far more memory
                self._entity_chunk(ttl, nt, js, trig)
                rows = 0
        self._entity_chunk(ttl, nt, js, trig)
        f["graph.jsonld"].write(b"\n]}\n")
        f["graph.trig"].write(b"}\n")

    def _entity_chunk(self, ttl, nt, js, trig) -> None:
        f = self.files
        f["graph.ttl"].write("".join(ttl).encode("utf-8"))
        f["graph.nt"].write("".join(nt).encode("utf-8"))
        self._json("".join(js).encode("utf-8"))
        f["graph.trig"].write(trig_indent("".join(trig)).encode("utf-8"))
        for part in (ttl, nt, js, trig):
            part.clear()


CHUNK_ROWS = 20000


def entity_blocks(entities: dict, relations, base: str = DEFAULT_BASE):
    """The cross-article section subject by subject, in N-Triples line order:
    ``(rows, names)``, the sorted rows of each entity (its type and labels,
    a place's levels and parents, and the relations it is the subject of)
    and of those the ones that are not relations (``rows`` itself when it
    has none). Sorting each subject's few statements, not the section's
    every line, keeps the serial end of a build short."""
    by_subject = {}
    for t in entity_triples(entities, base):
        by_subject.setdefault(t[0], ([], []))[0].append(t)
    for t in relations:
        by_subject.setdefault(t[0], ([], []))[1].append(t)
    for s in sorted(by_subject, key=lambda s: s + ">"):
        names, rels = by_subject[s]
        own = sort_unique(names)
        yield (merge_rows(own, sort_unique(rels)) if rels else own), own


# ------------------------------------------------------------------ spools
# Worker processes append their articles' text to spool files of their own
# and send only where it is; the main process copies those ranges into the
# outputs inside the kernel (copy_file_range). That keeps the main process,
# which shares the cores with the workers, nearly idle.

_SPOOLS = {}  # (folder, file name) → descriptor, in a worker process


def spool(text: ArticleText, folder: str) -> ArticleText:
    """Move ``text``'s blocks to this process's spool files in ``folder``;
    the returned ArticleText holds ``(path, offset, length)`` ranges."""
    out = ArticleText(relations=text.relations, page=text.page)
    for key in [k for k in _SPOOLS if k[0] != folder]:  # a pool kept for another build: its spools are gone
        os.close(_SPOOLS.pop(key)[1])
    for name in ArticleText.__slots__[:4]:
        data = getattr(text, name)
        key = (folder, name)
        if key not in _SPOOLS:
            path = os.path.join(folder, f"{os.getpid()}.{name}")
            _SPOOLS[key] = (path, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        path, fd = _SPOOLS[key]
        offset = os.lseek(fd, 0, os.SEEK_END)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        setattr(out, name, (path, offset, len(data)))
    return out


def _copy_range(ref, dst, sources: dict) -> None:
    path, offset, length = ref
    src = sources[path]
    dst.flush()
    out = dst.fileno()
    while length > 0:
        try:
            n = os.copy_file_range(src, out, length, offset)
        except (AttributeError, OSError):
            n = 0
        if n <= 0:  # no in-kernel copy here: read and write
            chunk = os.pread(src, min(length, 1 << 20), offset)
            if not chunk:
                raise OSError(f"{path}: spool file is shorter than expected")
            n = os.write(out, chunk)
        offset += n
        length -= n


@lru_cache(maxsize=1)
def ontology_trig() -> str:
    """The ontology as a TriG named graph. Its blank nodes (owl:unionOf
    lists) become Skolem IRIs named by a hash of where they hang and what
    they hold, so they are the same in every run."""
    import hashlib

    import pyoxigraph as ox

    from .ontology import ontology_triples
    from .triples import from_ox

    triples = ontology_triples()
    edges, parent = {}, {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            edges.setdefault(t.subject, []).append(t)
        if isinstance(t.object, ox.BlankNode):
            parent[t.object] = t
    names = {}

    def content(b) -> str:  # what the blank node holds, recursively (the lists are trees)
        return "|".join(sorted(f"{t.predicate}={content(t.object) if isinstance(t.object, ox.BlankNode) else t.object}"
                               for t in edges.get(b, ())))

    def context(b) -> str:  # where it hangs: the chain of subjects and predicates above it
        t = parent.get(b)
        if t is None:
            return ""
        up = context(t.subject) if isinstance(t.subject, ox.BlankNode) else str(t.subject)
        return f"{up}>{t.predicate}"

    def term(x):
        if isinstance(x, ox.BlankNode):
            if x not in names:
                digest = hashlib.sha1(f"{context(x)}#{content(x)}".encode("utf-8")).hexdigest()[:16]
                names[x] = f"{ONTOLOGY_GRAPH}/.well-known/genid/{digest}"
            return names[x]
        return from_ox(x)

    rows = sort_unique((term(t.subject), term(t.predicate), term(t.object)) for t in triples)
    if len(set(names.values())) != len(names):
        raise ValueError("two blank nodes of the ontology got one Skolem IRI")
    return trig_graph(rows, ONTOLOGY_GRAPH)
