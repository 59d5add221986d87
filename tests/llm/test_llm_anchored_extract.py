"""The anchored strategy against a local test server: requests, re-asks, cache, cassettes."""

from __future__ import annotations

import json

from llm_fakes import ARTICLE_TEXT, answer

from extractor.llm import extract_by_llm
from extractor.llm.anchored.version import anchored_version_tag
from extractor.llm.client import VERSION_HEADER
from extractor.types import Article, Basis, ExtractOptions, Metric, Usage

# ARTICLE_TEXT: "... xuất khẩu gạo đạt [1]1,2 tỷ USD, tăng [2]5,5% so với cùng kỳ năm trước."
GOOD = {"1": {"f": "x", "m": "v", "i": "a"}, "2": {"f": "x", "m": "c", "b": "a", "i": "a"}}


def anchored(options: ExtractOptions, **update: object) -> ExtractOptions:
    return options.model_copy(update={"strategy": "anchored", **update})


def test_numbers_are_labelled_and_their_value_comes_from_the_text(fake_server, live_options):
    fake_server.script = [answer(content=json.dumps(GOOD))]
    result = extract_by_llm(Article(name="a.txt", text=ARTICLE_TEXT), anchored(live_options))
    assert result.error is None, result
    assert [(f.metric, f.value, f.item) for f in result.facts] == [
        (Metric.VALUE, 1.2e9, "gạo"),
        (Metric.CHANGE_PCT, 5.5, "gạo"),
    ]
    assert result.facts[1].basis is Basis.YOY
    request = fake_server.requests[0]
    fmt = request["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert "[1]1,2 tỷ USD" in request["messages"][-1]["content"]


def test_one_invalid_label_is_re_asked_alone_and_the_valid_one_kept(fake_server, live_options):
    bad = {"y": "a", "1": GOOD["1"], "2": {"f": "x", "m": "v", "i": "a"}}  # % is no value
    fake_server.script = [answer(content=json.dumps(bad)), answer(content=json.dumps(GOOD))]
    result = extract_by_llm(Article(name="a.txt", text=ARTICLE_TEXT), anchored(live_options))
    assert len(fake_server.requests) == 2
    first, second = fake_server.requests
    assert first != second  # never the same request twice
    # the year was answered: only the invalid label is asked again
    assert list(first["response_format"]["json_schema"]["schema"]["properties"]) == ["y", "1", "2"]
    assert list(second["response_format"]["json_schema"]["schema"]["properties"]) == ["2"]
    assert "Not valid" in second["messages"][-1]["content"]
    assert [f.metric for f in result.facts] == [Metric.VALUE, Metric.CHANGE_PCT]
    assert result.usage is not None and result.usage.requests == 2


def test_one_anchor_per_request_on_llama_cpp_is_a_grammar_of_its_label(fake_server, live_options):
    fake_server.script = [
        answer(content=json.dumps({"1": GOOD["1"]})),
        answer(content=json.dumps({"2": GOOD["2"]})),
    ]
    from extractor.llm import flavour

    options = anchored(live_options, anchors_per_request=1)
    original = flavour.guess_flavour
    try:
        flavour.guess_flavour = lambda _url: "llama_cpp"  # type: ignore[assignment]
        import extractor.llm.backends.openai_compat as compat

        compat.guess_flavour = flavour.guess_flavour  # type: ignore[assignment]
        result = extract_by_llm(Article(name="a.txt", text=ARTICLE_TEXT), options)
    finally:
        flavour.guess_flavour = original
        compat.guess_flavour = original  # type: ignore[assignment]
    assert len(fake_server.requests) == 2
    fmt = fake_server.requests[0]["response_format"]
    assert fmt["type"] == "json_object" and list(fmt["schema"]["properties"]) == ["1"]
    assert "[y]" not in fake_server.requests[0]["messages"][-1]["content"]  # year not asked
    assert [f.value for f in result.facts] == [1.2e9, 5.5]


def test_a_second_run_is_answered_from_the_cache(fake_server, live_options):
    fake_server.script = [answer(content=json.dumps(GOOD))]
    article = Article(name="a.txt", text=ARTICLE_TEXT)
    first = extract_by_llm(article, anchored(live_options))
    second = extract_by_llm(article, anchored(live_options))
    assert len(fake_server.requests) == 1
    assert first.facts == second.facts
    assert (first.usage.requests, first.usage.cached) == (1, 0)
    assert second.usage == Usage(cached=1)  # a re-run says it sent nothing


def test_the_version_tag_is_sent_with_every_request(fake_server, live_options):
    fake_server.script = [answer(content=json.dumps(GOOD))]
    extract_by_llm(Article(name="a.txt", text=ARTICLE_TEXT), anchored(live_options))
    assert anchored_version_tag().startswith("strategy=anchored;prompt=")
    assert VERSION_HEADER  # the tag rides in this header (checked on cassettes in the replay test)


TOPIC_IN_HEADLINE = (
    "Xuất khẩu cà phê 5 tháng đầu năm 2024 tăng mạnh\n"
    "Theo Tổng cục Hải quan, 5 tháng đầu năm 2024, xuất khẩu cà phê đạt 2,5 tỷ USD.\n"
    "Riêng tháng 5, kim ngạch đạt 500 triệu USD, tăng 12% so với tháng trước."
)


def test_a_hosted_model_is_offered_the_rule_reading_of_each_number(fake_server, live_options):
    labels = {"1": {"f": "0"}, "2": {"f": "x", "m": "v", "p": "a", "i": "a"}, "3": {"f": "0"}}
    fake_server.script = [answer(content=json.dumps(labels))]
    article = Article(name="a.txt", text=TOPIC_IN_HEADLINE)
    result = extract_by_llm(article, anchored(live_options))
    asked = fake_server.requests[0]["messages"][-1]["content"].split("[2] 500 triệu USD")[1]
    # the product is named only a paragraph up; the rule path read it, so it is offered
    assert "i: a=cà phê | 0=none" in asked.split("[3]")[0]
    assert [(f.value, f.item) for f in result.facts] == [(5e8, "cà phê")]


YEARLESS = (
    "Xuất khẩu cà phê tăng mạnh\n"
    "Trong 5 tháng đầu năm, xuất khẩu cà phê đạt 2 tỷ USD, tăng 10% so với cùng kỳ năm 2023."
)
COFFEE = {"1": {"f": "x", "m": "v", "i": "a"}, "2": {"f": "x", "m": "c", "b": "a", "i": "a"}}


def test_a_hosted_model_is_asked_the_articles_year_and_it_dates_the_periods_naming_none(
    fake_server, live_options
):
    fake_server.script = [answer(content=json.dumps({"y": "b", **COFFEE}))]
    result = extract_by_llm(Article(name="a.txt", text=YEARLESS), anchored(live_options))
    asked = fake_server.requests[0]["messages"][-1]["content"]
    assert '[y] the year of the figures whose period names no year ("the article\'s year"' in asked
    assert "a=2024 | b=2025 | c=2023 | 0=not stated" in asked  # the inferred year first
    assert "Year of the article" not in asked  # asked, not stated
    assert [(f.period.year, f.period.end_month) for f in result.facts if f.period] == [
        (2025, 5),
        (2025, 5),
    ]


def test_not_stated_leaves_the_year_null_and_no_answer_keeps_the_inferred_one(
    fake_server, live_options
):
    fake_server.script = [answer(content=json.dumps({"y": "0", **COFFEE}))]
    result = extract_by_llm(Article(name="a.txt", text=YEARLESS), anchored(live_options))
    assert [f.period.year for f in result.facts if f.period] == [None, None]
    fake_server.script = [answer(content=json.dumps(COFFEE))] * 4
    another = YEARLESS.replace("tăng mạnh", "tăng")  # not the cached request
    result = extract_by_llm(Article(name="b.txt", text=another), anchored(live_options))
    assert [f.period.year for f in result.facts if f.period] == [2024, 2024]
    assert "the article's year was not answered: the inferred one is kept" in result.warnings
