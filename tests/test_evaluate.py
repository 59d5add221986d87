"""Scoring follows the matching rules of the evaluation spec (shared/eval/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluate.match import (
    facts_match,
    failed_keys,
    item_words,
    items_agree,
    match_facts,
    values_agree,
)
from extractor.evaluate.score import (
    DUPLICATE,
    MANY_KEYS,
    NO_VALUE_MATCH,
    Counts,
    near_miss,
    score,
    score_dirs,
)


def fact(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "flow": "export",
        "scope": "goods",
        "period": {"year": 2025, "start_month": 1, "end_month": 1},
        "sector": None,
        "partner": None,
        "item": None,
        "metric": "value",
        "basis": None,
        "value": 33_190_000_000,
        "quote": "",
    }
    return base | changes


# --- items ---------------------------------------------------------------


def test_item_words_drop_case_punctuation_and_filler_words() -> None:
    assert item_words("Nhóm hàng Nông sản, lâm sản") == ["nông", "sản", "lâm", "sản"]
    assert item_words("mặt hàng dệt-may (các loại)") == ["dệt", "may"]


def test_item_words_are_nfc() -> None:
    decomposed = "d\u0065\u0323\u0302t may"  # "dệt" with combining marks
    assert item_words(decomposed) == ["dệt", "may"]


@pytest.mark.parametrize(
    ("pred", "gold", "agree"),
    [
        (None, None, True),
        ("dệt may", None, False),
        (None, "dệt may", False),
        ("Dệt may", "hàng dệt may", True),
        ("máy vi tính", "máy vi tính, sản phẩm điện tử và linh kiện", True),
        ("máy vi tính, sản phẩm điện tử và linh kiện", "điện tử", True),
        ("nhóm hàng nông sản", "nông sản, lâm sản", True),
        ("điện thoại các loại và linh kiện", "Điện thoại và linh kiện", True),
        ("gạo", "cà phê", False),
        ("dệt may và da giày", "dệt may", True),
        ("sắt thép", "sản phẩm từ sắt thép các loại", True),
        ("sắt thép", "thép", True),
        ("thép tấm", "sắt thép", False),
    ],
)
def test_items_agree_when_the_shorter_ones_words_are_in_the_longer(
    pred: str | None, gold: str | None, agree: bool
) -> None:
    assert items_agree(pred, gold) is agree


# --- values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "gold", "metric", "agree"),
    [
        (33.19e9, 33_190_000_000, "value", True),
        (33.35e9, 33_190_000_000, "value", True),  # 0.48% off
        (33.36e9, 33_190_000_000, "value", False),  # 0.51% off
        (-1.45e9, -1_450_000_000, "value", True),
        (1.45e9, -1_450_000_000, "value", False),  # sign matters
        (1_200_000, 1_203_000, "quantity", True),
        (-6.6, -6.6, "change_pct", True),
        (6.6, -6.6, "change_pct", False),
        (-6.63, -6.6, "change_pct", True),  # within 0.5% (0.033)
        (-6.64, -6.6, "change_pct", False),  # within 0.051 but not within 0.5%
        (220.0, 220, "change_pct", True),
        (220.5, 220, "change_pct", False),  # within 0.5% (1.1) but not within 0.051
        (18.25, 18.2, "share_pct", True),
        (18.26, 18.2, "share_pct", False),
        (220.5, 220, "value", True),  # the absolute bound is for percentages only
        ("6.6", 6.6, "change_pct", False),
        (None, 6.6, "change_pct", False),
    ],
)
def test_values_agree_within_half_a_percent_and_0_051_for_percentages(
    pred: Any, gold: float, metric: str, agree: bool
) -> None:
    assert values_agree(pred, gold, metric) is agree


# --- keys ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "other"),
    [
        ("flow", "import"),
        ("scope", "services"),
        ("period", {"year": 2025, "start_month": 1, "end_month": 3}),
        ("period", {"year": None, "start_month": 1, "end_month": 1}),
        ("sector", "fdi"),
        ("partner", "US"),
        ("metric", "quantity"),
        ("basis", "yoy"),
    ],
)
def test_every_key_must_be_equal(key: str, other: Any) -> None:
    assert not facts_match(fact(**{key: other}), fact())
    assert failed_keys(fact(**{key: other}), fact()) == [key]


def test_extra_keys_are_ignored() -> None:
    assert facts_match(fact(evidence={"start": 0}, source="llm", qualifier="gần"), fact())


# --- one-to-one and optional gold ----------------------------------------


def test_each_gold_fact_matches_at_most_one_prediction() -> None:
    matching = match_facts([fact(), fact()], [fact()])
    assert len(matching.pairs) == 1
    assert len(matching.unmatched_preds) == 1


def test_matching_is_maximum_not_greedy() -> None:
    # pred 0 could take either gold; taking gold 0 greedily would strand pred 1.
    golds = [fact(item="dệt may"), fact(item="dệt may và da giày")]
    preds = [fact(item="dệt may"), fact(item="da giày")]
    assert match_facts(preds, golds).pairs == {0: 0, 1: 1}
    assert match_facts(preds, list(reversed(golds))).pairs == {0: 1, 1: 0}


def test_closest_value_is_preferred_among_equal_matchings() -> None:
    golds = [fact(value=100.0), fact(value=100.4)]
    assert match_facts([fact(value=100.4)], golds).pairs == {0: 1}


def test_non_optional_gold_is_preferred_over_optional() -> None:
    golds = [fact(optional=True), fact()]
    matching = match_facts([fact()], golds)
    assert matching.pairs == {0: 1}
    assert matching.optional_pairs == {}


def test_prediction_matching_optional_gold_counts_nowhere() -> None:
    golds = [fact(), fact(metric="change_pct", basis="yoy", value=15.6, optional=True)]
    preds = [fact(), fact(metric="change_pct", basis="yoy", value=15.6)]
    scores = score({"a": {"facts": preds}}, {"a": {"article": "a.txt", "facts": golds}})
    assert scores.total == Counts(matched=1, predicted=1, gold=1, optional=1)
    assert scores.total.precision == scores.total.recall == 1.0


def test_missing_optional_gold_is_not_a_miss() -> None:
    golds = [fact(), fact(value=1.0, optional=True)]
    scores = score({"a": {"facts": [fact()]}}, {"a": {"facts": golds}})
    assert scores.total.recall == 1.0


# --- scores ----------------------------------------------------------------


def test_a_scored_example_with_known_precision_recall_and_f1() -> None:
    gold_a = [fact(), fact(metric="change_pct", basis="yoy", value=-4), fact(flow="import")]
    gold_b = [fact(item="gạo", metric="quantity", value=1_200_000)]
    pred_a = [
        fact(value=33.2e9),  # hit
        fact(metric="change_pct", basis="prev_period", value=-4),  # wrong basis
        fact(flow="total", value=1.0),  # unrelated
    ]
    pred_b = [fact(item="Gạo các loại", metric="quantity", value=1.2e6)]  # hit
    scores = score(
        {"a": {"facts": pred_a}, "b": {"facts": pred_b}},
        {"a": {"facts": gold_a}, "b": {"facts": gold_b}},
    )
    # matched 2 of 4 predictions and 2 of 4 gold facts
    assert scores.total == Counts(matched=2, predicted=4, gold=4)
    assert scores.total.precision == pytest.approx(0.5)
    assert scores.total.recall == pytest.approx(0.5)
    assert scores.total.f1 == pytest.approx(0.5)
    assert scores.metrics["change_pct"] == Counts(matched=0, predicted=1, gold=1)
    assert scores.near_misses == {"basis": 1, NO_VALUE_MATCH: 1}


def test_micro_average_sums_counts_over_articles() -> None:
    golds = {"a": {"facts": [fact()]}, "b": {"facts": [fact(value=float(i)) for i in range(1, 4)]}}
    preds = {"a": {"facts": [fact()]}, "b": {"facts": []}}
    total = score(preds, golds).total
    assert (total.precision, total.recall) == (1.0, 0.25)
    assert total.f1 == pytest.approx(0.4)


def test_nothing_predicted_gives_no_precision_and_zero_f1() -> None:
    total = score({}, {"a": {"facts": [fact()]}}).total
    assert (total.precision, total.recall, total.f1) == (None, 0.0, 0.0)


def test_article_without_prediction_is_all_misses_and_noted() -> None:
    [article] = score({}, {"a": {"article": "a.txt", "facts": [fact()]}}).articles
    assert article.counts == Counts(matched=0, predicted=0, gold=1)
    assert article.note == "no prediction"


def test_numbers_masked_is_compared_per_article() -> None:
    golds = {"m": {"numbers_masked": True, "facts": []}, "n": {"numbers_masked": False}}
    preds = {"m": {"numbers_masked": True, "facts": []}, "n": {"numbers_masked": True}}
    scores = score(preds, golds)
    assert scores.masked_correct == 1
    assert [a.masked_ok for a in scores.articles] == [True, False]


# --- near misses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "label"),
    [
        (fact(period={"year": 2024, "start_month": 1, "end_month": 1}), "period"),
        (fact(partner="US", sector="fdi"), "sector+partner"),
        (fact(partner="US", sector="fdi", item="gạo"), MANY_KEYS),
        (fact(value=33.19e12), "value"),
        (fact(flow="import", value=1.0), NO_VALUE_MATCH),
    ],
)
def test_near_miss_names_the_keys_that_failed(pred: dict[str, Any], label: str) -> None:
    assert near_miss(pred, [fact(), fact(metric="share_pct", value=5.0)], taken=set()) == label


def test_near_miss_of_a_second_prediction_for_one_gold_is_a_duplicate() -> None:
    assert near_miss(fact(), [fact()], taken={0}) == DUPLICATE


def test_scores_from_folders_of_json(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    gold = {"article": "a.txt", "numbers_masked": False, "facts": [fact()]}
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold))
    (tmp_path / "pred" / "a.json").write_text(json.dumps(gold | {"source": "rules"}))
    (tmp_path / "pred" / "b.json").write_text("{ not json")  # no gold: ignored
    scores = score_dirs(tmp_path / "pred", tmp_path / "gold")
    assert scores.total == Counts(matched=1, predicted=1, gold=1)
    assert scores.to_json()["f1"] == 1.0


def test_unreadable_prediction_is_an_error_note(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps({"facts": [fact()]}))
    (tmp_path / "pred" / "a.json").write_text("{ not json")
    [article] = score_dirs(tmp_path / "pred", tmp_path / "gold").articles
    assert "unreadable JSON" in (article.note or "")
    assert article.counts.gold == 1


def test_gold_scored_against_itself_is_perfect() -> None:
    gold_dir = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gold"
    if not gold_dir.is_dir():
        pytest.skip(f"no evaluation set at {gold_dir}")
    scores = score_dirs(gold_dir, gold_dir)
    assert scores.total.f1 == 1.0
    assert scores.masked_correct == len(scores.articles)
