"""Each stage takes a Doc and returns it, filling only its own part."""
import pytest

from kg.doc import Doc
from kg.pipeline import STAGES, process_text

TEXT = "湖州市吴兴区税务局党委以“吴税先锋”党建品牌为引领,获评全省示范点,服务纳税人1.5万人次。"
FILLS = {"clean": "text", "sentences": "sentences", "tokens": "tokens", "names": "words", "mentions": "mentions",
         "resolve": "entities", "relations": "relations", "measures": "measurements"}


@pytest.mark.parametrize("index", range(len(STAGES)))
def test_stage_is_doc_in_doc_out(index):
    name, stage = STAGES[index]
    before = process_text(TEXT, until=STAGES[index - 1][0]) if index else Doc(path="x", source=TEXT, text="", offsets=[])
    assert not getattr(before, FILLS[name])
    after = stage(before)
    assert isinstance(after, Doc)
    assert getattr(after, FILLS[name])


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="stages are"):
        process_text(TEXT, until="nope")


def test_no_stage_imports_another():
    """Stages talk through the Doc: shared language knowledge lives in the
    core (lexicon, resources), shared structure on the Doc."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "kg"
    stages = {"clean", "segment", "names", "mentions", "resolve", "relations", "measures"}
    for name in sorted(stages):
        files = sorted((root / name).glob("*.py")) if (root / name).is_dir() else [root / f"{name}.py"]
        for f in files:
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level:
                    parts = (node.module or "").split(".")
                    inside = f.parent.name == name  # a module of a stage package: .x is its sibling
                    top = parts[0] if node.level == (2 if inside else 1) else ""
                    names = [a.name for a in node.names] if not node.module else []
                    for other in [top, *names]:
                        assert other not in stages - {name}, f"{f.name} imports stage {other}"
