"""The document object that flows through the pipeline.

Every offset is a character offset into ``Doc.text`` (the cleaned text);
``Doc.source_offset`` maps it back into the decoded source file.

>>> d = Doc(path="a.txt", source="ab", text="ab", offsets=[0, 1])
>>> d.span_text(0, 2)
'ab'
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Span", "Mention", "Entity", "Relation", "Measurement", "Doc"]


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Doc.text``."""

    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A surface form of a named thing, found by one rule."""

    start: int
    end: int
    text: str
    type: str
    label: str
    rule: str
    confidence: float = 0.8
    aliases: tuple = ()
    entity: str | None = None  # key of the resolved entity


@dataclass(slots=True)
class Entity:
    """One thing, with every mention that denotes it in the document."""

    key: str
    type: str
    label: str
    aliases: set = field(default_factory=set)
    mentions: list = field(default_factory=list)
    confidence: float = 0.8
    place: str | None = None  # key of the place its name starts with


@dataclass(slots=True)
class Relation:
    """A directed fact ``subject predicate object`` between entity keys."""

    subject: str
    predicate: str
    object: str
    start: int
    end: int
    rule: str
    confidence: float = 0.7


@dataclass(slots=True)
class Measurement:
    """A figure the text reports, normalised to ``value`` in ``unit``."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    indicator: str
    about: str | None
    rule: str = "measure"
    confidence: float = 0.8


def span_mask(size: int, spans) -> bytearray:
    """``size`` bytes, 1 inside any of ``spans`` (anything with ``start`` and ``end``), else 0.

    >>> list(span_mask(5, [Mention(1, 3, "党委", "PartyOrganization", "党委", "x", 1.0)]))
    [0, 1, 1, 0, 0]
    """
    mask = bytearray(size)
    for x in spans:
        mask[x.start:x.end] = b"\x01" * (x.end - x.start)
    return mask


@dataclass
class Doc:
    """Text plus everything the stages find in it."""

    path: str
    source: str
    text: str
    offsets: list
    sha256: str = ""
    meta: dict = field(default_factory=dict)
    paragraphs: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    tokens: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    entities: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    measurements: list = field(default_factory=list)
    subjects: list = field(default_factory=list)  # (start, end, [entity keys]) per clause
    original: str = ""  # the cleaned text before traditional → simplified, when they differ

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def source_offset(self, i: int) -> int:
        """Offset in the decoded source of character ``i`` of ``text``."""
        if i >= len(self.offsets):
            return len(self.source)
        return self.offsets[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source range covering ``text[start:end]``."""
        if end <= start:
            s = self.source_offset(start)
            return s, s
        return self.source_offset(start), self.source_offset(end - 1) + 1
