"""Each slot of a number is decided by a named rule of its table (read through explain)."""

from __future__ import annotations

import pytest

from extractor.rules.explain import NumberWhy, explain_article
from extractor.rules.slots import basis, flow, item, metric, notfact, partner, period, sector
from extractor.types import Article


def _why(text: str, number: str) -> NumberWhy:
    found = [n for n in explain_article(Article(name="t.txt", text=text)) if n.number == number]
    assert found, f"{number!r} not read in {text!r}"
    return found[0]


def _rule(text: str, number: str, slot: str) -> tuple[str, str, str | None]:
    why = _why(text, number)
    s = next(s for s in why.slots if s.slot == slot)
    return s.value, s.rule, s.words


@pytest.mark.parametrize(
    "module",
    [notfact, metric, flow, period, sector, partner, item, basis],
    ids=lambda m: m.__name__,
)
def test_every_slot_table_is_rules_with_distinct_names(module: object) -> None:
    table = module.TABLE  # type: ignore[attr-defined]
    names = [r.name for r in table]
    assert len(names) == len(set(names)) and all(names)


LEAD = "Trong tháng 6/2024, "


def test_flow_from_the_word_before_the_number() -> None:
    text = LEAD + "kim ngạch xuất khẩu sang Mỹ đạt 10,5 tỷ USD.\n"
    assert _rule(text, "10,5 tỷ USD", "flow") == (
        "export",
        "flow word before it in its sentence",
        "kim ngạch xuất khẩu",
    )
    assert _rule(text, "10,5 tỷ USD", "partner")[:2] == (
        "US",
        "partner named before it in its clause",
    )
    assert _rule(text, "10,5 tỷ USD", "period")[:2] == (
        "2024 month 6",
        "period before it in its sentence",
    )


def test_metric_and_basis_from_the_change_and_its_comparison() -> None:
    text = LEAD + "xuất khẩu đạt 10,5 tỷ USD, giảm 3,2% so với tháng trước.\n"
    assert _rule(text, "3,2%", "metric") == ("change_pct", "a change word before it", "giảm")
    assert _rule(text, "3,2%", "sign")[0] == "-1"
    assert _rule(text, "3,2%", "basis") == (
        "prev_period",
        "the comparison after it in its sentence",
        "so với tháng trước",
    )
    assert _rule(text, "10,5 tỷ USD", "basis")[:2] == ("null", "a level or share has no basis")


def test_a_forecast_is_no_fact_and_says_which_rule() -> None:
    text = LEAD + "xuất khẩu đạt 10 tỷ USD. Dự báo cả năm xuất khẩu có thể đạt 400 tỷ USD.\n"
    why = _why(text, "400 tỷ USD")
    assert why.fact is None
    assert why.not_fact == "not a fact: a forecast or a condition"


def test_a_back_reference_takes_the_item_named_last() -> None:
    text = (
        LEAD + "xuất khẩu cà phê đạt 500 triệu USD. Trong tháng, xuất khẩu mặt hàng này "
        "sang Đức đạt 80 triệu USD.\n"
    )
    value, rule, words = _rule(text, "80 triệu USD", "item")
    assert (value, rule) == ("cà phê", "a back reference ('nhóm hàng này'): the item named last")
    assert words == "mặt hàng này"
