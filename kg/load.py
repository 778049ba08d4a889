"""Files → decoded text. Detects UTF-8 (with or without BOM), UTF-16 with BOM,
GB18030/GBK, and other encodings via charset-normalizer; refuses binary files.
"""
from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .errors import InputError

__all__ = ["SUFFIXES", "collect", "decode", "read"]

SUFFIXES = (".txt",)
MAX_BYTES = 200 * 1024 * 1024


def collect(paths) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into a sorted list of article files.

    Returns the files and an error for every path that does not exist.
    """
    files, errors = [], []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                errors.append(InputError(p, "folder holds no .txt files"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(InputError(p, "no such file or folder", "check the path"))
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


def _looks_binary(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return ctrl > len(head) * 0.01


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd")
    return bad / min(len(text), 20000)


def _cjk_ratio(text: str) -> float:
    """Share of CJK among the letters: articles here are Chinese."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff") / len(letters)


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
        except UnicodeDecodeError:
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


def read(path) -> tuple[str, str, str]:
    """Read and decode one file: ``(text, encoding, sha256)``."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(p, f"file too large ({size} bytes, limit {MAX_BYTES})", "split it into articles")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from exc
    text, enc = decode(data, p)
    return text, enc, hashlib.sha256(data).hexdigest()
