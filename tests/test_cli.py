import re
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_build_examples_writes_all_outputs(examples, tmp_path):
    out = tmp_path / "out"
    res = run("build", examples, "-o", out)
    assert res.exit_code == 0, res.output
    assert "documents" in res.output and "relations" in res.output
    g = Graph().parse(out / "graph.ttl")
    assert len(g) > 100
    Graph().parse(out / "graph.jsonld", format="json-ld")
    from kg.validate import validate
    assert validate(g).conforms
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)


def test_missing_path_fails_without_outputs(tmp_path):
    out = tmp_path / "out"
    res = run("build", tmp_path / "nope.txt", "-o", out)
    assert res.exit_code != 0
    assert "nope.txt" in res.output and "no such file" in res.output
    assert not out.exists()


@pytest.mark.parametrize("data,problem", [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
                                          ("党建".encode() + b"\xff\xfe\xfd\xfc", "cannot decode")])
def test_bad_file_alone_fails_without_outputs(tmp_path, data, problem):
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    out = tmp_path / "out"
    res = run("build", f, "-o", out)
    assert res.exit_code != 0
    assert "bad.txt" in res.output and problem in res.output
    assert not (out / "graph.ttl").exists()


def test_one_bad_file_in_a_folder(examples, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(examples, src)
    (src / "broken.txt").write_bytes(b"\x00\x00\x00")
    out = tmp_path / "out"
    res = run("build", src, "-o", out)
    assert res.exit_code == 1
    assert "broken.txt" in res.output
    assert (out / "graph.ttl").exists()


def test_previous_outputs_survive_a_failed_build(examples, tmp_path):
    out = tmp_path / "out"
    assert run("build", examples, "-o", out).exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert run("build", bad, "-o", out).exit_code != 0
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_build_is_deterministic(examples, tmp_path):
    run("build", examples, "-o", tmp_path / "a")
    run("build", examples, "-o", tmp_path / "b")
    for name in ("graph.ttl", "graph.jsonld", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_every_command_has_help_with_examples():
    for name, cmd in main.commands.items():
        assert cmd.help and "Examples" in cmd.help, name


def test_min_confidence_drops_weaker_facts(examples, tmp_path):
    assert run("build", examples, "-o", tmp_path / "all").exit_code == 0
    assert run("build", examples, "-o", tmp_path / "strict", "--min-confidence", "0.9").exit_code == 0
    g_all = Graph().parse(tmp_path / "all" / "graph.ttl")
    g_strict = Graph().parse(tmp_path / "strict" / "graph.ttl")
    assert 0 < len(g_strict) < len(g_all)
    assert run("build", examples, "-o", tmp_path / "x", "--min-confidence", "2").exit_code != 0
