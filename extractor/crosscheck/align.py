"""Align the facts of the two paths for one article, side by side.

Order of preference: the same written number (the anchor: the amount
``find_amounts`` reads inside each fact's evidence), agreeing when the keys and value
agree and else a conflict naming the keys that differ; then, for facts the text
cannot tie, same keys and value (agree) and same keys with another value (conflict
on the value). What is left is found by one path only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractor.crosscheck.keys import differing_keys, same_keys
from extractor.crosscheck.stated import locate, same_anchor, stated_amount
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
    """Both facts rest on one written number: its offsets in the text overlap."""
    return same_anchor(a.number, b.number)


def _by_anchor(r: Side, m: Side) -> tuple[Verdict, list[str]]:
    """One written number read by both paths: agree, or a conflict naming what differs."""
    differing = differing_keys(r.fact, m.fact)
    if not values_agree(r.fact.value, m.fact.value, r.fact.metric):
        differing.append("value")  # a sign read otherwise
    return (Verdict.CONFLICT if differing else Verdict.AGREE), differing


def _by_keys(r: Side, m: Side) -> tuple[Verdict, list[str]]:
    """Two numbers with the same keys: agree on a restated value, else the value conflicts."""
    if values_agree(r.fact.value, m.fact.value, r.fact.metric):
        return Verdict.AGREE, []
    return Verdict.CONFLICT, ["value"]


# (aligned_by, test, judge): tried in this order, each pairing what the previous left.
# The anchor comes first: facts on one written number belong together whatever their
# keys, so keys and values only pair facts whose numbers the text cannot tie.
STAGES: tuple[
    tuple[AlignedBy, PairTest, Callable[[Side, Side], tuple[Verdict, list[str]]]], ...
] = (
    (AlignedBy.ANCHOR, _same_number, _by_anchor),
    (AlignedBy.KEYS, _same_fact, _by_keys),
    (AlignedBy.KEYS, lambda r, m: same_keys(r.fact, m.fact), _by_keys),
)


def align(rules: list[Side], llm: list[Side]) -> list[AlignedPair]:
    """Pairs in reading order of the text (facts without a span last)."""
    pairs: list[AlignedPair] = []
    free_rules, free_llm = list(rules), list(llm)
    for aligned_by, test, judge in STAGES:
        candidates = sorted(
            ((r, m) for r in free_rules for m in free_llm if test(r, m)),
            key=lambda rm: (len(differing_keys(rm[0].fact, rm[1].fact)), *_distance(*rm)),
        )
        for r, m in candidates:
            if r in free_rules and m in free_llm:
                free_rules.remove(r)
                free_llm.remove(m)
                verdict, differing = judge(r, m)
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
