"""Files → decoded text. Detects UTF-8 (with or without BOM), UTF-16 with BOM,
GB18030/GBK, and other encodings via charset-normalizer; refuses binary files.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

__all__ = ["SUFFIXES", "Source", "collect", "decode", "read"]

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")
MIN_ARTICLE_CHARS = 20  # an HTML page whose extracted text is shorter holds no article
MAX_BYTES = 20 * 1024 * 1024  # one article; larger files are refused with a message


def collect(paths) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into a sorted list of article files.

    Returns the files and an error for every path that does not exist, every
    subfolder that cannot be read, and every article-named entry that is not a
    regular file (a dangling link, a FIFO). A folder kg wrote its outputs to
    (graph.trig beside graph.html) is not read as articles.
    """
    files, errors = [], []
    for p in map(Path, paths):
        if p.is_dir():
            found, before = [], len(errors)
            for root, dirs, names in os.walk(p, onerror=lambda exc: errors.append(
                    InputError(exc.filename or p, f"cannot read the folder ({exc.strerror or exc})"))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                here = Path(root)
                if "graph.trig" in names and "graph.html" in names:  # kg's own outputs
                    continue
                for name in names:
                    f = here / name
                    if name.startswith(".") or f.suffix.lower() not in SUFFIXES:
                        continue
                    if f.is_file():
                        found.append(f)
                    else:
                        what = "a link to nothing" if f.is_symlink() and not f.exists() else "not a regular file"
                        errors.append(InputError(f, what, "skipped"))
            if not found and len(errors) == before:
                errors.append(InputError(p, "folder holds no article files (.txt, .md, .html, .docx)"))
            files.extend(sorted(found))
        elif p.is_file():
            files.append(p)
        elif p.exists():
            errors.append(InputError(p, "not a regular file (a FIFO or a device)", "give an article file"))
        elif p.is_symlink():
            errors.append(InputError(p, "a link to nothing", "check the link"))
        else:
            errors.append(InputError(p, "no such file or folder", "check the path"))
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


_CTRL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = len(head) - len(head.translate(None, _CTRL_BYTES))
    return ctrl > len(head) * 0.01


# control characters other than tab, line breaks and form feed; private use; the replacement character
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]")
_CJK = re.compile("[\u4e00-\u9fff]")


def _control_ratio(text: str) -> float:
    """Share of characters no article has, in the first 20,000.

    >>> _control_ratio("党建" + chr(0) + chr(0xFFFD))
    0.5
    """
    if not text:
        return 0.0
    head = text[:20000]
    return len(_BAD_CHARS.findall(head)) / len(head)


def _cjk_ratio(text: str) -> float:
    """Share of CJK among the letters: articles here are Chinese.

    >>> _cjk_ratio("党建 ab 12")
    0.5
    """
    head = text[:20000]
    letters = sum(map(str.isalpha, head))
    if not letters:
        return 0.0
    return len(_CJK.findall(head)) / letters  # every code point of U+4E00–U+9FFF is a letter


def decode(data: bytes, path="<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise InputError.

    >>> decode("党建".encode("gbk"))
    ('党建', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "党建".encode())
    ('党建', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError(path, "empty file", "nothing to extract")
    if _looks_binary(data):
        raise InputError(path, "binary file, not text", "give .txt articles in UTF-8 or GB18030")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            if enc == "utf-8" and exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                text = data[:exc.start].decode("utf-8")  # a file cut inside its last character
                if _control_ratio(text) < 0.01:
                    return text, "utf-8 (truncated last character dropped)"
            continue
        if _control_ratio(text) < 0.01:
            return text, enc
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - library failure is reported below
        best = None
    if best is not None and best.encoding:
        text = str(best)
        if _control_ratio(text) < 0.01 and _cjk_ratio(text) >= 0.3:
            return text, best.encoding
    raise InputError(path, "cannot decode the bytes as UTF-8, GB18030 or another known encoding",
                     "re-save the file as UTF-8")


@dataclass
class Source:
    """A decoded article: its text, how it was read, and metadata the file
    itself carries (an HTML page's title and date, a Word file's title)."""

    text: str
    encoding: str
    sha256: str
    format: str = "text"
    meta: dict = field(default_factory=dict)


def read(path, max_bytes: int | None = None) -> Source:
    """Read one article file (.txt/.md, .html/.htm, .docx) and decode it."""
    p = Path(path)
    limit = max_bytes or MAX_BYTES
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputError(p, f"file too large ({size:,} bytes; the limit for one article is {limit:,})",
                             "split it into articles, or raise --max-bytes")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from exc
    sha = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return _read_docx(p, data, sha)
    text, enc = decode(data, p)
    if suffix in (".html", ".htm", ".xhtml"):
        return _read_html(p, text, enc, sha)
    return Source(text, enc, sha, "markdown" if suffix == ".md" else "text")


def _read_html(p: Path, html: str, enc: str, sha: str) -> Source:
    """The article body of a web page (trafilatura drops navigation, footers,
    share buttons and 备案号 lines); title and date become metadata."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(p, "reading HTML needs trafilatura", "pip install trafilatura") from exc
    if "<" not in html:
        raise InputError(p, "not an HTML page (no markup)", "rename it to .txt")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                          deduplicate=False)
    except Exception as exc:  # broken markup the extractor cannot recover from
        raise InputError(p, f"cannot extract the article from the HTML ({exc})") from exc
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body) < MIN_ARTICLE_CHARS:
        raise InputError(p, "no article text found in the HTML page", "check that the page holds the article")
    meta = {}
    title = (getattr(doc, "title", None) or "").strip()
    if title:
        meta["title"] = title
        if not body.startswith(title):
            body = title + "\n" + body
    if getattr(doc, "date", None):
        meta["date"] = doc.date
    return Source(body + "\n", enc, sha, "html", meta)


def _read_docx(p: Path, data: bytes, sha: str) -> Source:
    """Paragraphs (and table cells) of a Word file, one per line."""
    import io
    import zipfile
    import zlib

    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(p, "reading .docx needs python-docx", "pip install python-docx") from exc
    if not data:
        raise InputError(p, "empty file", "nothing to extract")
    from lxml import etree

    # what a damaged file raises inside zipfile, zlib and lxml (python-docx resolves no
    # external entities, and lxml stops entity expansion loops): a message, never a traceback
    broken = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError, etree.LxmlError,
              AttributeError, IndexError, TypeError)
    try:
        d = docx.Document(io.BytesIO(data))
        lines = [para.text.strip() for para in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                lines.append(" ".join(c.text.strip() for c in row.cells if c.text.strip()))
        title = d.core_properties.title
    except broken as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(p, f"not a readable Word (.docx) file ({reason})", "re-save it from Word as .docx") from None
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise InputError(p, "the Word file holds no text", "nothing to extract")
    meta = {}
    if title:
        meta["title"] = title.strip()
    return Source(text + "\n", "docx", sha, "docx", meta)
