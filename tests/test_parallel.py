"""Parallel and distributed builds give the same graph as one process."""
import pytest
from click.testing import CliRunner

from kg.cli import main

NAMES = ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld")


def build(src, out, *extra):
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--no-html", *map(str, extra)])
    assert res.exit_code == 0, res.output
    return {n: (out / n).read_bytes() for n in NAMES}


def test_two_processes_give_the_same_graph(examples, tmp_path):
    assert build(examples, tmp_path / "one", "-j", 1) == build(examples, tmp_path / "two", "-j", 2)


def test_dask_cluster_gives_the_same_graph(examples, tmp_path):
    distributed = pytest.importorskip("distributed")
    one = build(examples, tmp_path / "one", "-j", 1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert build(examples, tmp_path / "dask", "--dask-scheduler", cluster.scheduler_address) == one


def test_unreachable_scheduler_is_a_clear_error(examples, tmp_path):
    res = CliRunner().invoke(main, ["build", str(examples), "-o", str(tmp_path / "x"), "--dask-scheduler",
                                    "tcp://127.0.0.1:9"])
    assert res.exit_code != 0 and "Dask scheduler" in res.output
    assert not (tmp_path / "x").exists()


def test_a_streaming_build_keeps_no_article_text(examples, tmp_path, monkeypatch):
    """Bounded memory: once an article is in the files, its text, graph and
    entity summary are dropped; worker spool files are removed at the end."""
    import tempfile

    from kg.build import build_outputs
    from kg.pipeline import workers

    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    with workers(2) as pool:
        result = build_outputs([examples], tmp_path / "out", html=False, pool=pool)
    assert len(result.extracts) == 5
    assert all(x.text is None and x.entities == {} for x in result.extracts)
    assert result.summary()["entities"]  # counted from the merged entities, not the articles
    assert list(spools.iterdir()) == []
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == build(examples, tmp_path / "one", "-j", 1)["graph.ttl"]


def test_entity_section_written_in_chunks_gives_the_same_bytes(examples, tmp_path, monkeypatch):
    """Bounded memory at the end too: the entity section is formatted a few
    rows at a time, and the files are byte for byte those of one piece."""
    from kg import fastrdf

    whole = build(examples, tmp_path / "whole", "-j", 1)
    monkeypatch.setattr(fastrdf, "CHUNK_ROWS", 7)
    calls = []
    chunk = fastrdf.GraphWriter._entity_chunk
    monkeypatch.setattr(fastrdf.GraphWriter, "_entity_chunk", lambda self, *parts: calls.append(1) or chunk(self, *parts))
    assert build(examples, tmp_path / "chunked", "-j", 1) == whole
    assert len(calls) > 10


def test_a_worker_that_dies_fails_the_build_and_writes_nothing(examples, tmp_path, monkeypatch):
    """A worker killed mid-build (the kernel's out-of-memory killer, say) is a
    clear error with exit status 2, not a build that waits for ever, and the
    earlier outputs stay as they were."""
    import multiprocessing
    import os
    import signal

    from kg import build as kgbuild

    before = build(examples, tmp_path / "out", "-j", 1)
    real_build = kgbuild.build

    def build_and_kill(*args, sink, **kwargs):
        def sink_then_kill(x):
            for kid in multiprocessing.active_children():  # the first article is in: kill a worker
                os.kill(kid.pid, signal.SIGKILL)
                break
            sink(x)
        return real_build(*args, sink=sink_then_kill, **kwargs)

    monkeypatch.setattr(kgbuild, "build", build_and_kill)
    res = CliRunner().invoke(main, ["build", str(examples), "-o", str(tmp_path / "out"), "--no-html", "-j", "2"])
    assert res.exit_code == 2, res.output
    assert "worker process died" in res.output
    assert {n: (tmp_path / "out" / n).read_bytes() for n in NAMES} == before
