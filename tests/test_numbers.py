"""Number and unit parsing: a table of the tricky cases found in trade articles."""

from __future__ import annotations

import pytest

from extractor.numbers import Unit, detect_decimal, find_amounts, parse_number

# text, decimal mark, value in base units, unit, qualifier
AMOUNTS: list[tuple[str, str, float, Unit, str | None]] = [
    ("33,19 tỷ USD", ",", 33.19e9, Unit.USD, None),
    ("893 triệu USD", ",", 893e6, Unit.USD, None),
    ("548.000 tấn", ",", 548_000, Unit.TONNE, None),
    ("1,2 triệu tấn", ",", 1.2e6, Unit.TONNE, None),
    ("hơn 2,587 tỷ USD", ",", 2.587e9, Unit.USD, "hơn"),
    ("62,0 tỷ USD", ",", 62e9, Unit.USD, None),
    ("62.0 tỷ USD", ",", 62e9, Unit.USD, None),
    ("253 nghìn tấn", ",", 253_000, Unit.TONNE, None),
    ("3.127 USD/tấn", ",", 3127, Unit.USD_PER_UNIT, None),
    ("1.9bln USD", ".", 1.9e9, Unit.USD, None),
    ("99.36 billion USD", ".", 99.36e9, Unit.USD, None),
    ("US$ 5 bln", ".", 5e9, Unit.USD, None),
    ("US$8.21bil", ".", 8.21e9, Unit.USD, None),
    ("US$450mil", ".", 450e6, Unit.USD, None),
    ("$670 mn", ".", 670e6, Unit.USD, None),
    ("33.1 pct", ".", 33.1, Unit.PERCENT, None),
    ("50 tỉ đô", ",", 50e9, Unit.USD, None),
    ("324,68 triệuUSD", ",", 324.68e6, Unit.USD, None),
    ("ước đạt gần 299,7 tỷ USD", ",", 299.7e9, Unit.USD, "ước đạt gần"),
    ("xấp xỉ 40 tỷ USD", ",", 40e9, Unit.USD, "xấp xỉ"),
    ("an increase of 18%year-on-year", ".", 18, Unit.PERCENT, None),  # joined to the word after
    ("giảm 6,6%", ",", 6.6, Unit.PERCENT, None),
    ("tăng 13,3 %", ",", 13.3, Unit.PERCENT, None),
    ("0,5 phần trăm", ",", 0.5, Unit.PERCENT, None),
    ("1.234,5", ",", 1234.5, Unit.NONE, None),
    ("1.234.567 tấn", ",", 1_234_567, Unit.TONNE, None),
    ("1.000 tỷ đồng", ",", 1e12, Unit.VND, None),
    ("2 nghìn tỷ đồng", ",", 2e12, Unit.VND, None),
    ("730,000 metric tons", ".", 730_000, Unit.TONNE, None),
    ("9.18 million metric tonnes", ".", 9.18e6, Unit.TONNE, None),
]


@pytest.mark.parametrize(
    ("text", "decimal", "value", "unit", "qualifier"), AMOUNTS, ids=[a[0] for a in AMOUNTS]
)
def test_find_amounts_reads_value_unit_and_qualifier(
    text: str, decimal: str, value: float, unit: Unit, qualifier: str | None
) -> None:
    [amount] = [a for a in find_amounts(text, decimal=decimal) if a.unit is not Unit.NONE] or [
        a for a in find_amounts(text, decimal=decimal)
    ]
    assert amount.value == pytest.approx(value, rel=1e-12)
    assert amount.unit is unit
    assert amount.qualifier == qualifier
    assert text[amount.start : amount.end] == amount.text


# Currency written before the number, as English-language Vietnamese press does.
CURRENCY_FIRST: list[tuple[str, float]] = [
    ("USD 5 billion", 5e9),
    ("exports hit USD5 billion", 5e9),
]


@pytest.mark.parametrize(("text", "value"), CURRENCY_FIRST, ids=[c[0] for c in CURRENCY_FIRST])
def test_currency_code_before_the_number(text: str, value: float) -> None:
    amounts = [a for a in find_amounts(text, decimal=".") if a.unit is Unit.USD]
    assert [a.value for a in amounts] == [value]


# text, decimal mark, value
NUMBERS: list[tuple[str, str, float]] = [
    ("33,19", ",", 33.19),
    ("548.000", ",", 548_000),
    ("2,587", ",", 2.587),
    ("2.587", ",", 2587),
    ("1.234,5", ",", 1234.5),
    ("1.234.567", ",", 1_234_567),
    ("62.0", ",", 62.0),
    ("99.36", ".", 99.36),
    ("1,234.5", ".", 1234.5),
    ("1,234", ".", 1234),
    ("7", ",", 7),
]


