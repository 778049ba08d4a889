"""The benchmark corpus generator: reproducible, and its default 'news'
articles shaped like real ones (length, sections, density of facts)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from gen_corpus import generate  # noqa: E402

from kg.pipeline import process_text  # noqa: E402
from kg.rdf import article_triples  # noqa: E402


def _texts(folder, n, seed, style):
    return [f.read_text(encoding="utf-8") for f in generate(folder, n, seed, style)]


@pytest.mark.parametrize("style", ["news", "dense"])
def test_same_seed_same_files(tmp_path, style):
    a = _texts(tmp_path / "a", 5, 3, style)
    assert a == _texts(tmp_path / "b", 5, 3, style)
    assert a != _texts(tmp_path / "c", 5, 4, style)


def _density(texts) -> float:
    """Statements of output per character of input."""
    return sum(len(article_triples(process_text(t, path=f"a{i}.txt"))[0]) for i, t in enumerate(texts)) / sum(map(len, texts))


def test_news_articles_look_like_real_ones(tmp_path):
    texts = _texts(tmp_path, 12, 1, "news")
    assert all(1000 <= len(t) <= 3600 for t in texts)
    assert all("一、" in t and "一是" in t and "下一步" in t for t in texts)
    assert len(set(texts)) == len(texts)
    assert 0.4 <= _density(texts) <= 0.8
    assert _density(_texts(tmp_path / "d", 12, 1, "dense")) > 1.2  # the stress style is far denser


def test_news_density_near_the_development_set(tmp_path, shared):
    seeds = shared / "corpus" / "seeds"
    real = _density([f.read_text(encoding="utf-8") for f in sorted(seeds.iterdir()) if f.is_file()])
    assert abs(_density(_texts(tmp_path, 12, 1, "news")) - real) < 0.25


def test_command_benchmark_runs_every_command_on_a_build(tmp_path):
    """bench_commands.py times each command against pyoxigraph's load of the same file."""
    import subprocess

    from kg.build import build_outputs

    build_outputs([Path(__file__).resolve().parent.parent / "examples"], tmp_path / "b", html=False)
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_commands.py"
    res = subprocess.run([sys.executable, str(script), "--graph-dir", str(tmp_path / "b"), "--rounds", "1"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    lines = [line for line in res.stdout.splitlines() if line.startswith("kg ")]
    assert len(lines) == 7 and all("x the load of graph." in line for line in lines)
