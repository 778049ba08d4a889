"""The commands that read a built graph, timed against pyoxigraph loading the same file.

usage: python benchmarks/bench_commands.py [--corpus DIR | --articles N] [--rounds R] [--graph-dir DIR]

Builds the corpus once (a folder of articles, or generated news as
bench_build.py makes it), or takes a build folder (--graph-dir), then in one
run and interleaved: the baseline, a bare pyoxigraph bulk load of graph.ttl
and of graph.trig, and each command as a user runs it (``kg query -g``,
``kg export``, ``kg stats``, ``kg viz --max-nodes 500``, ``kg validate``),
in this process through the CLI. Each command's median is given as a ratio
to the load of the file it reads. Start-up of the Python process is not in
the figures.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

COMMANDS = [
    ("query -g graph.ttl organisations", "ttl", ["query", "-g", "{d}/graph.ttl", "organisations", "--format", "csv"]),
    ("export graph.trig -f nq", "trig", ["export", "{d}/graph.trig", "-f", "nq", "-o", "{t}/x.nq"]),
    ("export graph.trig -f ttl", "trig", ["export", "{d}/graph.trig", "-f", "ttl", "-o", "{t}/x.ttl"]),
    ("stats graph.ttl", "ttl", ["stats", "{d}/graph.ttl"]),
    ("viz graph.ttl --max-nodes 500", "ttl", ["viz", "{d}/graph.ttl", "-o", "{t}/x.html", "--max-nodes", "500"]),
    ("validate graph.ttl", "ttl", ["validate", "{d}/graph.ttl"]),
    ("validate graph.trig", "trig", ["validate", "{d}/graph.trig"]),
]


def load(path) -> float:
    import pyoxigraph as ox

    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]))
    elapsed = time.perf_counter() - t
    del store
    return elapsed


def main():
    from click.testing import CliRunner

    from kg.cli import main as cli

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, help="a folder of articles to build (default: generated news)")
    ap.add_argument("--articles", type=int, default=600, help="generated articles when no --corpus is given")
    ap.add_argument("--graph-dir", type=Path, help="a build folder to use as it is")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved repetitions; medians are reported")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kgbench-cmd-"))
    print(f"work folder: {tmp}", flush=True)
    built = a.graph_dir
    if built is None:
        from kg.build import build_outputs

        corpus = a.corpus
        if corpus is None:
            from gen_corpus import generate

            corpus = tmp / "corpus"
            generate(corpus, a.articles, 1, "news")
        built = tmp / "build"
        build_outputs([corpus], built, html=False, jobs=2)
    runner = CliRunner()
    times = {name: [] for name, _f, _a in COMMANDS}
    loads = {"ttl": [], "trig": []}
    for _ in range(a.rounds):
        for fmt in loads:
            loads[fmt].append(load(built / f"graph.{fmt}"))
        for name, _fmt, args in COMMANDS:
            argv = [x.format(d=built, t=tmp) for x in args]
            t = time.perf_counter()
            res = runner.invoke(cli, argv)
            times[name].append(time.perf_counter() - t)
            if res.exit_code not in (0, 1):  # validate exits 1 on violations
                raise SystemExit(f"kg {' '.join(argv)} failed: {res.output[-500:]}")
    size = {fmt: (built / f"graph.{fmt}").stat().st_size / 1e6 for fmt in loads}
    base = {fmt: statistics.median(v) for fmt, v in loads.items()}
    for fmt in loads:
        print(f"pyoxigraph bulk_load graph.{fmt} ({size[fmt]:.0f} MB)  {base[fmt]:6.2f} s  (baseline)")
    for name, fmt, _args in COMMANDS:
        t = statistics.median(times[name])
        print(f"kg {name:36s} {t:6.2f} s  {t / base[fmt]:5.2f}x the load of graph.{fmt}")
    print(f"(medians of {a.rounds} interleaved rounds)")


if __name__ == "__main__":
    main()
