"""The SPARQL endpoint, driven by SPARQLWrapper as a client would."""
import threading
import urllib.error
import urllib.request

import pytest

from kg.serve import load_store, make_server

KG = "https://w3id.org/dangjian-kg/ontology#"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, examples_dir):
    from kg.build import build_outputs

    out = tmp_path_factory.mktemp("serve")
    build_outputs([examples_dir], out, html=False)
    server = make_server(load_store(out / "graph.trig"), port=0, timeout=5, limit=3)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def examples_dir():
    from pathlib import Path
    return Path(__file__).resolve().parent.parent / "examples"


def test_select_json_via_sparqlwrapper(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"SELECT ?l WHERE {{ ?b a <{KG}Brand> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} ORDER BY ?l")
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert 0 < len(rows) <= 3  # the row limit
    assert all("\u4e00" <= r["l"]["value"][0] <= "\u9fff" or r["l"]["value"][0].isdigit() for r in rows)


@pytest.mark.parametrize("fmt,marker", [("xml", "<sparql"), ("csv", "n\r\n"), ("tsv", "?n")])
def test_formats_by_negotiation(endpoint, fmt, marker):
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    sw.setReturnFormat(fmt)
    res = sw.query()
    body = res.response.read().decode("utf-8")
    assert marker in body


