"""A fact is grounded only when its quote is in the article and its value is written there."""

from __future__ import annotations

import unicodedata

from extractor.ground import ground_fact, grounding_rates
from extractor.types import ArticleResult, Fact, Grounding, Period

TEXT = (
    "Tháng 3/2024, xuất khẩu gạo đạt 1,2 tỷ USD, giảm 5,5% so với cùng kỳ. "
    "Cả nước nhập siêu 340 triệu USD."
)


def fact(value: float, quote: str, **keys) -> Fact:
    base = {
        "flow": "export",
        "metric": "value",
        "period": Period(year=2024, start_month=3, end_month=3),
    }
    return Fact(**{**base, **keys}, value=value, quote=quote)


def test_value_written_in_the_quote_is_grounded_with_original_offsets():
    grounded = ground_fact(fact(1.2e9, "xuất khẩu gạo đạt 1,2 tỷ USD"), TEXT)
    assert grounded.grounding is Grounding.GROUNDED
    ev = grounded.evidence
    assert TEXT[ev.start : ev.end] == ev.quote == "xuất khẩu gạo đạt 1,2 tỷ USD"


def test_changes_and_balances_are_compared_without_sign():
    change = fact(-5.5, "giảm 5,5% so với cùng kỳ", metric="change_pct", basis="yoy")
    balance = fact(-340e6, "nhập siêu 340 triệu USD", flow="balance")
    assert ground_fact(change, TEXT).grounding is Grounding.GROUNDED
    assert ground_fact(balance, TEXT).grounding is Grounding.GROUNDED


def test_a_value_the_quote_does_not_state_is_flagged():
    wrong = ground_fact(fact(12e9, "xuất khẩu gạo đạt 1,2 tỷ USD"), TEXT)
    assert wrong.grounding is Grounding.VALUE_NOT_IN_TEXT
    assert wrong.evidence is not None


def test_an_example_number_is_never_grounded():
    # "412 triệu USD" is a worked example in prompts/examples.json, not in this article.
    leaked = ground_fact(fact(412e6, "xuất khẩu rau quả đạt 412 triệu USD"), TEXT)
    assert leaked.grounding is Grounding.QUOTE_NOT_FOUND and leaked.evidence is None
    borrowed = ground_fact(fact(412e6, "xuất khẩu gạo đạt 1,2 tỷ USD"), TEXT)
    assert borrowed.grounding is Grounding.VALUE_NOT_IN_TEXT


def test_grounding_on_nfd_word_segmented_text():
    text = unicodedata.normalize("NFD", "Xuất_khẩu gạo đạt 1,2 tỷ USD .")
    grounded = ground_fact(fact(1.2e9, "xuất khẩu gạo đạt 1,2 tỷ USD"), text)
    assert grounded.grounding is Grounding.GROUNDED
    assert grounded.evidence.quote == text[grounded.evidence.start : grounded.evidence.end]


def test_grounding_rates_are_shares_of_all_llm_facts():
    facts = [
        ground_fact(fact(1.2e9, "xuất khẩu gạo đạt 1,2 tỷ USD"), TEXT),
        ground_fact(fact(9e9, "xuất khẩu gạo đạt 1,2 tỷ USD"), TEXT),
        ground_fact(fact(1.0, "không có câu này"), TEXT),
        ground_fact(fact(-340e6, "nhập siêu 340 triệu USD", flow="balance"), TEXT),
    ]
    rates = grounding_rates([ArticleResult(article="a.txt", facts=facts)])
    assert rates == {
        "grounded": 0.5,
        "quote_not_found": 0.25,
        "value_not_in_text": 0.25,
        "facts": 4.0,
    }
