"""Overlapping evidence spans are cut so that each stretch shows one fact, numbers marked."""

from __future__ import annotations

from itertools import pairwise

from extractor.report.spans import Anchored, Piece, claims


def owners(pieces: list[Piece]) -> list[tuple[int, int, str | None, bool]]:
    return [(p.start, p.end, p.owner, p.number) for p in pieces]


def test_a_shared_lead_in_goes_to_the_first_number_and_each_number_to_its_fact() -> None:
    # "xuất khẩu đạt [10 tỷ USD], tăng [5%]": both spans start at 0
    got = claims(
        30,
        [Anchored(0, 20, "value", (10, 20)), Anchored(0, 28, "change", (24, 28))],
    )
    assert owners(got) == [
        (0, 10, "value", False),
        (10, 20, "value", True),
        (20, 24, "change", False),
        (24, 28, "change", True),
        (28, 30, None, False),
    ]


def test_words_after_the_last_number_go_to_the_fact_they_follow() -> None:
    # "[5%] so với cùng kỳ": the span runs past its number
    got = claims(20, [Anchored(0, 20, "p1", (2, 4))])
    assert owners(got) == [(0, 2, "p1", False), (2, 4, "p1", True), (4, 20, "p1", False)]


def test_a_clause_holding_another_fact_cedes_that_fact_its_number() -> None:
    outer = Anchored(0, 30, "outer", (25, 30))
    inner = Anchored(10, 20, "inner", (15, 20))
    got = claims(30, [outer, inner])
    assert [(p.owner, p.number) for p in got if p.start <= 15 < p.end] == [("inner", True)]
    assert {p.owner for p in got} == {"outer", "inner"}
    assert all(not (p.start < q.end and q.start < p.end) for p, q in pairwise(got))


def test_two_facts_on_one_number_share_it_and_a_span_without_number_counts_its_end() -> None:
    got = claims(10, [Anchored(0, 10, "a", (5, 10)), Anchored(2, 10, "b", (5, 10))])
    at_number = next(p for p in got if p.start == 5)
    assert at_number.number and {at_number.owner, *at_number.shared} == {"a", "b"}
    plain = claims(10, [Anchored(3, 6, "x")])
    assert owners(plain) == [(0, 3, None, False), (3, 6, "x", False), (6, 10, None, False)]


def test_pieces_cover_the_text_exactly_and_spans_outside_it_are_clipped() -> None:
    got = claims(20, [Anchored(3, 9, "a", (7, 9)), Anchored(5, 99, "b", (12, 15))])
    assert got[0].start == 0 and got[-1].end == 20
    assert all(p.end == q.start for p, q in pairwise(got))
    assert [p.owner for p in claims(5, [Anchored(7, 9, "x")])] == [None]
