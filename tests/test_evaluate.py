import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import evaluate, score_graph
from kg.build import graph_of_file

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def test_agrees_with_reference_scorer(shared, tmp_path):
    for t in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        g, _ = graph_of_file(t)
        g.serialize(tmp_path / f"{t.stem}.ttl", format="turtle")
    ref = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(shared / "gold"), str(tmp_path),
                          "--ontology", str(ROOT / "ontology"), "--json"], capture_output=True, text=True, check=True)
    ref = json.loads(ref.stdout)["summary"]
    ours = evaluate(shared / "gold", shared / "corpus" / "seeds", graph_of_file).totals()
    for cat in ("entities_typed", "entities_label", "relations", "measurements"):
        assert {k: ours[cat][k] for k in ("tp", "fp", "fn")} == {k: ref[cat][k] for k in ("tp", "fp", "fn")}, cat


def test_score_counts_optional_items_for_neither_side():
    from kg import process_text
    from kg.rdf import to_graph

    g = to_graph([process_text("某市税务局党委以“税心”党建品牌为引领。")])
    gold = {"entities": [
        {"id": "e1", "label": "某市税务局党委", "type": "PartyOrganization"},
        {"id": "e2", "label": "税心", "type": "Brand"},
        {"id": "e3", "label": "某市税务局", "type": "GovernmentBody", "optional": True},
        {"id": "e4", "label": "某市", "type": "Place", "optional": True}],
        "relations": [{"s": "e1", "p": "hasBrand", "o": "e2"}], "measurements": []}
    res = score_graph(gold, g)
    assert (res["entities_typed"]["tp"], res["entities_typed"]["fn"]) == (2, 0)
    assert res["relations"]["tp"] == 1


def test_cli_eval_text_json_and_verbose(tmp_path):
    (tmp_path / "a.txt").write_text("某市税务局党委以“税心”党建品牌为引领。", encoding="utf-8")
    gold = {"source": "a.txt", "entities": [{"id": "e1", "label": "某市税务局党委", "type": "PartyOrganization"},
                                             {"id": "e2", "label": "暖心", "type": "Brand"}],
            "relations": [], "measurements": []}
    (tmp_path / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(tmp_path), str(tmp_path)])
    assert res.exit_code == 0 and "entities_typed" in res.output and "overall" in res.output
    res = CliRunner().invoke(main, ["eval", str(tmp_path), str(tmp_path), "--verbose"])
    assert "missed: 暖心 (Brand)" in res.output and "spurious: 税心" in res.output
    res = CliRunner().invoke(main, ["eval", str(tmp_path), str(tmp_path), "--json"])
    data = json.loads(res.output)
    assert data["summary"]["entities_typed"]["tp"] == 1 and "a" in data["files"]


def test_cli_eval_bad_folders(tmp_path):
    res = CliRunner().invoke(main, ["eval", str(tmp_path / "nope"), str(tmp_path)])
    assert res.exit_code == 2 and "nope" in res.output
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "x.txt").write_text("某局党委。", encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(tmp_path), str(tmp_path)])
    assert res.exit_code == 2 and "x.json" in res.output
