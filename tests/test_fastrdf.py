"""kg.fastrdf writes an article's provenance nodes from their shapes' templates,
byte for byte as it writes the same statements one by one (which the store's
rebuild from stored triples does)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.fastrdf import article_text
from kg.iri import DEFAULT_BASE, article_iri
from kg.pipeline import process_file, process_text
from kg.rdf import MENTION, article_parts

from .conftest import DATA, ROOT

CORPUS = sorted((ROOT / "examples").glob("*.txt")) + sorted((DATA / "passages").glob("*.txt"))[:40]


def both_ways(doc):
    triples, nodes, entities = article_parts(doc)
    art = str(article_iri(doc.sha256, DEFAULT_BASE))
    fast = article_text(triples, art, entities, nodes)
    flat = list(triples)
    for shape, s, values in nodes:
        flat += shape.triples(s, values)
    return fast.__getstate__(), article_text(flat, art, entities).__getstate__()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_templates_write_what_the_statements_would(path):
    fast, slow = both_ways(process_file(path))
    assert fast == slow


@settings(max_examples=40)
@given(st.text(alphabet=st.sampled_from('党委支部局中心“”"\\\n\r{}品牌获评打造市县0123亿元%。,、'), max_size=120))
def test_templates_write_what_the_statements_would_for_any_text(text):
    if text.strip():
        fast, slow = both_ways(process_text(text, path="t.txt"))
        assert fast == slow


def test_a_subject_two_nodes_share_is_written_statement_by_statement():
    doc = process_text("某市税务局党委打造“红色税苑”品牌。", path="t.txt")
    triples, nodes, entities = article_parts(doc)
    shape, s, values = next(n for n in nodes if n[0] is MENTION)
    twin = (shape, s, values[:-2] + ("other-rule", "0.5"))  # one node IRI, another rule: two kg:rule values
    entity = next(iter(entities))
    clash = (shape, entity, values)  # a node whose IRI is an entity's
    art = str(article_iri(doc.sha256, DEFAULT_BASE))
    for extra in ([twin], [clash], [twin, clash]):
        fast = article_text(triples, art, entities, nodes + extra).__getstate__()
        flat = list(triples)
        for sh, subj, vals in nodes + extra:
            flat += sh.triples(subj, vals)
        assert fast == article_text(flat, art, entities).__getstate__()
    rules = article_text(triples, art, entities, nodes + [twin]).nt.decode().count(f"<{s}> <{shape.fields[-2][0]}>")
    assert rules == 2


def test_entity_blocks_are_the_sections_rows_subject_by_subject():
    from kg.fastrdf import entity_blocks
    from kg.rdf import entity_triples, merge_summaries
    from kg.triples import merge_rows, sort_unique

    summaries, relations = [], set()
    for path in CORPUS[:12]:
        triples, nodes, entities = article_parts(process_file(path))
        summaries.append(entities)
        relations.update(t for t in triples if t[0] in entities and t[2].__class__ is str and t[2] in entities)
    merged = merge_summaries(summaries)
    names = sort_unique(entity_triples(merged))
    blocks = list(entity_blocks(merged, relations))
    assert [r for flat, _ in blocks for r in flat] == merge_rows(names, sort_unique(relations))
    assert [r for _, own in blocks for r in own] == names
    assert len({flat[0][1] for flat, _ in blocks}) == len(blocks)  # one block per subject
