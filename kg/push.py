"""Load a graph into any SPARQL 1.1 Graph Store Protocol server (Oxigraph,
Fuseki, GraphDB…), replacing the one named graph kg owns there."""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from .errors import KgError

__all__ = ["push", "PushError", "DEFAULT_GRAPH"]

DEFAULT_GRAPH = "https://w3id.org/dangjian-kg/id/graph/kg"


class PushError(KgError):
    """The graph store refused the graph or could not be reached."""


def push(data: bytes, endpoint: str, graph: str = DEFAULT_GRAPH, timeout: float = 120.0) -> int:
    """PUT ``data`` (N-Triples) as the named graph ``graph`` at the Graph Store
    endpoint ``endpoint``; return the HTTP status."""
    scheme = urllib.parse.urlparse(endpoint).scheme
    if scheme not in ("http", "https"):
        raise PushError(f"{endpoint}: not an http(s) URL of a Graph Store endpoint (e.g. http://host:7878/store)")
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    req = urllib.request.Request(url, data=data, method="PUT",
                                 headers={"Content-Type": "application/n-triples; charset=utf-8"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", errors="replace").strip()
        raise PushError(f"{endpoint} refused the graph: HTTP {exc.code} {exc.reason}"
                        + (f" ({detail})" if detail else "")) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach {endpoint}: {reason}; is the server running?") from exc