@pytest.mark.parametrize(("text", "decimal", "value"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_parse_number(text: str, decimal: str, value: float) -> None:
    assert parse_number(text, decimal=decimal) == pytest.approx(value, rel=1e-12)


def test_amounts_keep_their_place_in_a_sentence() -> None:
    text = "Xuất khẩu đạt 33,19 tỷ USD, giảm 6,6% so với tháng trước."
    amounts = [a for a in find_amounts(text) if a.unit is not Unit.NONE]
    assert [a.text for a in amounts] == ["33,19 tỷ USD", "6,6%"]


def test_years_and_months_come_back_without_unit() -> None:
    amounts = find_amounts("tháng 6/2025 và năm 2024")
    assert {a.unit for a in amounts} == {Unit.NONE}


@pytest.mark.parametrize(
    ("text", "decimal"),
    [
        ("Xuất khẩu đạt 33,19 tỷ USD, tăng 13,3%", ","),
        ("Exports reached 99.36 billion USD, up 13.3%", "."),
        ("Pepper exports up 58.8 per cent", "."),
        # no decimal before a percent or a scale word: the thousands grouping tells
        ("Viet Nam exported 35,000 tonnes of pepper worth US$85 million", "."),
        ("Việt Nam xuất khẩu 35.000 tấn hồ tiêu", ","),
        # a decimal of three digits before a scale word is no thousands grouping
        ("cả nước bỏ ra 3,387 tỷ USD nhập khẩu vải, 1,182 tỷ USD nguyên phụ liệu", ","),
    ],
)
def test_detect_decimal(text: str, decimal: str) -> None:
    assert detect_decimal(text) == decimal


def test_a_dollar_amount_too_large_for_trade_takes_its_separator_as_the_decimal_mark() -> None:
    (english,) = find_amounts("reached $US 6,334 billion", decimal=".", units={Unit.USD})
    assert english.value == 6_334_000_000
    (thousand,) = find_amounts("vượt 1.000 tỷ USD", decimal=",", units={Unit.USD})
    assert thousand.value == 1e12  # a trillion is still a trade figure


def test_a_qualifier_is_read_in_any_case_as_the_pattern_reads_it() -> None:
    for text, qualifier in [
        ("ƯỚC ĐẠT KHOẢNG 5 tỷ USD", "ước đạt khoảng"),
        ("Nearly\n 5 tỷ USD", "nearly"),
        ("ſome 5 billion USD", "ſome"),  # long s: IGNORECASE takes it for "s"
        ("đạt 5 tỷ USD", None),
    ]:
        assert [a.qualifier for a in find_amounts(text)] == [qualifier], text


def test_a_bare_number_joined_to_a_percent_is_a_percent() -> None:
    found = find_amounts("annual increases of 14 and 17.5 per cent", decimal=".")
    assert [(a.value, a.unit) for a in found] == [(14, Unit.PERCENT), (17.5, Unit.PERCENT)]
    months = find_amounts("tháng 5 và 6% còn lại", decimal=",")
    assert [a.unit for a in months] == [Unit.NONE, Unit.PERCENT]  # a month stays a month


def test_tonnes_without_a_scale_take_one_separator_before_three_digits_as_thousands() -> None:
    # "545,745 tấn" in a text with decimal commas, "614.594 tonnes" in English: whole tonnes
    (vi,) = find_amounts("Nam Hàn: 545,745 tấn", decimal=",")
    (en,) = find_amounts("Japan: 614.594 tonnes", decimal=".")
    (scaled,) = find_amounts("đạt 1,245 triệu tấn", decimal=",")
    (whole,) = find_amounts("reaching nearly 177.000 tons", decimal=".")  # zeros after the mark
    (small,) = find_amounts("only 0.500 tons", decimal=".")
    assert (vi.value, en.value, whole.value) == (545745, 614594, 177000)
    assert scaled.value == 1245000  # a scale word keeps the decimal reading
    assert small.value == 0.5  # (no thousands group starts with a zero)


def test_do_alone_is_the_dollar_but_not_in_do_thi() -> None:
    (dollars,) = find_amounts("lên gần 50 tỉ đô (năm 2020)", decimal=",")[:1]
    assert (dollars.value, dollars.unit) == (50e9, Unit.USD)
    (urban,) = find_amounts("5 tỉ đô thị", decimal=",")
    assert urban.unit is Unit.NONE


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("kim ngạch đạt hơn năm tỉ USD", 5e9, Unit.USD, "hơn"),
        ("xuất khẩu ba triệu tấn sắt thép", 3e6, Unit.TONNE, None),
        ("a surplus of four billion dollars", 4e9, Unit.USD, None),
        ("a five-percent increase", 5, Unit.PERCENT, None),
        ("exports increased eight percent", 8, Unit.PERCENT, None),
    ],
)
def test_a_number_written_as_a_word_with_a_scale_or_a_percent(
    text: str, value: float, unit: Unit, qualifier: str | None
) -> None:
    [amount] = find_amounts(text)
    assert (amount.value, amount.unit, amount.qualifier) == (value, unit, qualifier)


def test_a_number_word_without_a_scale_or_a_percent_is_a_word() -> None:
    found = find_amounts("thương mại hai chiều năm 2015 đạt hai tấn, one dollar")
    assert [(a.text, a.unit) for a in found] == [("2015", Unit.NONE)]
