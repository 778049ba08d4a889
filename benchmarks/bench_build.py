"""kg build throughput against bare jieba.lcut, with and without the name
finder's model, peak memory, and scaling to 2 processes.

usage: python benchmarks/bench_build.py [--articles N] [--seed S] [--rounds R] [--style news|dense]
       python benchmarks/bench_build.py --corpus DIR [--rounds R]

Generates a corpus (benchmarks/gen_corpus.py), or takes any folder of
articles (--corpus: .txt, .md, .html, .docx), then in one run measures:
bare ``jieba.lcut`` over the texts (the baseline: pure-Python jieba, its
dictionary loaded beforehand), the whole ``kg build`` (read, extract,
resolve, RDF, Turtle/JSON-LD/N-Triples/TriG files) with one process and with
two, the one-process build with its page (graph.html) too, and peak memory. Start-up (loading dictionaries, starting the worker
processes) is excluded from the build figures and reported on its own.
Timings on a shared machine vary by several per cent from run to run, so
the baseline and the builds run ``--rounds`` times, interleaved, and the
medians are reported.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate  # noqa: E402

from kg.build import build_outputs  # noqa: E402
from kg.pipeline import _warm, workers  # noqa: E402


def main():
    import jieba

    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved repetitions; medians are reported")
    ap.add_argument("--style", choices=("news", "dense"), default="news", help="kind of generated article (gen_corpus.py)")
    ap.add_argument("--corpus", type=Path, help="time this folder of articles instead of a generated corpus")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kgbench-"))
    print(f"work folder: {tmp}", flush=True)
    if a.corpus:
        from kg.load import collect, read

        corpus = a.corpus
        files, errors = collect([corpus])
        if errors:
            print(f"skipped {len(errors)} unreadable file(s): {errors[0]}")
        texts = [read(f).text for f in files]
    else:
        corpus = tmp / "corpus"
        files = generate(corpus, a.articles, a.seed, a.style)
        texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    jieba.setLogLevel(40)
    jieba.initialize()

    t = time.perf_counter()
    _warm()
    t_warm = time.perf_counter() - t
    t = time.perf_counter()
    pool = workers(2)
    t_pool = time.perf_counter() - t
    lcut, one, bare, two, page, page0 = [], [], [], [], [], []
    try:
        for _ in range(a.rounds):
            t = time.perf_counter()
            for text in texts:
                jieba.lcut(text)
            lcut.append(time.perf_counter() - t)
            t = time.perf_counter()
            build_outputs([corpus], tmp / "out1", html=False, jobs=1)
            one.append(time.perf_counter() - t)
            t = time.perf_counter()
            build_outputs([corpus], tmp / "outp", html=True, jobs=1)
            page.append(time.perf_counter() - t)
            os.environ["KG_NAMES"] = "0"
            try:
                t = time.perf_counter()
                build_outputs([corpus], tmp / "out0", html=False, jobs=1)
                bare.append(time.perf_counter() - t)
                t = time.perf_counter()
                build_outputs([corpus], tmp / "out0p", html=True, jobs=1)
                page0.append(time.perf_counter() - t)
            finally:
                del os.environ["KG_NAMES"]
            t = time.perf_counter()
            build_outputs([corpus], tmp / "out2", html=False, pool=pool)
            two.append(time.perf_counter() - t)
    finally:
        pool.shutdown()
    mem_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t_lcut, t_one, t_bare, t_two, t_page, t_page0 = (statistics.median(x) for x in (lcut, one, bare, two, page, page0))
    same = all((tmp / "out1" / n).read_bytes() == (tmp / "out2" / n).read_bytes()
               for n in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"))
    size = sum((tmp / "out1" / n).stat().st_size for n in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"))

    print(f"corpus: {len(files)} articles, {chars:,} characters ({sum(f.stat().st_size for f in files) / 1e6:.1f} MB)")
    print(f"jieba.lcut (baseline)  {chars / t_lcut / 1e3:8.1f} k chars/s  ({t_lcut:.2f} s)")
    print(f"kg build, 1 process    {chars / t_one / 1e3:8.1f} k chars/s  ({t_one:.2f} s)  ratio to lcut {t_lcut / t_one:.3f}x")
    print(f"  without the model    {chars / t_bare / 1e3:8.1f} k chars/s  ({t_bare:.2f} s)  ratio to lcut {t_lcut / t_bare:.3f}x")
    print(f"  with the page        {chars / t_page / 1e3:8.1f} k chars/s  ({t_page:.2f} s)  ratio to lcut {t_lcut / t_page:.3f}x")
    print(f"  with the page, without the model {chars / t_page0 / 1e3:8.1f} k chars/s  ({t_page0:.2f} s)  ratio to lcut {t_lcut / t_page0:.3f}x")
    print(f"kg build, 2 processes  {chars / t_two / 1e3:8.1f} k chars/s  ({t_two:.2f} s)  speed-up {t_one / t_two:.2f}x")
    print(f"speed-up round by round: {', '.join(f'{x / y:.2f}' for x, y in zip(one, two))} (medians of {a.rounds} rounds above)")
    print(f"start-up: dictionaries {t_warm:.2f} s, two warm workers {t_pool:.2f} s (not in the figures above)")
    print(f"output: {size / 1e6:.1f} MB in four formats")
    print(f"same graph with 1 and 2 processes: {same}")
    print(f"peak memory of this benchmark process: {mem_one:.0f} MB (jieba's baseline dictionary included)")
    # bounded memory: peak RSS of a fresh `kg build` process on the corpus and on one four times larger
    sizes = [("corpus", corpus, len(files))]
    if not a.corpus:
        big = generate(tmp / "corpus4", a.articles * 4, a.seed + 1, a.style)
        sizes.append(("4x corpus", tmp / "corpus4", len(big)))
    for label, folder, n in sizes:
        for html in (False, True):
            for model in ("1", "0"):
                rss = _peak_rss(folder, tmp / "outm", html, model)
                print(f"peak memory, kg build -j 1{'' if html else ' --no-html'}{'' if model == '1' else ' without the model'}"
                      f" on the {label} ({n} articles): {rss:.0f} MB")


def _peak_rss(corpus, out, html=False, model="1") -> float:
    """Peak resident memory (MB) of a separate process building ``corpus``."""
    import subprocess

    # VmHWM is the peak of the child's own memory. ru_maxrss is not: Linux
    # carries the parent's resident size into it across fork and exec.
    # the build as `kg build` runs it (which lets the models go before the page)
    code = ("import resource, sys; from kg.cli import main\n"
            "try: main(['build', sys.argv[1], '-o', sys.argv[2], '-j', '1', '-q'] + ([] if sys.argv[3] == '1' else ['--no-html']))\n"
            "except SystemExit as e: assert not e.code, e.code\n"
            "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')]; "
            "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    env = dict(os.environ, KG_NAMES=model)
    res = subprocess.run([sys.executable, "-c", code, str(corpus), str(out), "1" if html else "0"], capture_output=True,
                         text=True, check=True, env=env)
    return int(res.stdout.split()[-1]) / 1024


if __name__ == "__main__":
    main()
