"""The document object that flows through the pipeline.

Every offset is a character offset into ``Doc.text`` (the cleaned text);
``Doc.source_offset`` maps it back into the decoded source file.

>>> d = Doc(path="a.txt", source="ab", text="ab", offsets=[0, 1])
>>> d.span_text(0, 2)
'ab'
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

__all__ = ["Span", "Mention", "Entity", "Relation", "Measurement", "Offsets", "Doc", "most_named"]


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


class Offsets:
    """Where each character of a cleaned text was in the source, kept as runs
    (a line is one run) rather than one number per character: a sequence of
    ``len(text)`` source offsets.

    >>> o = Offsets()
    >>> o.add(10, 3); o.add(20, 2)
    >>> len(o), o[0], o[2], o[3], o[-1], list(o)
    (5, 10, 12, 20, 21, [10, 11, 12, 20, 21])
    """

    __slots__ = ("starts", "bases", "size")

    def __init__(self):
        self.starts, self.bases, self.size = [], [], 0

    def add(self, source_start: int, length: int) -> None:
        """The next ``length`` characters come from ``source_start`` on."""
        if length > 0:
            self.starts.append(self.size)
            self.bases.append(source_start)
            self.size += length

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.size))]
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("offset index out of range")
        return self._at(i)

    def _at(self, i: int) -> int:
        k = bisect_right(self.starts, i) - 1
        return self.bases[k] + i - self.starts[k]

    def span(self, start: int, end: int, limit: int) -> tuple[int, int]:
        """``Doc.source_span`` in one call (``limit``: the source's length)."""
        a = self._at(start) if start < self.size else limit
        if end <= start:
            return a, a
        return a, (self._at(end - 1) if end - 1 < self.size else limit) + 1

    def __iter__(self):
        for k, (start, base) in enumerate(zip(self.starts, self.bases)):
            end = self.starts[k + 1] if k + 1 < len(self.starts) else self.size
            yield from range(base, base + end - start)


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
    offsets: list  # or Offsets: a sequence, source offset of each character of text
    sha256: str = ""
    meta: dict = field(default_factory=dict)
    paragraphs: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    tokens: list = field(default_factory=list)
    words: list = field(default_factory=list)  # (start, end, tag) of the name finder's words (kg.names)
    mentions: list = field(default_factory=list)
    entities: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    measurements: list = field(default_factory=list)
    clauses: list = field(default_factory=list)  # (start, end) of every clause, in order (kg.segment)
    subjects: list = field(default_factory=list)  # (start, end, [entity keys]) per clause
    original: str = ""  # the cleaned text before traditional → simplified, when they differ
    _word_index: tuple | None = field(default=None, init=False, repr=False, compare=False)  # (words, starts, by tag)

    def word_starts(self) -> list:
        """The start of each of ``words``, in order (indexed once)."""
        return self._indexed_words()[1]

    def words_tagged(self, tag: str) -> list:
        """``(i, start, end)`` of each of ``words`` tagged ``tag``, in order (indexed once).

        >>> d = Doc(path="x", source="", text="张三在北京", offsets=[], words=[(0, 2, "PER"), (2, 3, "p"), (3, 5, "LOC")])
        >>> d.words_tagged("LOC"), d.words_tagged("ORG"), d.word_starts()
        ([(2, 3, 5)], [], [0, 2, 3])
        """
        return self._indexed_words()[2].get(tag, [])

    def _indexed_words(self) -> tuple:
        """``(words, starts, by tag)``, made again when ``words`` is another list."""
        if self._word_index is None or self._word_index[0] is not self.words:
            by_tag = {}
            for i, (s, e, tag) in enumerate(self.words):
                by_tag.setdefault(tag, []).append((i, s, e))
            self._word_index = (self.words, [w[0] for w in self.words], by_tag)
        return self._word_index

    def clauses_in(self, start: int, end: int) -> list:
        """The clauses that lie inside ``[start, end)`` (a sentence)."""
        i = bisect_left(self.clauses, start, key=lambda c: c[0])
        out = []
        while i < len(self.clauses) and self.clauses[i][1] <= end:
            out.append(self.clauses[i])
            i += 1
        return out

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def source_offset(self, i: int) -> int:
        """Offset in the decoded source of character ``i`` of ``text``."""
        if i >= len(self.offsets):
            return len(self.source)
        return self.offsets[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source range covering ``text[start:end]``."""
        if self.offsets.__class__ is Offsets:
            return self.offsets.span(start, end, len(self.source))
        if end <= start:
            s = self.source_offset(start)
            return s, s
        return self.source_offset(start), self.source_offset(end - 1) + 1


def most_named(entities):
    """The one the text is about: named most often, then first."""
    return max(entities, key=lambda e: (len(e.mentions), -min(x.start for x in e.mentions), e.key))
