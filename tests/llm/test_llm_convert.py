"""The model copies the number; our parser scales it and the words around it give the sign."""

from __future__ import annotations

import pytest

from extractor.llm.convert import NotAFact, to_fact
from extractor.llm.schema import LlmFact
from extractor.types import Basis, Metric

ARTICLE = "Xuất khẩu đạt 33,19 tỷ USD, giảm 6,6% so với tháng trước. Cả nước nhập siêu 1,45 tỷ USD."


def reading(**over) -> LlmFact:
    base = {
        "quote": "",
        "number": "",
        "flow": "export",
        "scope": "goods",
        "metric": "value",
        "basis": None,
        "year": 2025,
        "start_month": 1,
        "end_month": 1,
        "sector": None,
        "partner": None,
        "item": None,
    }
    return LlmFact.model_validate({**base, **over})


def test_value_is_scaled_from_the_written_number():
    fact = to_fact(reading(quote="Xuất khẩu đạt 33,19 tỷ USD", number="33,19 tỷ USD"), ARTICLE)
    assert fact.value == pytest.approx(33.19e9)


def test_a_fall_is_negative_and_basis_read_from_the_words():
    fact = to_fact(
        reading(quote="giảm 6,6% so với tháng trước", number="6,6%", metric="change_pct"),
        ARTICLE,
    )
    assert fact.value == -6.6 and fact.basis is Basis.PREV_PERIOD


def test_a_deficit_is_a_negative_balance():
    fact = to_fact(
        reading(quote="Cả nước nhập siêu 1,45 tỷ USD", number="1,45 tỷ USD", flow="balance"),
        ARTICLE,
    )
    assert fact.value == pytest.approx(-1.45e9)


def test_the_unit_decides_the_metric_when_the_model_confuses_them():
    fact = to_fact(reading(quote="đạt 1,2 triệu tấn", number="1,2 triệu tấn"), ARTICLE)
    assert fact.metric is Metric.QUANTITY and fact.value == 1.2e6


def test_basis_is_dropped_where_the_format_has_none():
    fact = to_fact(reading(quote="đạt 5 tỷ USD", number="5 tỷ USD", basis="yoy"), ARTICLE)
    assert fact.basis is None


def test_a_price_is_not_a_fact():
    with pytest.raises(NotAFact):
        to_fact(reading(quote="giá 520 USD/tấn", number="520 USD/tấn"), ARTICLE)
