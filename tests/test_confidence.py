from kg import process_text
from kg.lexicon import _confidences


def test_rule_confidences_are_probabilities():
    table = _confidences()
    assert table and all(0 < v <= 1 for v in table.values())


def test_every_fact_carries_a_confidence():
    doc = process_text("衢州市柯城区税务局党委以“衢税先锋”党建品牌为引领,全年减税2.3亿元,获评全省先进基层党组织。")
    facts = list(doc.entities.values()) + doc.relations + doc.measurements
    assert facts and all(0 < f.confidence <= 1 for f in facts)
    assert all(r.rule for r in doc.relations) and all(m.rule for m in doc.measurements)


def test_build_summary_counts_what_was_written(tmp_path):
    """--min-confidence leaves weak relations out of the files, and out of the summary's counts."""
    from pathlib import Path

    from click.testing import CliRunner

    from kg.cli import main

    examples = Path(__file__).resolve().parent.parent / "examples"
    counts = {}
    for threshold in ("0", "0.9"):
        out = tmp_path / threshold
        res = CliRunner().invoke(main, ["build", str(examples), "-o", str(out), "--no-html",
                                        "--min-confidence", threshold])
        assert res.exit_code == 0, res.output
        line = next(x for x in res.output.splitlines() if x.startswith("relations:"))
        said = int(line.split()[1])
        written = sum(1 for x in (out / "graph.nt").read_text(encoding="utf-8").splitlines()
                      if x.endswith("<https://w3id.org/dangjian-kg/ontology#Evidence> ."))
        assert said == written
        counts[threshold] = said
    assert counts["0.9"] < counts["0"]
