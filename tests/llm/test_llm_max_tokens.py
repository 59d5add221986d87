"""The user's cap on answer tokens: bounded, and applied to whatever a strategy asks for."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor import extract
from extractor.llm.budget import BUDGETS
from extractor.llm.client import capped
from extractor.types import MAX_ANSWER_TOKENS, MIN_ANSWER_TOKENS, ExtractOptions


def test_the_default_is_the_model_kinds_own_limit() -> None:
    assert ExtractOptions().max_tokens is None
    assert BUDGETS["openai"].with_max_tokens(None) == BUDGETS["openai"]


def test_a_cap_lowers_the_budget_but_never_raises_it() -> None:
    assert BUDGETS["openai"].with_max_tokens(1000).max_tokens == 1000
    assert BUDGETS["llama_cpp"].with_max_tokens(60_000).max_tokens == 2048


def test_a_cap_lowers_either_name_of_the_limit_and_adds_none() -> None:
    assert capped({"max_tokens": 4096, "model": "m"}, 500) == {"max_tokens": 500, "model": "m"}
    assert capped({"max_completion_tokens": 300}, 500) == {"max_completion_tokens": 300}
    assert capped({"model": "m"}, 500) == {"model": "m"}
    assert capped({"max_tokens": 4096}, None) == {"max_tokens": 4096}


@pytest.mark.parametrize("cap", [MIN_ANSWER_TOKENS - 1, MAX_ANSWER_TOKENS + 1, 0, -5])
def test_a_cap_out_of_bounds_is_refused(cap: int) -> None:
    with pytest.raises(ValidationError, match="max_tokens"):
        ExtractOptions(max_tokens=cap)


def test_the_api_refuses_a_bad_cap_before_running() -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        extract("Xuất khẩu đạt 1 tỷ USD.", path="llm", llm="openai:m", max_tokens=1)
