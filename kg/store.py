"""A persistent graph store (pyoxigraph) that a build updates incrementally.

Layout of a store folder::

    DIR/oxigraph/      the pyoxigraph database: one named graph per article
                       and one named graph (ENTITIES) with every entity's type
                       and labels across articles
    DIR/manifest.json  per source path: content hash, article IRI and the
                       entity summary the cross-article graph is built from

A rerun processes only new or changed articles (by SHA-256); a changed
article's named graph is replaced, ``prune`` drops articles whose files are
gone, and the entity graph is rebuilt from the manifest, so cross-document
entities stay consistent.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef

from .errors import InputError, KgError
from .iri import DEFAULT_BASE, KG, article_iri
from .load import collect, read
from .rdf import article_triples, entity_triples, merge_summaries, new_graph
from .triples import ntriples, sort_unique

__all__ = ["KgStore", "StoreError", "UpdateSummary"]


class StoreError(KgError):
    """The store folder cannot be opened or written."""


@dataclass
class UpdateSummary:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def line(self) -> str:
        return (f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
                f"skipped {len(self.skipped)} (unchanged)")


def _ox():
    try:
        import pyoxigraph
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise StoreError("pyoxigraph is not installed: pip install pyoxigraph") from exc
    return pyoxigraph


class KgStore:
    """A kg graph kept in an embedded pyoxigraph store."""

    def __init__(self, folder, base: str = DEFAULT_BASE, read_only: bool = False):
        ox = _ox()
        self.folder = Path(folder)
        self.base = base
        self.entities_graph = URIRef(f"{base}graph/entities")
        try:
            self._read_only = read_only
            if read_only:
                if not (self.folder / "oxigraph").is_dir():
                    raise StoreError(f"{self.folder}: not a kg store (no oxigraph/ inside); build one with --store")
                self.store = ox.Store.read_only(str(self.folder / "oxigraph"))
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.folder / "oxigraph"))
        except OSError as exc:
            raise StoreError(f"{self.folder}: cannot open the store ({exc})") from exc
        self.manifest_path = self.folder / "manifest.json"
        self.manifest = {}
        if self.manifest_path.is_file():
            try:
                self.manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
                if not isinstance(self.manifest, dict):
                    raise ValueError("not a JSON object")
            except (ValueError, UnicodeDecodeError) as exc:
                raise StoreError(f"{self.manifest_path}: the store's manifest is damaged ({exc}); "
                                 "remove the store folder and build it again") from None

    # ------------------------------------------------------------ writing
    def update(self, paths, prune: bool = False, min_confidence: float = 0.0) -> UpdateSummary:
        """Bring the store in line with the articles under ``paths``."""
        from .pipeline import process_source

        _ox()
        files, errors = collect(paths)
        summary = UpdateSummary(errors=list(errors))
        seen = set()
        # the same file named by another path (relative, absolute, through a link) is the same article
        real = {os.path.realpath(k): k for k in self.manifest}
        for f in files:
            key = real.get(os.path.realpath(f), Path(f).as_posix())
            if key in seen:
                continue
            seen.add(key)
            try:
                src = read(f)
                sha = src.sha256
                old = self.manifest.get(key)
                if old and old["sha256"] == sha:
                    summary.skipped.append(key)
                    continue
                doc = process_source(src, key)
            except InputError as exc:
                summary.errors.append(exc)
                continue
            art = article_iri(sha, self.base)
            triples, entities = article_triples(doc, self.base, min_confidence)
            if old:
                self._drop(key)
                summary.updated.append(key)
            else:
                summary.added.append(key)
            self._load(triples, art)
            self.manifest[key] = {"sha256": sha, "article": str(art), "entities": entities}
        if prune:
            for key in sorted(set(self.manifest) - seen):
                self._drop(key)
                self.manifest.pop(key)
                summary.removed.append(key)
        self._rebuild_entities()
        self.store.flush()
        self._save_manifest()
        return summary

    def _drop(self, key: str) -> None:
        """Remove what the file ``key`` contributed. Identical files share one
        article graph (its IRI comes from the content hash); then only this
        path's kg:sourcePath goes."""
        ox = _ox()
        art = self.manifest[key]["article"]
        node = ox.NamedNode(art)
        if any(k != key and m["article"] == art for k, m in self.manifest.items()):
            self.store.remove(ox.Quad(node, ox.NamedNode(str(KG.sourcePath)), ox.Literal(key), node))
        else:
            self.store.remove_graph(node)

    def _load(self, triples, graph_iri) -> None:
        ox = _ox()
        data = ntriples(sort_unique(triples)).encode("utf-8")
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri)))

    def _rebuild_entities(self) -> None:
        ox = _ox()
        name = ox.NamedNode(str(self.entities_graph))
        if self.store.contains_named_graph(name):
            self.store.remove_graph(name)
        merged = merge_summaries(
            {iri: (t, label, aliases) for iri, (t, label, aliases) in m["entities"].items()}
            for m in self.manifest.values())
        self._load(entity_triples(merged, self.base), self.entities_graph)

    def _save_manifest(self) -> None:
        data = json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".manifest.", dir=self.folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, self.manifest_path)

    # ------------------------------------------------------------ reading
    def query(self, text: str, params: dict | None = None) -> dict:
        """SPARQL over the union of all graphs; ``params`` bound as values.
        Returns SPARQL 1.1 Query Results JSON as a dict."""
        from .query import query_store

        return query_store(self.store, text, params)

    def articles(self):
        """Each article once, in path order: ``(light triples, entity summary)``
        as the build wrote them (for kg.fastrdf.GraphWriter)."""
        from .triples import from_ox

        ox = _ox()
        done = set()
        for key in sorted(self.manifest):
            art = self.manifest[key]["article"]
            if art in done:  # identical files share one article graph
                continue
            done.add(art)
            quads = self.store.quads_for_pattern(None, None, None, ox.NamedNode(art))
            triples = [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads]
            yield art, triples, self.manifest[key]["entities"]

    def dataset(self) -> Dataset:
        """The store's content as an rdflib Dataset, spelled as a build writes it
        (pyoxigraph keeps decimals as values: kg.graphio gives them back their form)."""
        from .graphio import export_bytes

        ds = Dataset()
        for prefix, ns in new_graph(self.base).namespaces():
            ds.bind(prefix, ns)
        ds.parse(data=export_bytes(self.store, "nq").decode("utf-8"), format="nquads")
        return ds

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        """Release the database (and its lock) now rather than at garbage collection."""
        import gc

        if getattr(self, "store", None) is not None:
            if not self._read_only:
                self.store.flush()
            self.store = None
            gc.collect()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
