"""kg.doc: source offsets kept as runs map like one number per character."""
from hypothesis import given
from hypothesis import strategies as st

from kg.doc import Doc, Offsets

runs = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 12)), max_size=12)


@given(runs, st.integers(-3, 120), st.integers(-3, 120))
def test_runs_map_as_a_list_of_offsets_does(pieces, start, end):
    offsets, flat, at = Offsets(), [], 0
    for gap, length in pieces:  # runs in source order, with gaps between them
        at += gap
        offsets.add(at, length)
        flat += range(at, at + length)
        at += length
    assert list(offsets) == flat and len(offsets) == len(flat)
    assert [offsets[i] for i in range(len(flat))] == flat
    source = "x" * (at + 5)
    if start >= 0:
        assert Doc("a", source, "", offsets).source_span(start, end) == Doc("a", source, "", flat).source_span(start, end)


def test_the_word_index_follows_the_words_it_was_made_from():
    """``words_tagged`` is indexed once per list of words; a new list is indexed anew."""
    from kg.doc import Doc

    d = Doc(path="x", source="", text="张三在北京", offsets=[], words=[(0, 2, "PER"), (2, 3, "p"), (3, 5, "LOC")])
    assert d.words_tagged("PER") == [(0, 0, 2)] and d.words_tagged("PER") is d.words_tagged("PER")
    d.words = [(0, 2, "nr"), (2, 5, "ORG")]
    assert d.words_tagged("PER") == [] and d.words_tagged("ORG") == [(1, 2, 5)] and d.word_starts() == [0, 2]
