"""Language knowledge as data: suffixes, cue words, units, places.

Each loader reads one file once; lines starting with ``#`` are comments.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as _res
from pathlib import Path

__all__ = ["resource_path", "read_lines", "read_table"]


def resource_path(name: str) -> Path:
    return Path(str(_res.files(__name__).joinpath(name)))


@lru_cache(maxsize=None)
def read_lines(name: str) -> tuple:
    """Non-empty, non-comment lines of a resource file, stripped."""
    out = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple:
    """Rows of a tab-separated resource file (comments skipped)."""
    return tuple(tuple(c.strip() for c in line.split("\t")) for line in read_lines(name))
