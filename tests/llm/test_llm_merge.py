"""Facts found in several passages are reported once, the best-grounded copy kept."""

from __future__ import annotations

from extractor.llm.merge import merge_facts
from extractor.types import Fact, Grounding, Period

P = Period(year=2025, start_month=1, end_month=1)


def f(value: float, grounding: Grounding, **keys) -> Fact:
    return Fact(flow="export", metric="value", period=P, value=value, grounding=grounding, **keys)


def test_duplicates_across_chunks_collapse_to_one():
    merged = merge_facts([f(33.19e9, Grounding.GROUNDED), f(33.19e9, Grounding.GROUNDED)])
    assert len(merged) == 1


def test_the_grounded_copy_wins_and_order_is_kept():
    a = f(1e9, Grounding.QUOTE_NOT_FOUND)
    b = f(2e9, Grounding.GROUNDED)
    c = f(1e9, Grounding.GROUNDED)
    merged = merge_facts([a, b, c])
    assert [m.value for m in merged] == [1e9, 2e9]
    assert merged[0].grounding is Grounding.GROUNDED


def test_different_keys_or_values_are_kept_apart():
    merged = merge_facts(
        [
            f(1e9, Grounding.GROUNDED),
            f(1e9, Grounding.GROUNDED, partner="US"),
            f(1.1e9, Grounding.GROUNDED),
        ]
    )
    assert len(merged) == 3
