"""Overlapping evidence spans are cut into segments so that every fact stays visible."""

from __future__ import annotations

from itertools import pairwise

from extractor.report.spans import Labelled, Segment, segments


def test_no_spans_is_one_plain_segment() -> None:
    assert segments(10, []) == [Segment(0, 10, ())]


def test_disjoint_spans() -> None:
    got = segments(10, [Labelled(2, 4, "p1"), Labelled(6, 8, "p2")])
    assert [(s.start, s.end, s.labels) for s in got] == [
        (0, 2, ()),
        (2, 4, ("p1",)),
        (4, 6, ()),
        (6, 8, ("p2",)),
        (8, 10, ()),
    ]


def test_nested_spans_list_the_innermost_first() -> None:
    # "tổng kim ngạch ... đạt 432,03 tỷ USD" holding "432,03 tỷ USD"
    got = segments(10, [Labelled(0, 10, "outer"), Labelled(3, 5, "inner")])
    assert [s.labels for s in got] == [("outer",), ("inner", "outer"), ("outer",)]


def test_crossing_spans() -> None:
    got = segments(8, [Labelled(0, 5, "a"), Labelled(3, 8, "b")])
    assert [(s.start, s.end, s.labels) for s in got] == [
        (0, 3, ("a",)),
        (3, 5, ("a", "b")),
        (5, 8, ("b",)),
    ]


def test_the_same_span_twice_is_one_label_and_spans_are_clipped_to_the_text() -> None:
    got = segments(5, [Labelled(1, 3, "p1"), Labelled(1, 3, "p1"), Labelled(4, 99, "p2")])
    assert [s.labels for s in got] == [(), ("p1",), (), ("p2",)]
    assert got[-1].end == 5


def test_segments_cover_the_text_exactly() -> None:
    got = segments(20, [Labelled(3, 9, "a"), Labelled(5, 15, "b"), Labelled(7, 8, "c")])
    assert got[0].start == 0 and got[-1].end == 20
    assert all(x.end == y.start for x, y in pairwise(got))
