"""Each stage takes a Doc and returns it, filling only its own part."""
import pytest

from kg.doc import Doc
from kg.pipeline import STAGES, process_text

TEXT = "湖州市吴兴区税务局党委以“吴税先锋”党建品牌为引领,获评全省示范点,服务纳税人1.5万人次。"
FILLS = {"clean": "text", "sentences": "sentences", "tokens": "tokens", "mentions": "mentions",
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
