"""Alignment: the two paths' facts side by side, with one verdict per pair.

Facts are read from the real article samples/003 (first half of 2025), each with
evidence offsets into that text, as the paths give them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.crosscheck.align import align, drop_repeats, make_sides
from extractor.crosscheck.stated import find_quote
from extractor.crosscheck.types import AlignedBy, AlignedPair, Verdict
from extractor.types import Evidence, Fact, Grounding, Source

TEXT = (Path(__file__).resolve().parents[1] / "samples" / "003_8daf333cb5e73b3d.txt").read_text(
    encoding="utf-8"
)
H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def at(quote: str, source: Source = Source.RULES, **keys: Any) -> Fact:
    """A fact whose evidence is ``quote`` where it stands in the article."""
    span = find_quote(quote, TEXT)
    assert span is not None, quote
    start, end = span
    keys.setdefault("period", H1)
    grounding = Grounding.GROUNDED if source is Source.LLM else None
    return Fact(
        quote=quote,
        evidence=Evidence(quote=TEXT[start:end], start=start, end=end),
        source=source,
        grounding=grounding,
        **keys,
    )


EXPORT_Q = "kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
IMPORT_Q = "kim ngạch nhập khẩu hàng hóa đạt 212,2 tỷ USD"


def pairs_of(rules: list[Fact], llm: list[Fact]) -> list[AlignedPair]:
    return align(make_sides(rules, "R", TEXT), make_sides(llm, "L", TEXT))


def test_same_keys_and_value_within_tolerance_agree() -> None:
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    llm = at(EXPORT_Q, Source.LLM, flow="export", metric="value", value=219.8e9)
    [pair] = pairs_of([rule], [llm])
    assert (pair.verdict, pair.aligned_by) == (Verdict.AGREE, AlignedBy.KEYS)
    assert pair.rules is not None and pair.llm is not None


def test_items_are_compared_as_the_eval_spec_does() -> None:
    quote = "nhóm hàng nông sản, lâm sản đạt 19,12 tỷ USD"
    keys = {"flow": "export", "metric": "value", "value": 19.12e9}
    rule = at(quote, item="nhóm hàng nông sản, lâm sản", **keys)
    llm = at(quote, Source.LLM, item="nông sản, lâm sản", **keys)
    [pair] = pairs_of([rule], [llm])
    assert pair.verdict is Verdict.AGREE


def test_same_keys_other_value_is_a_conflict_showing_both_values() -> None:
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    llm = at(IMPORT_Q, Source.LLM, flow="export", metric="value", value=212.2e9)
    [pair] = pairs_of([rule], [llm])
    assert (pair.verdict, pair.aligned_by, pair.differing) == (
        Verdict.CONFLICT,
        AlignedBy.KEYS,
        ["value"],
    )
    assert (pair.rules.fact.value, pair.llm.fact.value) == (219.83e9, 212.2e9)


def test_one_number_labelled_differently_is_shown_side_by_side() -> None:
    # the LLM reads the half-year figure as June's: same written number, other period
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    june = {"year": 2025, "start_month": 6, "end_month": 6}
    llm = at(EXPORT_Q, Source.LLM, flow="export", metric="value", value=219.83e9, period=june)
    [pair] = pairs_of([rule], [llm])
    assert (pair.verdict, pair.aligned_by, pair.differing) == (
        Verdict.CONFLICT,
        AlignedBy.EVIDENCE,
        ["period"],
    )


def test_facts_found_by_one_path_only() -> None:
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    llm = at(IMPORT_Q, Source.LLM, flow="import", metric="value", value=212.2e9)
    pairs = pairs_of([rule], [llm])
    assert [(p.verdict, p.aligned_by) for p in pairs] == [
        (Verdict.RULES_ONLY, AlignedBy.NONE),
        (Verdict.LLM_ONLY, AlignedBy.NONE),
    ]
    assert pairs[0].llm is None and pairs[1].rules is None


def test_pairs_come_in_reading_order_with_stable_ids() -> None:
    rule = at(IMPORT_Q, flow="import", metric="value", value=212.2e9)
    llm = at(EXPORT_Q, Source.LLM, flow="export", metric="value", value=219.83e9)
    pairs = pairs_of([rule], [llm])
    assert [(p.id, p.verdict) for p in pairs] == [
        ("p1", Verdict.LLM_ONLY),
        ("p2", Verdict.RULES_ONLY),
    ]


def test_a_fact_stated_twice_by_one_path_counts_once() -> None:
    fact = at(EXPORT_Q, Source.LLM, flow="export", metric="value", value=219.83e9)
    sides, notes = drop_repeats(make_sides([fact, fact], "L", TEXT))
    assert [s.ref for s in sides] == ["L0"]
    assert notes == ["L1 repeats L0; counted once"]


def test_sides_know_whether_their_value_is_written_at_the_span() -> None:
    good = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    scaled_wrong = at(EXPORT_Q, flow="export", metric="value", value=21.983e9)
    stated = [side.stated for side in make_sides([good, scaled_wrong], "R", TEXT)]
    assert stated == [True, False]
