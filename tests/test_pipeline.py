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


def test_release_lets_the_models_go_and_they_come_back():
    """After ``release`` the tokenizer and name model are loaded again when
    next needed, and read the same."""
    from kg import names, segment
    from kg.pipeline import release

    before = process_text(TEXT)
    segment.tokenizer()
    release()
    assert segment.tokenizer.cache_info().currsize == 0
    assert names.model.cache_info().currsize == 0
    after = process_text(TEXT)
    assert [(e.type, e.label) for e in after.entities.values()] == [(e.type, e.label) for e in before.entities.values()]
    assert after.tokens == before.tokens and after.words == before.words


def test_a_build_imports_neither_rdflib_nor_networkx(examples, tmp_path):
    """The build writes strings (kg.fastrdf): rdflib, networkx, scipy and jieba's
    own module would only cost memory (~50 MB) while it extracts. Its page
    needs networkx, not rdflib."""
    import subprocess
    import sys

    code = ("import sys; from kg.build import build_outputs; "
            "build_outputs([sys.argv[1]], sys.argv[2], html=sys.argv[3] == '1', jobs=1); "
            "print(' '.join(m for m in ('rdflib', 'networkx', 'scipy', 'jieba') if m in sys.modules))")
    run = [sys.executable, "-c", code, str(examples), str(tmp_path / "out")]
    assert subprocess.run(run + ["0"], capture_output=True, text=True, check=True).stdout.split() == []
    assert "rdflib" not in subprocess.run(run + ["1"], capture_output=True, text=True, check=True).stdout.split()


def test_a_build_collects_garbage_less_often_and_puts_the_thresholds_back(examples):
    """Extraction makes millions of small objects that reference counting frees;
    during a build the youngest generation is collected every ``GC_YOUNG``
    allocations, and afterwards (also after a failure) as before."""
    import gc

    from kg.pipeline import GC_YOUNG, build

    before = gc.get_threshold()
    seen = []
    build([examples], jobs=1, sink=lambda x: seen.append(gc.get_threshold()[0]))
    assert seen and set(seen) == {max(before[0], GC_YOUNG)}
    assert gc.get_threshold() == before

    def fail(x):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        build([examples], jobs=1, sink=fail)
    assert gc.get_threshold() == before
