"""Per-fact validation against a local test server: valid facts kept, only invalid ones re-asked."""

from __future__ import annotations

import json

from llm_fakes import ARTICLE_TEXT, GOOD_FACT, answer

from extractor.llm import extract_by_llm
from extractor.types import Article

CHANGE = {
    **GOOD_FACT,
    "quote": "tăng 5,5% so với cùng kỳ năm trước",
    "number": "5,5%",
    "metric": "change_pct",
    "basis": "yoy",
}


def _bodies(fake_server) -> list[str]:
    return [json.dumps(r, sort_keys=True) for r in fake_server.requests]


def test_an_answer_with_one_invalid_fact_keeps_the_others(fake_server, article, live_options):
    bad = {**GOOD_FACT, "partner": "THL"}
    fake_server.script = [answer([GOOD_FACT, bad, CHANGE]), answer([])]
    result = extract_by_llm(article, live_options)
    assert sorted(f.value for f in result.facts) == [5.5, 1.2e9]
    reask = fake_server.requests[1]["messages"]
    shown = json.loads(reask[-2]["content"])["facts"]
    assert shown == [bad]  # only the invalid fact goes back, with its error
    assert "fact 1 (number '1,2 tỷ USD'): partner: partner 'THL'" in reask[-1]["content"]


def test_a_corrected_fact_from_the_re_ask_joins_the_kept_ones(fake_server, article, live_options):
    bad = {**CHANGE, "start_month": 9}
    fake_server.script = [answer([GOOD_FACT, bad]), answer([CHANGE])]
    result = extract_by_llm(article, live_options)
    assert sorted(f.value for f in result.facts) == [5.5, 1.2e9]
    assert len(fake_server.requests) == 2


def test_a_model_that_repeats_itself_is_not_asked_the_same_thing_again(
    fake_server, article, live_options
):
    bad = {**GOOD_FACT, "partner": "THL"}
    fake_server.script = [answer([GOOD_FACT, bad])] + [answer([bad])] * 5
    result = extract_by_llm(article, live_options.model_copy(update={"max_retries": 4}))
    bodies = _bodies(fake_server)
    assert len(bodies) == 2 and len(set(bodies)) == 2  # the third ask would equal the second
    assert [f.value for f in result.facts] == [1.2e9]
    assert any("same request was already sent" in w for w in result.warnings)
    assert any("left out invalid readings" in w for w in result.warnings)


def test_a_repeated_passage_is_asked_once(fake_server, live_options):
    paragraph = ARTICLE_TEXT.splitlines()[1]
    text = f"{paragraph}\n{paragraph}"
    fake_server.script = [answer([GOOD_FACT])] * 3
    options = live_options.model_copy(update={"passage_chars": len(paragraph) + 1})
    result = extract_by_llm(Article(name="twice.txt", text=text), options)
    bodies = _bodies(fake_server)
    assert len(set(bodies)) == len(bodies) == 2  # second copy has the opening as context
    assert result.error is None


def test_three_letter_codes_and_names_map_to_the_vocabulary_without_a_re_ask(
    fake_server, article, live_options
):
    fake_server.script = [answer([{**GOOD_FACT, "partner": "KOR"}])]
    result = extract_by_llm(article, live_options)
    assert [f.partner for f in result.facts] == ["KR"] and len(fake_server.requests) == 1


def test_an_unreadable_answer_is_re_asked_with_its_text(fake_server, article, live_options):
    fake_server.script = [answer(content="facts: none"), answer([GOOD_FACT])]
    result = extract_by_llm(article, live_options)
    reask = fake_server.requests[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": "facts: none"}
    assert "not valid JSON" in reask[-1]["content"]
    assert [f.value for f in result.facts] == [1.2e9]


def test_a_reading_not_in_the_text_is_held_back_with_its_reason(
    fake_server, article, live_options, tmp_path
):
    invented = {**GOOD_FACT, "quote": "xuất khẩu gạo đạt 9,9 tỷ USD", "number": "9,9 tỷ USD"}
    fake_server.script = [answer([GOOD_FACT, invented])] * 2
    result = extract_by_llm(article, live_options)
    assert [f.value for f in result.facts] == [1.2e9]
    [held] = result.rejected
    assert held.value == 9.9e9 and held.grounding.value in ("value_not_in_text", "quote_not_found")
    kept = extract_by_llm(
        article,
        live_options.model_copy(
            update={"keep_ungrounded": True, "cache_dir": str(tmp_path / "other")}
        ),
    )
    assert sorted(f.value for f in kept.facts) == [1.2e9, 9.9e9] and kept.rejected == []


def test_a_reading_without_a_year_takes_the_article_s_year(fake_server, article, live_options):
    fake_server.script = [answer([{**GOOD_FACT, "year": None}])]
    [fact] = extract_by_llm(article, live_options).facts
    assert fact.period.year == 2024


def test_the_passage_is_sent_with_the_dates_the_code_found(fake_server, article, live_options):
    fake_server.script = [answer([GOOD_FACT])]
    extract_by_llm(article, live_options)
    last = fake_server.requests[0]["messages"][-1]["content"]
    assert 'DATES (found in the article): the article\'s year is 2024; "tháng 3/2024"' in last
