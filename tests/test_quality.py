"""Extraction quality, scored with ../shared/tools/score.py's own functions."""
DEV_BAR = {"entities_typed": 0.80, "relations": 0.60, "measurements": 0.85}  # issue 2
EXAMPLE_BAR = {"entities_typed": 0.80, "relations": 0.60, "measurements": 0.85}


def test_development_set(shared, score):
    scores = score(shared / "gold", shared / "corpus" / "seeds")
    for cat, bar in DEV_BAR.items():
        assert scores[cat]["f1"] >= bar, (cat, scores[cat])


def test_own_annotated_examples(data_dir, examples, score):
    """The bundled examples, annotated in the SCHEMA format (tests/data/gold)."""
    scores = score(data_dir / "gold", examples)
    for cat, bar in EXAMPLE_BAR.items():
        assert scores[cat]["f1"] >= bar, (cat, scores[cat])


PASSAGE_BAR = {"entities_typed": 0.85, "relations": 0.70, "measurements": 0.90}


def test_annotated_passages_through_kg_eval(data_dir):
    """32 short passages across sectors (tests/data/passages), scored by `kg eval`."""
    import json

    from click.testing import CliRunner

    from kg.cli import main

    passages = str(data_dir / "passages")
    res = CliRunner().invoke(main, ["eval", passages, passages, "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)["summary"]
    for cat, bar in PASSAGE_BAR.items():
        assert summary[cat]["f1"] >= bar, (cat, summary[cat])
