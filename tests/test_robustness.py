"""Inputs as they come: odd files never crash a build or leave half-written
outputs; any text keeps spans exact and the graph valid; a killed build
leaves the previous outputs and store as they were."""
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import process_text
from kg.cli import main
from kg.rdf import to_graph
from kg.validate import validate

PIECES = ["某市", "税务局", "党委", "党支部", "中心", "公司", "“", "”", "《", "》", "品牌", "获评", "成立", "以", "为引领",
          "万", "亿元", "公里", "%", "个", "、", ",", "。", "\n", "12", "3.5", "三", "与", "联合执法", "开展", "等", "活动",
          "臺灣", "黨委", "，", "；", "我局", "该公司"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join))
def test_any_text_gives_a_valid_graph(text):
    report = validate(to_graph([process_text(text, path="t.txt")]))
    assert report.conforms, [str(v) for v in report.violations][:3]


def run(*args):
    return CliRunner().invoke(main, ["build", *map(str, args), "--no-html", "-q"])


def test_truncated_multibyte_file(tmp_path):
    data = "湖州市税务局党委以“税心”党建品牌为引领。".encode("utf-8")
    (tmp_path / "cut.txt").write_bytes(data[:-2])
    res = run(tmp_path / "cut.txt", "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert "湖州市税务局党委" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_enormous_file_is_refused_and_others_built(tmp_path, examples):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes((examples / "tax_wujiang.txt").read_bytes())
    with open(src / "huge.txt", "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # 100 MB, written sparse
    res = run(src, "-o", tmp_path / "out")
    assert res.exit_code == 1
    assert "huge.txt" in res.output and "file too large" in res.output and "--max-bytes" in res.output
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_ten_thousand_character_lines(tmp_path):
    line = ("某市税务局党委以“税心”党建品牌为引领,开展主题党日活动,服务纳税人1.2万人次," * 300)[:10_000]
    (tmp_path / "long.txt").write_text(line + "\n", encoding="utf-8")
    res = run(tmp_path / "long.txt", "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output


def _kill_mid_build(args, marker, timeout=60):
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", *map(str, args), "-q", "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    start = time.time()
    while time.time() - start < timeout and proc.poll() is None:
        if marker():
            break
        time.sleep(0.05)
    time.sleep(0.3)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def test_killed_build_keeps_previous_outputs(tmp_path, examples):
    import shutil
    import sys as _sys

    _sys.path.insert(0, str(examples.parent / "benchmarks"))
    from gen_corpus import generate

    out = tmp_path / "out"
    assert run(examples, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = tmp_path / "corpus"
    generate(corpus, 300, seed=5)
    shutil.copy(examples / "tax_wujiang.txt", corpus)
    _kill_mid_build([corpus, "-o", out], marker=lambda: False, timeout=1.5)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # no file replaced, no temporary left behind


@pytest.mark.parametrize("when", [0.6, 1.2, "spooling"])
def test_ctrl_c_stops_a_parallel_build_and_its_workers(tmp_path, examples, when):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it)
    ends a -j 2 build promptly, whenever it comes (seconds after the start,
    while the workers start, or once they write their spool files):
    non-zero exit, the earlier outputs as they were, and no process left."""
    import sys as _sys

    _sys.path.insert(0, str(examples.parent / "benchmarks"))
    from gen_corpus import generate

    out = tmp_path / "out"
    assert run(examples, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus, spools = tmp_path / "corpus", tmp_path / "tmp"
    generate(corpus, 600, seed=7)
    spools.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "-q", "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "TMPDIR": str(spools)})
    start = time.time()
    if when == "spooling":
        while time.time() - start < 60 and proc.poll() is None and not any(
                p.stat().st_size for p in spools.glob("kg-spool-*/*")):
            time.sleep(0.02)
    else:
        time.sleep(when)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        assert proc.wait(timeout=30) != 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    time.sleep(0.5)
    ps = subprocess.run(["ps", "-o", "stat=,args=", "-g", str(proc.pid)], capture_output=True, text=True).stdout
    assert all(line.startswith("Z") for line in ps.splitlines()), ps  # dead ones await this container's init
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_killed_store_update_leaves_a_usable_store(tmp_path, examples):
    import sys as _sys

    _sys.path.insert(0, str(examples.parent / "benchmarks"))
    from gen_corpus import generate

    store = tmp_path / "store"
    corpus = tmp_path / "corpus"
    generate(corpus, 200, seed=6)
    _kill_mid_build([corpus, "--store", store], marker=lambda: False, timeout=2.0)
    res = CliRunner().invoke(main, ["build", str(corpus), "--store", str(store), "-q"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["query", "--store", str(store), "articles", "--format", "csv"])
    assert res.exit_code == 0 and len(res.output.strip().splitlines()) == 201
