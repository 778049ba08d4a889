"""Formats: every serializer round-trips to an isomorphic graph; output is
byte-stable across processes; TriG keeps one named graph per article."""
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import process_text
from kg.cli import main
from kg.export import FORMATS, read_graph, serialize
from kg.iri import KG
from kg.rdf import flatten, to_dataset

TEXTS = {"a.txt": "湖州市税务局党委以“税心”党建品牌为引领,投入资金300万元,获评全省先进基层党组织。",
         "b.txt": "湖州市税务局党委组织开展“税月留声”主题党日活动,服务纳税人1.2万人次。"}


@pytest.fixture(scope="module")
def dataset():
    return to_dataset([process_text(t, path=p) for p, t in TEXTS.items()])


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml", "n3"])
def test_graph_formats_round_trip(dataset, fmt):
    g = flatten(dataset)
    back = Graph().parse(data=serialize(g, fmt), format=FORMATS[fmt])
    assert isomorphic(back, g)


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_dataset_formats_keep_named_graphs(dataset, fmt):
    back = Dataset()
    back.parse(data=serialize(dataset, fmt), format=FORMATS[fmt])
    named = {str(c.identifier) for c in back.graphs() if (None, None, None) in c and "article/" in str(c.identifier)}
    assert len(named) == 2
    assert isomorphic(flatten(back), flatten(dataset))
    for c in back.graphs():
        if "article/" in str(c.identifier):
            assert (c.identifier, None, KG.Article) in c or any(c.triples((c.identifier, None, None)))


def test_export_command_converts_between_formats(tmp_path, dataset):
    src = tmp_path / "g.trig"
    src.write_bytes(serialize(dataset, "trig"))
    for fmt, suffix in [("ttl", ".ttl"), ("nt", ".nt"), ("jsonld", ".jsonld"), ("nq", ".nq")]:
        out = tmp_path / f"out{suffix}"
        res = CliRunner().invoke(main, ["export", str(src), "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert isomorphic(flatten(read_graph(out)), flatten(dataset))


def test_export_refuses_bad_input(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    res = CliRunner().invoke(main, ["export", str(bad), "-f", "nt", "-o", str(tmp_path / "x.nt")])
    assert res.exit_code == 2 and "bad.ttl" in res.output
    assert not (tmp_path / "x.nt").exists()


def test_outputs_are_byte_identical_across_processes(examples, tmp_path):
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(examples), "-o", str(out)], env=env,
                       check=True, capture_output=True)
        outs.append(out)
    for name in ("graph.ttl", "graph.jsonld", "graph.nt", "graph.trig", "graph.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
