"""The named stages, in order; each takes a Doc and returns it.

>>> [name for name, _ in STAGES]
['clean', 'sentences', 'tokens', 'mentions', 'resolve', 'relations', 'measures']
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import clean, measures, mentions, relations, resolve, segment
from .doc import Doc
from .errors import InputError
from .load import collect, read

__all__ = ["STAGES", "process_text", "process_file", "build", "BuildResult"]

STAGES = [
    ("clean", clean.clean),
    ("sentences", segment.sentences),
    ("tokens", segment.tokens),
    ("mentions", mentions.mentions),
    ("resolve", resolve.resolve),
    ("relations", relations.relations),
    ("measures", measures.measures),
]


def process_text(text: str, path: str = "<text>", sha256: str = "", until: str | None = None) -> Doc:
    """Run the stages over an already decoded text; ``until`` stops after that stage.

    >>> process_text("某局党委开展活动。", until="sentences").mentions
    []
    """
    import hashlib

    doc = Doc(path=path, source=text, text="", offsets=[],
              sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest())
    if until is not None and until not in dict(STAGES):
        raise ValueError(f"no stage {until!r}; stages are {', '.join(n for n, _ in STAGES)}")
    for name, stage in STAGES:
        out = stage(doc)
        if not isinstance(out, Doc):
            raise TypeError(f"stage {name!r} returned {type(out).__name__}, not Doc")
        doc = out
        if name == until:
            break
    return doc


def process_file(path, max_bytes: int | None = None) -> Doc:
    src = read(path, max_bytes)
    return process_source(src, Path(path).as_posix())


def process_source(src, path: str) -> Doc:
    """Run the pipeline over a read Source; the file's own metadata (an HTML
    page's title and date) wins over what the text suggests."""
    if not src.text.strip():
        raise InputError(path, "empty file", "nothing to extract")
    doc = process_text(src.text, path=path, sha256=src.sha256)
    doc.meta["encoding"] = src.encoding
    doc.meta["format"] = src.format
    doc.meta.update(src.meta)
    return doc


@dataclass
class BuildResult:
    docs: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict:
        types = Counter()
        seen = set()
        for d in self.docs:
            for e in d.entities.values():
                if (e.type, e.key) not in seen:
                    seen.add((e.type, e.key))
                    types[e.type] += 1
        return {
            "documents": len(self.docs),
            "failed": len(self.errors),
            "entities": dict(sorted(types.items())),
            "relations": sum(len(d.relations) for d in self.docs),
            "measurements": sum(len(d.measurements) for d in self.docs),
            "seconds": round(self.seconds, 2),
        }


def build(paths) -> BuildResult:
    """Process every article under ``paths``; bad files become errors, not crashes."""
    t0 = time.perf_counter()
    files, errors = collect(paths)
    res = BuildResult(errors=list(errors))
    for f in files:
        try:
            res.docs.append(process_file(f))
        except InputError as exc:
            res.errors.append(exc)
    res.seconds = time.perf_counter() - t0
    return res
