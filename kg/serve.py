"""A read-only SPARQL 1.1 Protocol endpoint over a graph file or a store.

GET or POST a query to ``/sparql``; results come as JSON, XML, CSV or TSV (or
Turtle / N-Triples for CONSTRUCT and DESCRIBE) by content negotiation. CORS
is open so browser clients such as Yasgui can use it. Updates are refused
with 403. Queries run with a time limit and results are cut at a row limit.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .errors import KgError

__all__ = ["make_server", "load_store"]

RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/ld+json": "JSON_LD",
               "application/rdf+xml": "RDF_XML"}


def load_store(graph_file=None, store_dir=None):
    """A pyoxigraph store to serve: the store folder opened read-only, or the
    graph file loaded into memory (named graphs kept)."""
    if store_dir:
        from .store import KgStore

        return KgStore(store_dir, read_only=True).store
    from .graphio import open_graph

    return open_graph(graph_file)


def _negotiate(accept: str, table: dict, default: str) -> tuple[str, str]:
    """(media type, format name) for the first acceptable type in ``accept``."""
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, bits[0].lower()))
    for _q, _i, media in sorted(ranked):
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            break
    return default, table[default]


def make_server(store, host="127.0.0.1", port=7878, timeout=30.0, limit=10000):
    """An HTTP server answering SPARQL on ``/sparql`` from ``store``."""
    import pyoxigraph as ox

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/0.2"

        def log_message(self, fmt, *args):  # quiet by default
            pass

        def _cors(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")

        def _send(self, code, body: bytes, ctype: str):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self._cors()
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, code, message):
            self._send(code, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def do_OPTIONS(self):
            self._send(204, b"", "text/plain")

        def do_GET(self):
            url = urlparse(self.path)
            if url.path != "/sparql":
                return self._error(404, "not found: the endpoint is /sparql")
            params = parse_qs(url.query)
            if "update" in params:
                return self._error(403, "this endpoint is read-only: updates are refused")
            if "query" not in params:
                return self._error(400, "missing 'query' parameter")
            self._answer(params["query"][0])

        def do_POST(self):
            url = urlparse(self.path)
            if url.path != "/sparql":
                return self._error(404, "not found: the endpoint is /sparql")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return self._error(403, "this endpoint is read-only: updates are refused")
            if ctype == "application/sparql-query":
                return self._answer(body)
            params = parse_qs(body)
            params.update(parse_qs(url.query))
            if "update" in params:
                return self._error(403, "this endpoint is read-only: updates are refused")
            if "query" not in params:
                return self._error(400, "missing 'query' parameter")
            self._answer(params["query"][0])

        def _answer(self, query: str):
            box = {}

            def work():
                # pyoxigraph results must live and die in the thread that made them
                try:
                    result = store.query(query, use_default_graph_as_union=True)
                    box["data"] = self._serialize(result)
                    del result
                except Exception as exc:  # a malformed query, reported to the client
                    box["error"] = str(exc)

            t = threading.Thread(target=work, daemon=True)
            t.start()
            t.join(timeout)
            if t.is_alive():
                return self._error(503, f"query timed out after {timeout:g} s")
            if "error" in box:
                return self._error(400, f"bad query: {box['error']}")
            body, media = box["data"]
            self._send(200, body, media)

        def _serialize(self, result):
            accept = self.headers.get("Accept", "")
            if isinstance(result, ox.QueryTriples):
                media, name = _negotiate(accept, GRAPH_TYPES, "text/turtle")
                return result.serialize(format=getattr(ox.RdfFormat, name)), media + "; charset=utf-8"
            media, name = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            fmt = getattr(ox.QueryResultsFormat, name)
            if isinstance(result, ox.QuerySolutions) and limit:
                data = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))
                data["results"]["bindings"] = data["results"]["bindings"][:limit]
                if name == "JSON":
                    return json.dumps(data, ensure_ascii=False).encode("utf-8"), media
                parsed = ox.parse_query_results(json.dumps(data).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
                out = parsed.serialize(format=fmt)
                del parsed
                return out, media + ("; charset=utf-8" if media.startswith("text/") else "")
            return result.serialize(format=fmt), media

    try:
        return ThreadingHTTPServer((host, port), Handler)
    except OSError as exc:
        raise KgError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from exc
