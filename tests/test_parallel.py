"""Parallel and distributed builds give the same graph as one process."""
from pathlib import Path

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


def _descendants(root: int) -> set:
    import glob

    kids = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = open(stat).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    out, todo = set(), [root]
    while todo:
        pid = todo.pop()
        out.add(pid)
        todo += kids.get(pid, [])
    return out - {root}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", ["KILL", "TERM"])
def test_a_killed_build_leaves_no_worker_and_no_spool(tmp_path, examples, sig):
    """kill -9 or a plain kill of the main process: the workers end by themselves, and
    what a -9 leaves in TMPDIR the next build clears."""
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        for f in sorted(examples.glob("*.txt")):
            (corpus / f"{i:02d}_{f.name}").write_text(f"第{i}期\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp))
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "2", "-q"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not list(tmp.glob("kg-spool-*/*")) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert proc.poll() is None, "the build ended before it could be killed"
    children = _descendants(proc.pid)
    assert children
    proc.send_signal(getattr(signal, f"SIG{sig}"))
    proc.wait(timeout=30)
    time.sleep(3)
    assert [p for p in children if Path(f"/proc/{p}").exists()] == []
    assert not (tmp_path / "out" / "graph.ttl").exists()  # nothing half-written
    if sig == "TERM":
        assert list(tmp.glob("kg-spool-*")) == []
    else:  # -9 gives no chance to clean: the next build does
        assert list(tmp.glob("kg-spool-*"))
        stale = set(tmp.glob("pymp-*"))  # the killed forkserver's socket folder
        subprocess.run(cmd[:4] + [str(examples), "-o", str(tmp_path / "again"), "-j", "2", "-q"], env=env,
                       check=True, capture_output=True)
        assert list(tmp.glob("kg-spool-*")) == []
        assert not stale & set(tmp.glob("pymp-*"))
