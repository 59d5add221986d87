"""Per-key accuracy: each gold fact is paired with the prediction that reports its number."""

from __future__ import annotations

from typing import Any

from extractor.evaluate.keys import KEYS, KeyAccuracy, key_accuracy, pair_reported

TEXT = "Xuất khẩu tháng 1 đạt 33,19 tỷ USD, tăng 10%; nhập khẩu đạt 30 tỷ USD, tăng 10%."


def fact(value: float, quote: str = "", **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "flow": "export",
        "scope": "goods",
        "period": {"year": 2025, "start_month": 1, "end_month": 1},
        "sector": None,
        "partner": None,
        "item": None,
        "metric": "value",
        "basis": None,
        "value": value,
        "quote": quote,
    }
    return base | changes


def at(quote: str, value: float, **changes: Any) -> dict[str, Any]:
    """A prediction with evidence offsets at ``quote`` in TEXT."""
    start = TEXT.index(quote)
    evidence = {"quote": quote, "start": start, "end": start + len(quote)}
    return fact(value, quote, evidence=evidence, **changes)


EXPORT_PCT = {"metric": "change_pct", "basis": "yoy"}
IMPORT_PCT = {"flow": "import", "metric": "change_pct", "basis": "yoy"}


def test_a_number_read_at_its_place_pairs_with_its_gold_fact_even_if_another_has_its_value() -> (
    None
):
    golds = [
        fact(10, "đạt 33,19 tỷ USD, tăng 10%", **EXPORT_PCT),
        fact(10, "đạt 30 tỷ USD, tăng 10%", **IMPORT_PCT),
    ]
    # the path read the import's 10% as an export change: same value as gold 0, place of gold 1
    preds = [at("đạt 30 tỷ USD, tăng 10%", 10, **EXPORT_PCT)]
    assert pair_reported(preds, golds, TEXT) == {1: 0}
    acc = key_accuracy(preds, golds, TEXT)
    assert (acc.gold, acc.reported) == (2, 1)
    assert acc.accuracy("flow") == 0.0
    assert acc.accuracy("metric") == acc.accuracy("basis") == 1.0


def test_without_the_text_the_value_pairs_and_the_best_reading_counts() -> None:
    golds = [fact(33.19e9, "đạt 33,19 tỷ USD")]
    preds = [fact(33.19e9, partner="US"), fact(33.19e9)]
    assert pair_reported(preds, golds) == {0: 1}
    assert key_accuracy(preds, golds).accuracy("partner") == 1.0


def test_a_sign_slip_still_reports_the_number_and_each_key_is_judged_alone() -> None:
    golds = [fact(-1.45e9, flow="balance", partner="CN")]
    preds = [fact(1.45e9, flow="balance", partner="US", item="dệt may")]
    acc = key_accuracy(preds, golds)
    assert acc.reported == 1
    right = {key: acc.accuracy(key) for key in KEYS}
    assert right["partner"] == right["item"] == 0.0
    assert right["flow"] == right["period"] == right["scope"] == 1.0


def test_optional_gold_and_unreported_numbers_are_not_measured() -> None:
    golds = [fact(33.19e9), fact(220, metric="change_pct", basis="yoy", optional=True)]
    preds = [fact(220, metric="change_pct", basis="yoy"), fact(5e9)]
    acc = key_accuracy(preds, golds)
    assert (acc.gold, acc.reported) == (1, 0)
    assert acc.accuracy("flow") is None


def test_one_prediction_reports_one_gold_fact_at_most() -> None:
    golds = [fact(30e9), fact(30e9, flow="import")]
    preds = [fact(30e9, flow="import")]
    assert pair_reported(preds, golds) == {1: 0}


def test_counts_add_up_over_articles() -> None:
    one = key_accuracy([fact(30e9)], [fact(30e9)])
    two = key_accuracy([fact(30e9, partner="US")], [fact(30e9), fact(1e9)])
    total = one + two
    assert (total.gold, total.reported) == (3, 2)
    assert total.accuracy("partner") == 0.5
    assert total.to_json()["keys"]["flow"] == 1.0
    assert KeyAccuracy().to_json() == {"gold": 0, "reported": 0, "keys": dict.fromkeys(KEYS)}