def test_post_and_ask(endpoint):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setQuery(f"ASK {{ ?s a <{KG}PartyOrganization> }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


def test_updates_are_refused(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    sw = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as err:
        sw.query()
    assert "403" in str(err.value) or "read-only" in str(err.value)


def test_bad_query_and_cors(endpoint):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(endpoint + "?query=SELEC")
    assert err.value.code == 400
    req = urllib.request.Request(endpoint, method="OPTIONS")
    with urllib.request.urlopen(req) as res:
        assert res.headers["Access-Control-Allow-Origin"] == "*"


def _get(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, dict(resp.headers), resp.read()


def test_query_page_at_the_root(endpoint):
    status, headers, body = _get(endpoint.rsplit("/", 1)[0] + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert "kg-queries" in page and "brands" in page and "<script src" not in page


def test_a_cut_result_says_so(endpoint):
    from urllib.parse import urlencode

    query = urlencode({"query": "SELECT ?s WHERE { ?s ?p ?o }"}).encode()
    status, headers, body = _get(endpoint, query, {"Accept": "application/sparql-results+json",
                                                   "Content-Type": "application/x-www-form-urlencoded"})
    assert headers.get("X-KG-Truncated") == "3" and "X-KG-Truncated" in headers["Access-Control-Expose-Headers"]
    assert len(__import__("json").loads(body)["results"]["bindings"]) == 3
    small = urlencode({"query": "SELECT ?n WHERE { VALUES ?n { 1 2 } }"}).encode()
    status, headers, body = _get(endpoint, small, {"Accept": "text/csv",
                                                   "Content-Type": "application/x-www-form-urlencoded"})
    assert "X-KG-Truncated" not in headers and body.decode().split() == ["n", "1", "2"]


def test_head_answers_like_get(endpoint):
    status, headers, body = _get(endpoint.rsplit("/", 1)[0] + "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000


@pytest.fixture
def hostile(tmp_path, examples_dir, monkeypatch):
    """A server with a short read timeout and one origin allowed."""
    import kg.serve
    from kg.build import build_outputs

    monkeypatch.setattr(kg.serve, "READ_TIMEOUT", 1.0)
    build_outputs([examples_dir], tmp_path, html=False)
    server = make_server(load_store(tmp_path / "graph.ttl"), port=0, timeout=5, limit=100,
                         cors="https://yasgui.example")
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield "127.0.0.1", server.server_port
    server.shutdown()
    server.server_close()


def _raw(host, port, data: bytes, wait=5.0) -> bytes:
    import socket

    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except TimeoutError:
            pass
    return out


def test_a_deeply_nested_query_is_refused_and_the_server_lives(hostile):
    from urllib.parse import quote

    host, port = hostile
    deep = "SELECT * WHERE " + "{ " * 2300 + "?s ?p ?o" + " }" * 2300
    with pytest.raises(urllib.error.HTTPError) as err:
        _get(f"http://{host}:{port}/sparql?query={quote(deep)}")
    assert err.value.code == 400 and "nested too deeply" in err.value.read().decode()
    status, _h, _b = _get(f"http://{host}:{port}/sparql?query={quote('ASK { ?s ?p ?o }')}")
    assert status == 200


def test_bad_lengths_big_bodies_and_slow_clients(hostile):
    host, port = hostile
    head = f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
    assert b" 400 " in _raw(host, port, (head + "Content-Length: abc\r\n\r\n").encode()).split(b"\r\n")[0]
    big = _raw(host, port, (head + f"Content-Length: {50 << 20}\r\n\r\n").encode())
    assert b" 413 " in big.split(b"\r\n")[0]
    # a body shorter than its length: the server stops waiting after its read timeout (1 s here)
    import time

    start = time.perf_counter()
    _raw(host, port, (head + "Content-Length: 100\r\n\r\nASK {").encode(), wait=8.0)
    assert time.perf_counter() - start < 5  # the read timeout is 1 s here; without it the server waits for ever


def test_cors_names_the_origin_it_was_given(hostile):
    host, port = hostile
    _s, headers, _b = _get(f"http://{host}:{port}/")
    assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"


def test_two_hundred_queries_at_once_are_all_answered(hostile):
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import quote

    host, port = hostile
    url = f"http://{host}:{port}/sparql?query={quote('ASK { ?s ?p ?o }')}"

    def one(_i):
        try:
            return _get(url, headers={"Accept": "application/sparql-results+json"})[0]
        except Exception as exc:  # a refused or reset connection
            return repr(exc)

    with ThreadPoolExecutor(200) as pool:
        results = list(pool.map(one, range(200)))
    assert results == [200] * 200


def test_a_query_past_the_timeout_is_stopped_and_its_memory_freed(tmp_path, examples_dir):
    """Queries run in worker processes (kg.servepool): the one past the timeout is
    killed, so nothing keeps computing, and a fresh worker answers the next query."""
    import os
    import time
    from urllib.parse import quote

    from kg.build import build_outputs
    from kg.servepool import QueryPool

    build_outputs([examples_dir], tmp_path, html=False)
    pool = QueryPool(graph_file=tmp_path / "graph.ttl", workers=2, memory_mb=2048)
    server = make_server(pool, port=0, timeout=1.5, limit=100)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/sparql?query="
        before = {p.pid for p in pool._all}
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with pytest.raises(urllib.error.HTTPError) as err:
            _get(base + quote(heavy))
        assert err.value.code == 503 and "stopped" in err.value.read().decode()
        time.sleep(0.3)
        gone = [p for p in before if not os.path.exists(f"/proc/{p}")]
        assert len(gone) == 1  # the worker that ran it, killed: its CPU and memory are free again
        assert len(pool._all) == 2  # and replaced
        status, _h, body = _get(base + quote("ASK { ?s ?p ?o }"), headers={"Accept": "application/sparql-results+json"})
        assert status == 200 and b"true" in body
        with pytest.raises(urllib.error.HTTPError) as err:
            _get(base + quote("SELECT ?x WHERE { ?x "))
        assert err.value.code == 400
    finally:
        server.shutdown()
        server.server_close()
        pool.close()
    assert not list(tmp_path.glob("kg-serve-*"))


def test_serve_command_starts_workers_and_stops_them(tmp_path, examples_dir):
    import signal
    import subprocess
    import sys

    from kg.build import build_outputs

    build_outputs([examples_dir], tmp_path / "g", html=False)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(tmp_path / "g" / "graph.trig"), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "SPARQL endpoint" in line, proc.stderr.read()
        url = line.split()[2].rstrip(",")
        status, _h, body = _get(url + "?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
                                headers={"Accept": "application/sparql-results+json"})
        assert status == 200 and b"true" in body
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
