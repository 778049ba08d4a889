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
