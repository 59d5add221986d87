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


def test_one_number_read_alike_by_both_paths_agrees_by_its_anchor() -> None:
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    llm = at(EXPORT_Q, Source.LLM, flow="export", metric="value", value=219.8e9)
    [pair] = pairs_of([rule], [llm])
    assert (pair.verdict, pair.aligned_by, pair.differing) == (
        Verdict.AGREE,
        AlignedBy.ANCHOR,
        [],
    )
    assert pair.rules is not None and pair.llm is not None


def test_same_keys_and_value_at_two_places_agree_by_keys() -> None:
    # the half-year export figure is restated in the lead and in the body
    lead = "trong đó xuất khẩu tăng 14,4%"
    body = "219,83 tỷ USD, tăng 14,4% so với cùng kỳ năm trước"
    keys = {"flow": "export", "metric": "change_pct", "basis": "yoy", "value": 14.4}
    [pair] = pairs_of([at(lead, **keys)], [at(body, Source.LLM, **keys)])
    assert (pair.verdict, pair.aligned_by) == (Verdict.AGREE, AlignedBy.KEYS)


def test_the_anchor_wins_over_keys_that_fit_another_number() -> None:
    # the LLM reads the import figure as exports: its keys fit the rule export fact, but its
    # number is the import's, so it is paired with the rule import fact and names the key
    rules = [
        at(EXPORT_Q, flow="export", metric="value", value=219.83e9),
        at(IMPORT_Q, flow="import", metric="value", value=212.2e9),
    ]
    llm = [at(IMPORT_Q, Source.LLM, flow="export", metric="value", value=212.2e9)]
    pairs = pairs_of(rules, llm)
    paired = next(p for p in pairs if p.llm is not None)
    assert paired.rules is not None and paired.rules.ref == "R1"
    assert (paired.verdict, paired.aligned_by, paired.differing) == (
        Verdict.CONFLICT,
        AlignedBy.ANCHOR,
        ["flow"],
    )


def test_a_sign_read_otherwise_on_one_number_names_the_value() -> None:
    quote = "Cán cân thương mại dịch vụ 6 tháng đầu năm 2025 nhập siêu 4,71 tỷ USD"
    rule = at(quote, flow="balance", scope="services", metric="value", value=-4.71e9)
    llm = at(quote, Source.LLM, flow="balance", scope="services", metric="value", value=4.71e9)
    [pair] = pairs_of([rule], [llm])
    assert (pair.verdict, pair.differing) == (Verdict.CONFLICT, ["value"])


def test_every_conflict_names_what_differs() -> None:
    june = {"year": 2025, "start_month": 6, "end_month": 6}
    rules = [
        at(EXPORT_Q, flow="export", metric="value", value=219.83e9),
        at(IMPORT_Q, flow="import", metric="value", value=212.2e9),
    ]
    llm = [
        at(EXPORT_Q, Source.LLM, flow="export", metric="value", value=219.83e9, period=june),
        at(EXPORT_Q, Source.LLM, flow="import", metric="value", value=219.83e9),
    ]
    conflicts = [p for p in pairs_of(rules, llm) if p.verdict is Verdict.CONFLICT]
    assert len(conflicts) == 2
    assert all(p.differing for p in conflicts)


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
        AlignedBy.ANCHOR,
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


def test_evidence_cut_inside_the_amount_still_reads_the_same_number() -> None:
    # the LLM's evidence stops before the currency: "đạt 219,83 tỷ" of "219,83 tỷ USD"
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    llm = at("hàng hóa đạt 219,83 tỷ", Source.LLM, flow="import", metric="value", value=219.83e9)
    [pair] = pairs_of([rule], [llm])
    assert (pair.aligned_by, pair.differing) == (AlignedBy.ANCHOR, ["flow"])


def test_an_llm_fact_whose_evidence_is_its_number_alone_aligns_with_the_rule_fact() -> None:
    # the anchored strategy's evidence is the anchor itself: "219,83 tỷ USD"
    rule = at(EXPORT_Q, flow="export", metric="value", value=219.83e9)
    june = {"year": 2025, "start_month": 6, "end_month": 6}
    llm = at("219,83 tỷ USD", Source.LLM, flow="export", metric="value", value=219.83e9)
    other = at(
        "219,83 tỷ USD", Source.LLM, flow="export", metric="value", value=219.83e9, period=june
    )
    assert [(p.verdict, p.aligned_by) for p in pairs_of([rule], [llm])] == [
        (Verdict.AGREE, AlignedBy.ANCHOR)
    ]
    [pair] = pairs_of([rule], [other])
    assert (pair.verdict, pair.differing) == (Verdict.CONFLICT, ["period"])
