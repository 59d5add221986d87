"""The client against a misbehaving server: re-asks, transport retries, truncation, cache, usage."""

from __future__ import annotations

import time

from llm_fakes import GOOD_FACT, Drop, Stall, answer, failure

from extractor.llm import extract_by_llm
from extractor.types import Grounding, Usage


def test_a_valid_answer_becomes_a_grounded_fact(fake_server, article, live_options):
    fake_server.script = [answer([GOOD_FACT])]
    result = extract_by_llm(article, live_options)
    assert result.error is None
    [fact] = result.facts
    assert fact.value == 1.2e9 and fact.item == "gạo"
    assert fact.grounding is Grounding.GROUNDED
    assert article.text[fact.evidence.start : fact.evidence.end] == "xuất khẩu gạo đạt 1,2 tỷ USD"


def test_a_validation_failure_is_re_asked_with_the_errors(fake_server, article, live_options):
    bad = {**GOOD_FACT, "start_month": 9, "end_month": 3}
    fake_server.script = [answer([bad]), answer([GOOD_FACT])]
    result = extract_by_llm(article, live_options)
    assert len(fake_server.requests) == 2
    reask = fake_server.requests[1]["messages"]
    assert reask[-1]["role"] == "user" and "start_month 9 is after end_month 3" in str(reask[-1])
    assert [f.value for f in result.facts] == [1.2e9]


def test_429_with_retry_after_is_honoured(fake_server, article, live_options):
    fake_server.script = [failure(429, {"Retry-After": "1"}), answer([GOOD_FACT])]
    result = extract_by_llm(article, live_options)
    assert result.error is None and len(result.facts) == 1
    assert fake_server.times[1] - fake_server.times[0] >= 0.95


def test_5xx_and_a_timeout_are_retried(fake_server, article, live_options):
    fake_server.script = [failure(500), failure(503), Stall(1.0, answer([])), answer([GOOD_FACT])]
    started = time.monotonic()
    result = extract_by_llm(article, live_options.model_copy(update={"timeout_s": 0.4}))
    assert result.error is None and len(result.facts) == 1
    assert len(fake_server.requests) == 4
    assert time.monotonic() - started < 10


def test_a_dropped_connection_is_retried(fake_server, article, live_options):
    fake_server.script = [Drop(), answer([GOOD_FACT])]
    result = extract_by_llm(article, live_options)
    assert result.error is None and len(fake_server.requests) == 2


def test_transport_failure_on_every_attempt_names_article_and_cause(
    fake_server, article, live_options
):
    fake_server.script = [failure(500)] * 10
    result = extract_by_llm(article, live_options)
    assert result.facts == []
    assert result.error.startswith("rice.txt:") and "InternalServerError" in result.error
    assert len(fake_server.requests) == live_options.retry_attempts


def test_an_answer_cut_off_by_the_token_limit_is_not_parsed(fake_server, article, live_options):
    cut = '{"facts": [{"quote": "xuất khẩu gạo đạt 1,2 tỷ USD", "number": "1,2'
    fake_server.script = [answer(content=cut, finish="length")]
    result = extract_by_llm(article, live_options)
    assert result.facts == []
    assert "cut off" in result.error
    assert result.raw_answer == cut


def test_a_truncated_valid_looking_answer_is_still_refused(fake_server, article, live_options):
    fake_server.script = [answer([GOOD_FACT], finish="length")]
    result = extract_by_llm(article, live_options)
    assert result.facts == [] and "cut off" in result.error


def test_usage_is_summed_across_re_asks_and_retries(fake_server, article, live_options):
    bad = {**GOOD_FACT, "partner": "Atlantis"}
    fake_server.script = [
        failure(500),
        answer([bad], prompt=100, completion=30),
        answer([GOOD_FACT], prompt=150, completion=20),
    ]
    result = extract_by_llm(article, live_options)
    assert result.usage.prompt_tokens == 250
    assert result.usage.completion_tokens == 50
    assert result.usage.requests == 3  # every HTTP request, the unanswered 500 included


def test_all_re_asks_failing_keeps_the_last_raw_answer(fake_server, article, live_options):
    bad = {**GOOD_FACT, "partner": "Atlantis"}
    fake_server.script = [answer([bad]), answer([bad])]
    result = extract_by_llm(article, live_options)
    assert "rice.txt" in result.error and "partner" in result.error
    assert "Atlantis" in result.raw_answer


def test_a_cache_hit_makes_no_request(fake_server, article, live_options):
    fake_server.script = [answer([GOOD_FACT], prompt=120, completion=25)]
    first = extract_by_llm(article, live_options)
    second = extract_by_llm(article, live_options)
    assert len(fake_server.requests) == 1
    assert second.facts == first.facts
    assert first.usage == Usage(prompt_tokens=120, completion_tokens=25, requests=1)
    assert second.usage == Usage(cached=1)  # the re-run cost nothing


def test_a_masked_article_never_reaches_the_model(fake_server, live_options):
    from extractor.types import Article

    text = (
        "Kim_ngạch xuất_khẩu 1 tỷ USD 7 nhập_khẩu 1 tỷ USD 7 tăng 1 % 7 "
        "giảm 1 % 7 đạt 1 triệu USD 7."
    )
    result = extract_by_llm(Article(name="m.txt", text=text), live_options)
    assert result.numbers_masked is True and result.facts == []
    assert fake_server.requests == []
