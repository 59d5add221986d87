"""Anchors and their options: every amount an anchor, options only from its own window."""

from __future__ import annotations

from extractor.llm.anchored.anchors import find_anchors
from extractor.llm.anchored.choices import Choices, basis_of, build_choices
from extractor.llm.anchored.hints import Hint
from extractor.rules.document import Document
from extractor.types import Basis, Period

TEXT = (
    "Thương mại Việt Nam tháng 3/2024\n"
    "Trong tháng 3/2024, xuất khẩu gạo đạt 1,2 tỷ USD, giảm 5,5% so với cùng kỳ năm trước.\n"
    "Nhập khẩu sắt thép từ Trung Quốc đạt 300 nghìn tấn, chiếm 40% tổng lượng nhập khẩu."
)


def choices() -> list[Choices]:
    scan = Document(TEXT)
    return [build_choices(scan, a, scan.main_year) for a in find_anchors(scan)]


def test_every_amount_is_an_anchor_in_text_order_with_its_sign():
    found = [c.anchor for c in choices()]
    assert [a.amount.text for a in found] == ["1,2 tỷ USD", "5,5%", "300 nghìn tấn", "40%"]
    assert [a.id for a in found] == [1, 2, 3, 4]
    assert found[1].change_sign == -1 and found[0].change_sign == 1


def test_the_metric_is_narrowed_by_the_unit():
    money, percent, tonnes, _share = choices()
    assert money.metrics == ("v", "a")
    assert percent.metrics == ("c", "s")
    assert tonnes.metrics == ("q",) and "m" not in tonnes.keys


def test_partners_and_items_come_from_the_anchor_window_only():
    money, _, tonnes, _ = choices()
    assert money.partners == ()  # the rice sentence names no partner: the key is not asked
    assert "r" not in money.keys
    assert [o.value for o in tonnes.partners] == ["CN", None]
    assert next(o.value for o in money.items) == "gạo"
    assert "gạo" not in [o.value for o in tonnes.items]


def test_only_a_change_is_asked_its_basis():
    _money, percent, _, _ = choices()
    assert next(o.text for o in percent.comparisons) == "so với cùng kỳ năm trước"
    assert "b" in percent.keys_for("c")
    assert "b" not in percent.keys_for("s")


def test_a_period_option_resolves_to_its_months_and_year():
    money = choices()[0]
    assert money.periods[0].value == Period(year=2024, start_month=3, end_month=3)


def test_the_basis_is_the_one_the_chosen_phrase_names():
    march = Period(year=2024, start_month=3, end_month=3)
    assert basis_of("so với cùng kỳ năm trước", march) is Basis.YOY
    assert basis_of("so với tháng trước", march) is Basis.PREV_PERIOD
    assert basis_of("so với kế hoạch", march) is Basis.PLAN
    assert basis_of(None, march) is Basis.YOY


def test_the_flow_words_around_the_number_are_the_first_flow_options():
    money, _, tonnes, _ = choices()
    assert [o.code for o in money.flows] == ["x", "n", "t", "b", "0"]
    assert money.flows[0].text == "xuất khẩu"
    assert tonnes.flows[0].code == "n"


def test_a_change_or_share_word_before_the_number_orders_its_metric_options():
    _, _, _, share = choices()
    assert share.anchor.metric_cue == "share" and share.metrics == ("s", "c")
    scan = Document("Xuất khẩu gạo đạt 2 tỷ USD, tăng 300 triệu USD so với năm trước.")
    level, change = (build_choices(scan, a, 2024) for a in find_anchors(scan))
    assert level.metrics == ("v", "a") and change.metrics == ("a", "v")


def test_a_back_reference_offers_the_item_it_refers_to():
    scan = Document(
        "Xuất khẩu cà phê tháng 3/2024 đạt 500 triệu USD.\n"
        "Xuất khẩu nhóm hàng này sang Đức đạt 90 triệu USD."
    )
    second = build_choices(scan, find_anchors(scan)[1], 2024)
    assert "cà phê" in [o.value for o in second.items]


