"""Locating a fact in the article and seeing its value written there."""

from __future__ import annotations

from extractor.crosscheck.stated import find_quote, locate, stated_amount
from extractor.types import Evidence, Fact

TEXT = "Trong đó, khu vực kinh tế trong nước đạt 58,28 tỷ USD, tăng 9,4%, chiếm 26,5%."
H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def fact(value: float, metric: str = "value", **extra: object) -> Fact:
    return Fact(flow="export", sector="domestic", metric=metric, value=value, period=H1, **extra)


def test_evidence_offsets_that_hold_the_quote_are_used() -> None:
    quote = "đạt 58,28 tỷ USD"
    start = TEXT.index(quote)
    ev = Evidence(quote=quote, start=start, end=start + len(quote))
    assert locate(fact(58.28e9, evidence=ev), TEXT) == (start, start + len(quote))


def test_offsets_that_miss_their_quote_fall_back_to_finding_the_quote() -> None:
    quote = "chiếm 26,5%"
    ev = Evidence(quote=quote, start=0, end=len(quote))  # offsets of another passage
    start = TEXT.index(quote)
    assert locate(fact(26.5, "share_pct", evidence=ev), TEXT) == (start, start + len(quote))


def test_a_quote_is_found_despite_case_and_spacing() -> None:
    span = locate(fact(9.4, "change_pct", quote="TĂNG  9,4%"), TEXT)
    assert span is not None and TEXT[span[0] : span[1]] == "tăng 9,4%"


def test_the_stated_amount_is_the_number_equal_to_the_value() -> None:
    span = (0, len(TEXT))
    amount = stated_amount(fact(26.5, "share_pct"), TEXT, span)
    assert amount is not None and amount.text == "26,5%"
    assert TEXT[amount.start : amount.end] == "26,5%"


def test_a_value_not_written_at_the_span_is_not_stated() -> None:
    assert stated_amount(fact(5.828e9), TEXT, (0, len(TEXT))) is None  # a slip of scale
    assert stated_amount(fact(58.28e9), TEXT, None) is None


def test_a_signed_change_is_stated_by_its_magnitude() -> None:
    text = "giảm 3,2% so với tháng trước"
    assert stated_amount(fact(-3.2, "change_pct", basis="prev_period"), text, (0, len(text)))


def test_a_clean_quote_is_found_in_a_decomposed_segmented_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Kim_ngạch xuất_khẩu hàng hóa đạt 219,83 tỷ USD.")
    span = find_quote("kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD", text)
    assert span == (0, len(text) - 1)
