"""Period expressions: each rule's pattern and production, and the article's year."""

from __future__ import annotations

import pytest

from extractor.rules.periods import find_periods
from extractor.rules.years import infer_main_year

# text (lower case), (year, start_month, end_month) of the first period found
CASES: list[tuple[str, tuple[int | None, int, int]]] = [
    ("tháng 1/2025", (2025, 1, 1)),
    ("tháng 7-2014", (2014, 7, 7)),
    ("tháng 3.2018", (2018, 3, 3)),
    ("tháng 12 năm 2014", (2014, 12, 12)),
    ("quý i", (None, 1, 3)),
    ("quý ii/2023", (2023, 4, 6)),
    ("quý 2/2025", (2025, 4, 6)),
    ("quý iv năm 2022", (2022, 10, 12)),
    ("6 tháng đầu năm 2025", (2025, 1, 6)),
    ("7 tháng/2017", (2017, 1, 7)),
    ("luỹ kế 11 tháng", (None, 1, 11)),
    ("tính chung 10 tháng", (None, 1, 10)),
    ("hết tháng 6", (None, 1, 6)),
    ("tính đến hết tháng 4/2019", (2019, 1, 4)),
    ("từ đầu năm đến ngày 15/5", (None, 1, 5)),
    ("nửa đầu năm", (None, 1, 6)),
    ("năm 2022", (2022, 1, 12)),
    ("first five months", (None, 1, 5)),
    ("first quarter of 2020", (2020, 1, 3)),
    ("in april", (None, 4, 4)),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_period_expression(text: str, expected: tuple[int | None, int, int]) -> None:
    found = find_periods(text)
    assert found, f"no period in {text!r}"
    p = found[0]
    assert (p.year, p.start_month, p.end_month) == expected


@pytest.mark.parametrize(
    "text",
    ["tăng 1% so với tháng 9", "tăng 13,6% so với quý i năm 2025", "so với cùng kỳ 2020"],
)
def test_a_comparison_names_a_basis_not_a_period(text: str) -> None:
    assert find_periods(text) == []


def test_a_duration_is_not_a_period() -> None:
    assert find_periods("hoạt động trở lại sau hơn 3 tháng dừng") == []


def test_the_first_year_of_a_range_of_years_is_not_a_year_period() -> None:
    text = "an average growth rate of 30 per cent for the 2010 to 2014 period"
    assert [p for p in find_periods(text) if p.year == 2010 and p.rule == "year (en)"] == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("xuất khẩu tháng 6/2025 đạt 39,49 tỷ usd", 2025),
        ("luỹ kế 11 tháng tăng 17,5% so với cùng kỳ 2020", 2021),
        ("giá tăng 66% so với tháng 5/2023", 2024),
        # the earliest evidence wins over a later historical aside
        ("giảm 6% so với cùng kỳ năm 2015. hết tháng 6-2015 tăng 36%", 2016),
        ("the covid-19 pandemic since april hit trade", 2020),
        (
            "exports to the us rose in january-august as a 20% tariff on most "
            "vietnamese goods took effect",
            2025,
        ),
        (
            "mức cán cân thương mại trong 2 tháng thấp hơn mức 5,46 tỷ usd của cùng kỳ năm 2024",
            2025,
        ),
        ("xuất khẩu tăng mạnh", None),
        # a date before any trade figure a fact may hold is history, not the article's year
        ("hai nước thiết lập quan hệ ngoại giao ngày 8/5/1989. 5 tháng đầu năm 2025, ...", 2025),
        ("viet nam and indonesia established diplomatic relations in 1955.", None),
    ],
)
def test_main_year(text: str, year: int | None) -> None:
    assert infer_main_year(text, find_periods(text)) == year


def test_a_year_after_tu_in_mid_clause_is_when_a_trend_began() -> None:
    # "xu hướng sụt giảm từ năm 2018": since 2018, not the article's year; a sentence that
    # opens with "Từ năm 2018, ..." still names its period
    mid = find_periods("xuất khẩu tôm tiếp tục xu hướng sụt giảm từ năm 2018.")
    opening = find_periods("từ năm 2018, xuất khẩu tôm tăng mạnh.")
    assert [p.year for p in mid] == []
    assert [p.year for p in opening] == [2018]
