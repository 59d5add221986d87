"""Passages and waits sized to the kind of model."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.llm.budget import BUDGETS
from extractor.llm.extract import Started, start_article
from extractor.types import Article, ExtractOptions

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "001_791fcfb07cf1515f.txt"


def test_the_bundled_model_gets_smaller_passages_than_hosted_ones():
    local, hosted = BUDGETS["llama_cpp"], BUDGETS["openai"]
    assert local.max_chars < hosted.max_chars and local.max_amounts < hosted.max_amounts


def test_a_user_passage_size_replaces_the_characters_and_0_is_the_whole_article():
    local = BUDGETS["llama_cpp"]
    assert local.with_chars(500).max_chars == 500
    assert local.with_chars(500).max_tokens == local.max_tokens
    whole = local.with_chars(0)
    assert whole.max_chars >= 10**9 and whole.max_amounts >= 10**9
    assert local.with_chars(None) == local


def test_a_local_model_waits_long_enough_and_a_hosted_one_as_asked():
    asked = ExtractOptions(timeout_s=300.0, article_deadline_s=900.0)
    local = BUDGETS["llama_cpp"].patient(asked)
    assert local.timeout_s == 1800.0 and local.article_deadline_s == 4 * 3600.0
    assert BUDGETS["openai"].patient(asked) == asked
    longer = ExtractOptions(timeout_s=7200.0)
    assert BUDGETS["llama_cpp"].patient(longer).timeout_s == 7200.0


@pytest.mark.parametrize("strategy", ["anchored", "direct"])
def test_every_strategy_starts_an_article_with_the_local_models_waits(strategy: str) -> None:
    # the samples were recorded from the bundled model: their endpoint is llama.cpp's
    article = Article(name=SAMPLE.name, text=SAMPLE.read_text(encoding="utf-8"))
    asked = ExtractOptions(llm="replay", strategy=strategy, article_deadline_s=900.0)
    started = start_article(article, asked)
    assert isinstance(started, Started)
    assert started.endpoint.flavour == "llama_cpp"
    assert started.options.article_deadline_s == BUDGETS["llama_cpp"].min_deadline_s
    assert started.options.timeout_s >= BUDGETS["llama_cpp"].min_timeout_s