# One paragraph of glued sentences, as some sites publish a whole article.
GLUED = (
    "Khu vực doanh nghiệp trong nước xuất khẩu gần 70 tỷ USD. "
    "Xuất khẩu sắt thép các loại tăng 132%, ước đạt 9,65 tỷ USD. "
    "Trong đó, sang Mỹ đạt 2 tỷ USD. "
    "Ở chiều nhập khẩu, tháng 10 chỉ đạt 26,2 tỷ USD, giảm 1,7% so với tháng 9."
)


def glued_choices() -> dict[str, Choices]:
    scan = Document(GLUED)
    found = [build_choices(scan, a, 2021) for a in find_anchors(scan)]
    return {c.anchor.amount.text: c for c in found}


def test_an_item_or_sector_named_two_sentences_back_is_not_offered():
    imports = glued_choices()["26,2 tỷ USD"]
    assert imports.items == () and "i" not in imports.keys
    assert imports.sectors == () and "s" not in imports.keys


def test_the_previous_sentence_item_is_offered_after_none():
    to_us = glued_choices()["2 tỷ USD"]
    assert [o.code for o in to_us.items] == ["0", "a"]
    assert to_us.items[1].value and "sắt thép" in to_us.items[1].value


def test_an_item_of_the_number_own_sentence_comes_before_none():
    steel = glued_choices()["9,65 tỷ USD"]
    assert steel.items[0].value and "sắt thép" in steel.items[0].value
    assert steel.items[1].code == "0"


def test_a_year_no_fact_may_have_is_no_period_option():
    text = (
        "Viet Nam and Indonesia established diplomatic relations in 1955.\n\n"
        "In the first 11 months of 2022, two-way trade reached $12.8 billion."
    )
    scan = Document(text)
    [money] = [build_choices(scan, a, scan.main_year) for a in find_anchors(scan)]
    assert [o.value for o in money.periods] == [Period(year=2022, start_month=1, end_month=11)]


HEADLINE_TOPIC = (
    "Xuất khẩu cà phê 5 tháng đầu năm 2024 tăng mạnh\n"
    "Theo Tổng cục Hải quan, 5 tháng đầu năm 2024, xuất khẩu cà phê đạt 2,5 tỷ USD.\n"
    "Riêng tháng 5, kim ngạch đạt 500 triệu USD, tăng 12% so với tháng trước."
)


def test_a_hint_offers_the_rule_reading_the_window_lacks_before_none():
    scan = Document(HEADLINE_TOPIC)
    may = find_anchors(scan)[1]  # "500 triệu USD": its window names no product, no partner
    plain = build_choices(scan, may, 2024)
    assert plain.items == () and plain.partners == ()
    jan_may = Period(year=2024, start_month=1, end_month=5)
    april = Period(year=2024, start_month=4, end_month=4)
    hint = Hint(partners=("DE",), items=("cà phê",), periods=(jan_may, april))
    hinted = build_choices(scan, may, 2024, hint)
    assert [(o.code, o.value) for o in hinted.items] == [("a", "cà phê"), ("0", None)]
    assert [(o.code, o.value) for o in hinted.partners] == [("DE", "DE"), ("0", None)]
    periods = [o.value for o in hinted.periods]
    assert periods[: len(plain.periods)] == [o.value for o in plain.periods]  # found ones first
    assert periods.count(jan_may) == 1 and periods[-1] == april  # offered once, then the rest
    assert hinted.periods[-1].text == "month 4 of 2024"
    assert {"i", "r", "p"} <= set(hinted.keys)


def test_a_hint_already_among_the_options_changes_nothing():
    scan = Document(TEXT)
    rice = find_anchors(scan)[0]
    plain = build_choices(scan, rice, 2024)
    march = Period(year=2024, start_month=3, end_month=3)
    assert build_choices(scan, rice, 2024, Hint(items=("gạo",), periods=(march,))) == plain
