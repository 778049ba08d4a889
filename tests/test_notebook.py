"""The notebook's code runs top to bottom against the bundled examples."""
import json
import os

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_explore_notebook_runs(monkeypatch):
    nb_path = ROOT / "notebooks" / "explore.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    monkeypatch.chdir(nb_path.parent)
    ns = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{nb_path.name}", "exec"), ns)
    assert ns["rows"] and ns["figures"] and ns["top"]
    assert (ns["OUT"] / "graph.html").exists()
    assert os.path.basename(os.getcwd()) == "notebooks"
