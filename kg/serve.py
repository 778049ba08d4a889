"""A read-only SPARQL 1.1 Protocol endpoint over a graph file or a store.

GET or POST a query to ``/sparql``; results come as JSON, XML, CSV or TSV (or
Turtle / N-Triples for CONSTRUCT and DESCRIBE) by content negotiation. CORS
is open so browser clients such as Yasgui can use it. Updates are refused
with 403. Queries run with a time limit; results are cut at a row limit
(reading stops there, and the response says so in ``X-KG-Truncated``). A
query page for a browser is at ``/`` (kg.servepage).
"""
from __future__ import annotations

import json
import threading
from itertools import islice
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


def answer(store, query: str, accept: str, limit: int) -> tuple:
    """``(body, media type, cut)``: the result of ``query`` on the pyoxigraph
    ``store`` in the format ``accept`` asks for, at most ``limit`` rows (reading
    solutions stops there; ``cut`` says whether there were more). Raises the
    parser's or the engine's error for a bad query."""
    import pyoxigraph as ox

    result = store.query(query, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        media, name = _negotiate(accept, GRAPH_TYPES, "text/turtle")
        return result.serialize(format=getattr(ox.RdfFormat, name)), media + "; charset=utf-8", False
    media, name = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    fmt = getattr(ox.QueryResultsFormat, name)
    if not (isinstance(result, ox.QuerySolutions) and limit):
        return result.serialize(format=fmt), media, False
    names = [v.value for v in result.variables]
    rows = list(islice(result, limit + 1))  # reading stops at the limit: the rest is never computed
    cut = len(rows) > limit
    data = {"head": {"vars": names},
            "results": {"bindings": [{n: _json_term(sol[n]) for n in names if sol[n] is not None}
                                     for sol in rows[:limit]]}}
    del rows, result
    if name == "JSON":
        return json.dumps(data, ensure_ascii=False).encode("utf-8"), media, cut
    parsed = ox.parse_query_results(json.dumps(data).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    out = parsed.serialize(format=fmt)
    return out, media + ("; charset=utf-8" if media.startswith("text/") else ""), cut


def _json_term(term) -> dict:
    """A term in SPARQL 1.1 Query Results JSON."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


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


MAX_BODY = 1 << 20  # bytes a POSTed query may have (a SPARQL query is a few kilobytes)
READ_TIMEOUT = 20.0  # seconds a client may take to send its request


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # connections waiting to be accepted (Python's default is 5)
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (TimeoutError, ConnectionError)):
            return  # a client that went quiet or away: nothing to report
        super().handle_error(request, client_address)


def make_server(store, host="127.0.0.1", port=7878, timeout=30.0, limit=10000, cors="*"):
    """An HTTP server answering SPARQL on ``/sparql`` from ``store``: a
    pyoxigraph Store (queries in threads of this process), or a
    kg.servepool.QueryPool (queries in worker processes, stopped at the
    timeout). ``cors`` is the origin browser pages may read it from (``*``:
    any, ``""``: none)."""
    from .query import QueryError, check_nesting
    from .servepool import QueryDied, QueryPool, QueryTimeout

    pool = store if isinstance(store, QueryPool) else None

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/0.2"
        timeout = READ_TIMEOUT  # the socket's: a request sent too slowly, or a body shorter than said, ends

        def log_message(self, fmt, *args):  # quiet by default
            pass

        def _cors(self):
            if not cors:
                return
            self.send_header("Access-Control-Allow-Origin", cors)
            if cors != "*":
                self.send_header("Vary", "Origin")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Expose-Headers", "X-KG-Truncated")

        def _send(self, code, body: bytes, ctype: str, headers=()):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            for name, value in headers:
                self.send_header(name, value)
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
            if url.path in ("/", "/index.html"):
                return self._send(200, page, "text/html; charset=utf-8")
            if url.path != "/sparql":
                return self._error(404, "not found: the endpoint is /sparql (a query page is at /)")
            params = parse_qs(url.query)
            if "update" in params:
                return self._error(403, "this endpoint is read-only: updates are refused")
            if "query" not in params:
                return self._error(400, "missing 'query' parameter")
            self._answer(params["query"][0])

        do_HEAD = do_GET

        def do_POST(self):
            url = urlparse(self.path)
            if url.path != "/sparql":
                return self._error(404, "not found: the endpoint is /sparql")
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                return self._error(400, "bad Content-Length: not a number")
            if length < 0:
                return self._error(400, "bad Content-Length: negative")
            if length > MAX_BODY:
                self.close_connection = True
                return self._error(413, f"request body too large ({length} bytes; at most {MAX_BODY})")
            body = self.rfile.read(length)
            if len(body) < length:
                return self._error(400, "the request body is shorter than its Content-Length")
            body = body.decode("utf-8", errors="replace")
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
            try:
                check_nesting(query)  # before the parser, whose stack a deep query overflows
            except QueryError as exc:
                return self._error(400, f"bad query: {exc}")
            accept = self.headers.get("Accept", "")
            if pool is not None:
                try:
                    body, media, cut = pool.run(query, accept, limit, timeout)
                except QueryTimeout:
                    return self._error(503, f"query timed out after {timeout:g} s (it was stopped)")
                except QueryDied as exc:
                    return self._error(503, str(exc))
                except ValueError as exc:
                    return self._error(400, f"bad query: {exc}")
                return self._send(200, body, media, [("X-KG-Truncated", str(limit))] if cut else [])
            box = {}

            def work():
                # pyoxigraph results must live and die in the thread that made them
                try:
                    box["data"] = answer(store, query, accept, limit)
                except Exception as exc:  # a malformed query, reported to the client
                    box["error"] = str(exc)

            t = threading.Thread(target=work, daemon=True)
            t.start()
            t.join(timeout)
            if t.is_alive():
                return self._error(503, f"query timed out after {timeout:g} s")
            if "error" in box:
                return self._error(400, f"bad query: {box['error']}")
            body, media, cut = box["data"]
            self._send(200, body, media, [("X-KG-Truncated", str(limit))] if cut else [])

    from .servepage import query_page

    page = query_page(len(store))
    try:
        return _Server((host, port), Handler)
    except OSError as exc:
        raise KgError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from exc
