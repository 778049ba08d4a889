"""kg push against a real Oxigraph server, started and stopped on loopback."""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.push import DEFAULT_GRAPH


def oxigraph_binary():
    local = Path(sys.executable).with_name("oxigraph")
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = oxigraph_binary()
    if not binary:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def count(base, graph):
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    req = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": q}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as res:
        return int(json.load(res)["results"]["bindings"][0]["n"]["value"])


def test_push_replaces_its_named_graph(server, examples, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(examples), "-o", str(out), "--no-html"]).exit_code == 0
    res = CliRunner().invoke(main, ["push", str(out / "graph.ttl"), "--endpoint", server + "/store"])
    assert res.exit_code == 0, res.output
    first = count(server, DEFAULT_GRAPH)
    assert first > 1000
    # pushing a smaller graph replaces, it does not add
    one = tmp_path / "one"
    CliRunner().invoke(main, ["build", str(examples / "tax_wujiang.txt"), "-o", str(one), "--no-html"])
    res = CliRunner().invoke(main, ["push", str(one / "graph.ttl"), "--endpoint", server + "/store"])
    assert res.exit_code == 0, res.output
    assert 0 < count(server, DEFAULT_GRAPH) < first


def test_push_to_another_graph_leaves_ours(server, examples, tmp_path):
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(examples / "power_shouguang.txt"), "-o", str(out), "--no-html"])
    before = count(server, DEFAULT_GRAPH)
    res = CliRunner().invoke(main, ["push", str(out / "graph.ttl"), "--endpoint", server + "/store",
                                    "--graph", "https://example.org/other"])
    assert res.exit_code == 0
    assert count(server, "https://example.org/other") > 0 and count(server, DEFAULT_GRAPH) == before


def test_push_to_nowhere_is_a_clear_error(tmp_path, examples):
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(examples / "power_shouguang.txt"), "-o", str(out), "--no-html"])
    res = CliRunner().invoke(main, ["push", str(out / "graph.ttl"), "--endpoint", "http://127.0.0.1:9/store"])
    assert res.exit_code == 2 and "cannot reach" in res.output
