"""Merge facts from the passages of one article: one fact per (keys, value)."""

from __future__ import annotations

from extractor.numbers import same_value
from extractor.types import Fact, Grounding

_RANK = {Grounding.GROUNDED: 0, Grounding.VALUE_NOT_IN_TEXT: 1, Grounding.QUOTE_NOT_FOUND: 2}


def _rank(fact: Fact) -> int:
    """Better grounded first; a fact never grounded last."""
    return _RANK.get(fact.grounding, 3) if fact.grounding is not None else 3


def _same(a: Fact, b: Fact) -> bool:
    return a.keys() == b.keys() and same_value(a.value, b.value)


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """Keep the first of each duplicate, preferring the better-grounded one; order kept."""
    kept: list[Fact] = []
    for fact in facts:
        for i, other in enumerate(kept):
            if _same(fact, other):
                if _rank(fact) < _rank(other):
                    kept[i] = fact
                break
        else:
            kept.append(fact)
    return kept
