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
