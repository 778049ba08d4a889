"""notebooks/quickstart.ipynb runs end to end in a real kernel (nbclient),
and is kept in git with its outputs cleared."""
import json
from pathlib import Path

import pytest

NB = Path(__file__).resolve().parent.parent / "notebooks" / "quickstart.ipynb"


def test_outputs_are_cleared_in_git():
    nb = json.loads(NB.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_quickstart_runs_end_to_end():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NB, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NB.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o for o in outputs if o.output_type == "execute_result" and "text/html" in o.get("data", {})]
    assert any("iframe" in o["data"]["text/html"] for o in html)
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "components" in text and "brands" in text
