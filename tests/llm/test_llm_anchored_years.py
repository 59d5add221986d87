"""The article's year, asked of a hosted model: its options, its answer, what it dates."""

from __future__ import annotations

from extractor.llm.anchored.extract import anchor_choices
from extractor.llm.anchored.prompt import load_anchored_prompt
from extractor.llm.anchored.requests import batches, passage
from extractor.llm.anchored.years import dated, dateline, question, read_year, year_options
from extractor.rules.document import Document
from extractor.types import Article, Period

COMPARED = "Trong 5 tháng đầu năm, xuất khẩu cà phê đạt 2 tỷ USD, tăng 10% so với cùng kỳ năm 2023."
SINCE = "Fertiliser imports hit 472,283 tonnes in August, the highest since July 2021."


def test_the_inferred_year_comes_first_then_those_around_it_and_those_the_text_names():
    years = year_options(Document(COMPARED))
    assert [(o.code, o.text) for o in years] == [
        ("a", "2024"),  # inferred: a year after the one compared with
        ("b", "2025"),
        ("c", "2023"),
        ("0", "not stated"),
    ]
    assert "a=2024 | b=2025 | c=2023 | 0=not stated" in question(years)
    assert [o.text for o in year_options(Document(SINCE))][:3] == ["2022", "2023", "2021"]


def test_an_article_that_names_and_implies_no_year_is_not_asked():
    assert year_options(Document("Xuất khẩu gạo tháng 5 đạt 300 triệu USD.")) == ()


def test_an_answer_is_one_of_the_options_and_anything_else_none():
    years = year_options(Document(COMPARED))
    assert read_year(years, "b") == (True, 2025)
    assert read_year(years, "0") == (True, None)
    assert read_year(years, "2025") == read_year(years, None) == (False, None)


def test_the_year_dates_only_a_period_that_names_none():
    assert dated(Period(year=None, start_month=1, end_month=5), 2025) == Period(
        year=2025, start_month=1, end_month=5
    )
    named = Period(year=2023, start_month=1, end_month=12)
    assert dated(named, 2025) == named and dated(None, 2025) is None


def test_when_the_year_is_asked_a_period_naming_none_is_offered_in_the_articles_year():
    article = Article(name="a.txt", text=COMPARED)
    scan = Document(COMPARED)
    [asked, _] = anchor_choices(article, scan, True, year_options(scan))
    # the window's "5 tháng đầu năm", yearless; the rules' "months 1-5 of 2024" left out
    assert [o.value for o in asked.periods] == [Period(year=None, start_month=1, end_month=5)]
    [told, _] = anchor_choices(article, scan, True)
    assert Period(year=2024, start_month=1, end_month=5) in [o.value for o in told.periods]


def test_the_rules_period_in_the_year_they_inferred_is_offered_in_the_articles_year():
    article = Article(name="a.txt", text=SINCE)
    scan = Document(SINCE)
    [asked] = anchor_choices(article, scan, True, year_options(scan))
    assert [o.value for o in asked.periods] == [Period(year=None, start_month=8, end_month=8)]
    [told] = anchor_choices(article, scan, True)
    assert [o.value for o in told.periods] == [Period(year=2022, start_month=8, end_month=8)]


def test_a_period_written_with_its_year_is_offered_once_not_again_in_the_articles_year():
    text = "Trong tháng 3/2024, xuất khẩu gạo đạt 1,2 tỷ USD, tăng 5,5% so với cùng kỳ năm trước."
    scan = Document(text)
    years = year_options(scan)
    for choices in anchor_choices(Article(name="a.txt", text=text), scan, True, years):
        assert [o.value for o in choices.periods] in (
            [],  # one option: not asked
            [Period(year=2024, start_month=3, end_month=3)],
        )


DATED = (
    "South Korea & Japan the biggest importers of Vietnamese wood pellets\n\n"
    "July 15, 2023 | 07:20 GMT+7\n\n"
    "Vietnam exported 1.85 million tons of wood pellets in the first half of this year, "
    "earning nearly $300 million."
)


def test_the_dateline_is_shown_beside_the_year_question_and_only_there():
    scan = Document(DATED)
    assert dateline(scan) == "July 15, 2023 | 07:20 GMT+7"
    assert dateline(Document(COMPARED)) is None
    years = year_options(scan)
    [asked] = batches(anchor_choices(Article(name="a.txt", text=DATED), scan, True, years), 0)
    prompt = load_anchored_prompt()
    shown = prompt.user(passage(DATED, asked, scan.main_year, years, dateline(scan)), asked)
    assert "Dateline: July 15, 2023 | 07:20 GMT+7" in shown and "[y]" in shown
    # the year not asked (the bundled model): the year is stated, no dateline shown
    [told] = batches(anchor_choices(Article(name="a.txt", text=DATED), scan, True), 0)
    stated = prompt.user(passage(DATED, told, scan.main_year, (), dateline(scan)), told)
    assert "Dateline" not in stated and "Year of the article: 2023" in stated
