"""Align the facts of the two paths for one article, side by side.

Order of preference: same keys and value (agree), same keys and another value
(conflict on the value), the same written number read with other keys (conflict
on the labels, aligned by evidence), and what is left is found by one path only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractor.crosscheck.keys import differing_keys, same_keys
from extractor.crosscheck.stated import locate, stated_amount
from extractor.crosscheck.types import AlignedBy, AlignedPair, Side, Verdict
from extractor.evaluate.match import values_agree
from extractor.types import Fact

PairTest = Callable[[Side, Side], bool]


def make_sides(facts: Sequence[Fact], prefix: str, text: str) -> list[Side]:
    """Each fact with its reference, located span and whether its value is written there."""
    sides = []
    for index, fact in enumerate(facts):
        span = locate(fact, text)
        amount = stated_amount(fact, text, span)
        sides.append(
            Side(
                ref=f"{prefix}{index}",
                fact=fact,
                span=span,
                stated=amount is not None,
                number=None if amount is None else (amount.start, amount.end),
            )
        )
    return sides


def drop_repeats(sides: list[Side]) -> tuple[list[Side], list[str]]:
    """A path that states the same fact twice counts it once."""
    kept: list[Side] = []
    notes: list[str] = []
    for side in sides:
        first = next((k for k in kept if _same_fact(k, side)), None)
        if first is None:
            kept.append(side)
        else:
            notes.append(f"{side.ref} repeats {first.ref}; counted once")
    return kept, notes


def _same_fact(a: Side, b: Side) -> bool:
    return same_keys(a.fact, b.fact) and values_agree(a.fact.value, b.fact.value, a.fact.metric)


def _same_number(a: Side, b: Side) -> bool:
    """Both facts rest on one written number: the same offsets in the text."""
    return a.number is not None and a.number == b.number


# (verdict, aligned_by, test): tried in this order, each pairing what the previous left.
STAGES: tuple[tuple[Verdict, AlignedBy, PairTest], ...] = (
    (Verdict.AGREE, AlignedBy.KEYS, _same_fact),
    (Verdict.CONFLICT, AlignedBy.KEYS, lambda r, m: same_keys(r.fact, m.fact)),
    (Verdict.CONFLICT, AlignedBy.EVIDENCE, _same_number),
)


def align(rules: list[Side], llm: list[Side]) -> list[AlignedPair]:
    """Pairs in reading order of the text (facts without a span last)."""
    pairs: list[AlignedPair] = []
    free_rules, free_llm = list(rules), list(llm)
    for verdict, aligned_by, test in STAGES:
        candidates = sorted(
            ((r, m) for r in free_rules for m in free_llm if test(r, m)),
            key=lambda rm: _distance(*rm),
        )
        for r, m in candidates:
            if r in free_rules and m in free_llm:
                free_rules.remove(r)
                free_llm.remove(m)
                differing = differing_keys(r.fact, m.fact)
                if verdict is Verdict.CONFLICT and aligned_by is AlignedBy.KEYS:
                    differing = ["value"]
                pairs.append(
                    AlignedPair(
                        id="",
                        verdict=verdict,
                        aligned_by=aligned_by,
                        differing=differing,
                        rules=r,
                        llm=m,
                    )
                )
    pairs += [
        AlignedPair(id="", verdict=Verdict.RULES_ONLY, aligned_by=AlignedBy.NONE, rules=r)
        for r in free_rules
    ]
    pairs += [
        AlignedPair(id="", verdict=Verdict.LLM_ONLY, aligned_by=AlignedBy.NONE, llm=m)
        for m in free_llm
    ]
    pairs.sort(key=_reading_order)
    return [pair.model_copy(update={"id": f"p{n}"}) for n, pair in enumerate(pairs, start=1)]


def _distance(r: Side, m: Side) -> tuple[float, int, int]:
    gap = abs(r.fact.value - m.fact.value) / max(abs(r.fact.value), 1e-9)
    return (gap, _index(r.ref), _index(m.ref))


def _index(ref: str) -> int:
    return int(ref[1:])


def _reading_order(pair: AlignedPair) -> tuple[int, int, str]:
    spans = [side.span for side in pair.sides() if side.span is not None]
    start = min(span[0] for span in spans) if spans else 1 << 30
    first = pair.sides()[0]
    return (start, _index(first.ref), first.ref)
