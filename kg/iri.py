"""Every IRI kg writes is minted here, from type and normalised label.

>>> entity_iri("PartyOrganization", "某市税务局党委", base="https://example.org/id/")
rdflib.term.URIRef('https://example.org/id/PartyOrganization/某市税务局党委')
>>> entity_iri("Brand", "红色·税苑", base="https://example.org/id/") == entity_iri("Brand", "红色税苑", base="https://example.org/id/")
True
>>> entity_iri("GovernmentBody", "市交通运输局", base="https://example.org/id/", scope="湖州市")
rdflib.term.URIRef('https://example.org/id/GovernmentBody/湖州市/市交通运输局')
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef

import unicodedata
from functools import lru_cache
from hashlib import sha1

from .text import norm, to_simplified

__all__ = ["KG", "KG_NS", "DEFAULT_BASE", "entity_iri", "entity_str", "article_iri", "article_str", "measurement_iri", "measurement_str", "provenance_iri", "provenance_str", "segment"]  # noqa: F822 (KG: module __getattr__)

KG_NS = "https://w3id.org/dangjian-kg/ontology#"
DEFAULT_BASE = "https://w3id.org/dangjian-kg/id/"
_SAFE = set("abcdefghijklmnopqrstuvwxyz0123456789-._~+")


def __getattr__(name: str):
    """``KG``, the ontology's rdflib Namespace, made when first asked for: a
    build writes plain strings and need not import rdflib."""
    if name == "KG":
        from rdflib import Namespace

        globals()["KG"] = ns = Namespace(KG_NS)
        return ns
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _uri(iri: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(iri)


def segment(s: str) -> str:
    """IRI path segment: keep letters (any script) and digits, %-encode the rest."""
    if s.isalnum():  # the usual case: letters and digits only, all kept
        return s
    out = []
    for ch in s:
        if ch.lower() in _SAFE or (ord(ch) > 127 and ch.isalnum()):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def iri_key(label: str) -> str:
    """The label as it goes into an IRI: NFKC, simplified characters (one name
    in 臺州 and in 台州 articles is one node), no white space, punctuation or
    invisible format characters, but ``+`` (1+17 and 117 stay apart).

    >>> iri_key("臺州市椒江區稅務局黨委") == iri_key("台州市椒江区税务局党委")
    True
    """
    label = to_simplified(unicodedata.normalize("NFKC", label))
    return "+".join(norm(part) for part in label.split("+")).strip() or label


def entity_iri(typ: str, label: str, base: str = DEFAULT_BASE, scope: str = "") -> URIRef:
    """IRI of an entity; ``scope`` (a place) keeps apart same-named units of
    different places, such as two articles' 市交通运输局."""
    return _uri(entity_str(typ, label, base, scope))


@lru_cache(maxsize=1 << 16)
def entity_str(typ: str, label: str, base: str = DEFAULT_BASE, scope: str = "") -> str:
    """``entity_iri`` as a plain string, for the writers (the same names
    recur across a corpus's articles).

    >>> entity_str("Brand", "红色·税苑", "http://x/")
    'http://x/Brand/红色税苑'
    """
    name = segment(iri_key(label))
    if scope:
        return f"{base}{typ}/{segment(iri_key(scope))}/{name}"
    return f"{base}{typ}/{name}"


def article_iri(sha256: str, base: str = DEFAULT_BASE) -> URIRef:
    return _uri(article_str(sha256, base))


def article_str(sha256: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}article/{sha256[:16]}"


def measurement_iri(sha256: str, start: int, base: str = DEFAULT_BASE) -> URIRef:
    return _uri(measurement_str(sha256, start, base))


def measurement_str(sha256: str, start: int, base: str = DEFAULT_BASE) -> str:
    return f"{base}measurement/{sha256[:16]}-{start}"


def provenance_iri(kind: str, sha256: str, start: int, end: int, base: str = DEFAULT_BASE, key: str = "") -> URIRef:
    """IRI of a mention or an evidence node: article, span and (for evidence)
    a short hash of the statement, so two relations read from one clause differ."""
    return _uri(provenance_str(kind, sha256, start, end, base, key))


def provenance_str(kind: str, sha256: str, start: int, end: int, base: str = DEFAULT_BASE, key: str = "") -> str:
    """``provenance_iri`` as a plain string, for the writers (a build mints
    tens of thousands, and a URIRef costs a microsecond each).

    >>> provenance_str("mention", "ab" * 32, 3, 5, "http://x/")
    'http://x/mention/abababababababab-3-5'
    """
    return f"{base}{kind}/{sha256[:16]}-{start}-{end}{_tail(key) if key else ''}"


@lru_cache(maxsize=4096)
def _tail(key: str) -> str:
    """``-`` and a short hash of ``key`` (an article names an entity several times)."""
    return f"-{sha1(key.encode('utf-8')).hexdigest()[:8]}"
