"""An endpoint that refuses a parameter is told once, not every passage."""

from __future__ import annotations

import json

from llm_fakes import GOOD_FACT, answer

from extractor.llm import extract_by_llm
from extractor.llm.family import Refusals
from extractor.types import Article


def _refuse(name: str) -> tuple[int, dict, bytes]:
    message = f"Unsupported parameter: '{name}' is not supported with this model."
    body = {"error": {"message": message, "type": "invalid_request_error", "param": name}}
    return 400, {"Content-Type": "application/json"}, json.dumps(body).encode()


def test_a_refused_parameter_is_dropped_for_every_later_request(
    fake_server, live_options, capsys, monkeypatch
):
    monkeypatch.setattr("extractor.llm.family.REFUSALS", Refusals())
    fake_server.script = [_refuse("temperature"), answer([GOOD_FACT]), answer([GOOD_FACT])]
    options = live_options.model_copy(update={"llm": "openai:strict-model"})
    for name in ("a.txt", "b.txt"):
        text = f"Xuất khẩu gạo tháng 3/2024 ({name})\nXuất khẩu gạo đạt 1,2 tỷ USD."
        result = extract_by_llm(Article(name=name, text=text), options)
        assert result.error is None
    first, *later = fake_server.requests
    assert "temperature" in first
    assert len(later) == 2 and all("temperature" not in r for r in later)
    assert capsys.readouterr().err.count("refuses 'temperature'") == 1


def test_a_refused_max_tokens_becomes_max_completion_tokens(
    fake_server, article, live_options, monkeypatch
):
    monkeypatch.setattr("extractor.llm.family.REFUSALS", Refusals())
    fake_server.script = [_refuse("max_tokens"), answer([GOOD_FACT])]
    extract_by_llm(article, live_options)
    assert "max_completion_tokens" in fake_server.requests[1]
    assert "max_tokens" not in fake_server.requests[1]


def test_any_other_bad_request_fails_the_passage_without_retrying(
    fake_server, article, live_options, monkeypatch
):
    monkeypatch.setattr("extractor.llm.family.REFUSALS", Refusals())
    body = json.dumps({"error": {"message": "context length exceeded"}}).encode()
    fake_server.script = [(400, {"Content-Type": "application/json"}, body)] * 3
    result = extract_by_llm(article, live_options)
    assert len(fake_server.requests) == 1 and "BadRequestError" in result.error
