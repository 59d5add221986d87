"""Confidence: a base for how the paths relate, moved by named signals."""

from __future__ import annotations

from extractor.crosscheck.assess import BASE, is_grounded, score
from extractor.crosscheck.types import AlignedBy, AlignedPair, Side, Verdict
from extractor.types import Fact, Grounding, Source

H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def side(ref: str, grounding: Grounding | None = None, **state: object) -> Side:
    fact = Fact(flow="export", metric="value", value=219.83e9, period=H1, grounding=grounding)
    return Side(ref=ref, fact=fact, **state)


def test_agreement_is_worth_more_than_a_weak_model_alone() -> None:
    assert BASE[(Verdict.AGREE, Source.LLM)] > BASE[(Verdict.RULES_ONLY, Source.RULES)]
    assert BASE[(Verdict.RULES_ONLY, Source.RULES)] > BASE[(Verdict.LLM_ONLY, Source.LLM)]


def test_an_llm_fact_is_grounded_only_if_written_and_not_flagged() -> None:
    assert is_grounded(side("L0", Grounding.GROUNDED, stated=True), Source.LLM)
    assert not is_grounded(side("L0", Grounding.QUOTE_NOT_FOUND, stated=True), Source.LLM)
    assert not is_grounded(side("L0", Grounding.GROUNDED, stated=False), Source.LLM)


def test_signals_move_the_confidence_and_are_given_as_reasons() -> None:
    good = side("R0", grounded=True, checks_passed=["c1"])
    pair = AlignedPair(id="p1", verdict=Verdict.RULES_ONLY, aligned_by=AlignedBy.NONE, rules=good)
    score(pair)
    assert pair.rules is not None and pair.rules.confidence == 0.8
    assert pair.rules.reasons == [
        "rules_only",
        "value written at its evidence span",
        "a consistency check holds",
    ]


def test_a_blamed_ungrounded_fact_falls_to_zero() -> None:
    bad = side("L0", grounded=False, checks_failed=["c1"], blamed=True)
    pair = AlignedPair(id="p1", verdict=Verdict.LLM_ONLY, aligned_by=AlignedBy.NONE, llm=bad)
    score(pair)
    assert pair.llm is not None and pair.llm.confidence == 0.0
