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
