"""What hosted endpoints receive, seen by a local test server: strict schemas, model families."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from llm_fakes import GOOD_FACT, answer

from extractor.llm import extract_by_llm
from extractor.llm.request import answer_text
from extractor.llm.strict import violations


def _options(live_options, model: str, **update):
    return live_options.model_copy(update={"llm": f"openai:{model}", **update})


def test_gpt_4o_mini_gets_a_strict_json_schema_whose_every_object_is_closed(
    fake_server, article, live_options
):
    fake_server.script = [answer([GOOD_FACT])]
    result = extract_by_llm(article, _options(live_options, "gpt-4o-mini"))
    [sent] = fake_server.requests
    fmt = sent["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert violations(fmt["json_schema"]["schema"]) == []
    assert sent["max_tokens"] > 0 and sent["temperature"] == 0.0
    assert [f.value for f in result.facts] == [1.2e9]


@pytest.mark.parametrize("model", ["o3-mini", "o4-mini", "gpt-5-mini", "openai/o1"])
def test_reasoning_models_get_max_completion_tokens_and_no_temperature(
    fake_server, article, live_options, model
):
    fake_server.script = [answer([GOOD_FACT])]
    extract_by_llm(article, _options(live_options, model))
    [sent] = fake_server.requests
    assert "temperature" not in sent and "max_tokens" not in sent
    assert sent["max_completion_tokens"] > 0


def test_tools_strict_sends_a_strict_tool(fake_server, article, live_options):
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "answer", "arguments": json.dumps({"facts": [GOOD_FACT]})},
    }
    status, headers, body = answer([])
    reply = json.loads(body)
    reply["choices"][0]["message"] = {"role": "assistant", "content": None, "tool_calls": [call]}
    fake_server.script = [(status, headers, json.dumps(reply).encode())]
    result = extract_by_llm(article, _options(live_options, "gpt-4o-mini", mode="tools_strict"))
    [sent] = fake_server.requests
    [tool] = sent["tools"]
    assert tool["function"]["strict"] is True and violations(tool["function"]["parameters"]) == []
    assert sent["tool_choice"]["function"]["name"] == "answer"
    assert [f.value for f in result.facts] == [1.2e9]


def test_plain_json_mode_puts_the_schema_in_the_prompt(fake_server, article, live_options):
    fake_server.script = [answer([GOOD_FACT])]
    extract_by_llm(article, _options(live_options, "gpt-4o-mini", mode="json"))
    [sent] = fake_server.requests
    assert sent["response_format"] == {"type": "json_object"}
    assert "JSON Schema" in sent["messages"][0]["content"]


def test_an_answer_in_a_code_fence_is_read():
    message = SimpleNamespace(tool_calls=None, content='```json\n{"facts": []}\n```')
    response = SimpleNamespace(choices=[SimpleNamespace(message=message)])
    assert answer_text(response) == '{"facts": []}'
