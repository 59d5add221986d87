"""The structured-output part of a request, per instructor mode; and the answer out of a reply.

OpenAI-style endpoints get the answer schema as a strict contract
(``json_schema`` with ``strict: true``, or a strict tool); llama.cpp gets the
same schema as a grammar (``flavour.py``); plain JSON modes get it in the
prompt. Validation is ours (``validate.py``), per fact, so the request is built
here rather than by instructor's patched client.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from instructor import Mode
from openai.types.chat import ChatCompletionMessageParam

from extractor.llm.schema import answer_schema
from extractor.llm.strict import strict_schema

ANSWER_NAME = "answer"
ANSWER_DESCRIPTION = "The trade facts the passage states."

Kwargs = dict[str, Any]
Messages = list[ChatCompletionMessageParam]


def _json_schema(messages: Messages) -> Kwargs:
    schema = strict_schema(answer_schema())
    return {
        "messages": messages,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": ANSWER_NAME, "schema": schema, "strict": True},
        },
    }


def _tool(*, strict: bool) -> Callable[[Messages], Kwargs]:
    def build(messages: Messages) -> Kwargs:
        function: dict[str, Any] = {
            "name": ANSWER_NAME,
            "description": ANSWER_DESCRIPTION,
            "parameters": strict_schema(answer_schema()) if strict else answer_schema(),
        }
        if strict:
            function["strict"] = True
        return {
            "messages": messages,
            "tools": [{"type": "function", "function": function}],
            "tool_choice": {"type": "function", "function": {"name": ANSWER_NAME}},
        }

    return build


def _schema_in_prompt(*, json_object: bool) -> Callable[[Messages], Kwargs]:
    def build(messages: Messages) -> Kwargs:
        schema = json.dumps(answer_schema(), ensure_ascii=False, separators=(",", ":"))
        first = dict(messages[0])
        first["content"] = f"{first['content']}\n\nThe answer follows this JSON Schema: {schema}"
        kwargs: Kwargs = {"messages": [first, *messages[1:]]}
        if json_object:
            kwargs["response_format"] = {"type": "json_object"}
        return kwargs

    return build


BUILDERS: dict[Mode, Callable[[Messages], Kwargs]] = {
    Mode.JSON_SCHEMA: _json_schema,
    Mode.TOOLS: _tool(strict=False),
    Mode.TOOLS_STRICT: _tool(strict=True),
    Mode.JSON: _schema_in_prompt(json_object=True),
    Mode.MD_JSON: _schema_in_prompt(json_object=False),
}

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def structured(mode: Mode, messages: Messages) -> Kwargs:
    """``messages`` plus what asks for the answer schema in ``mode``."""
    return BUILDERS[mode](messages)


def answer_text(response: Any) -> str | None:
    """The answer's JSON text: the tool call's arguments or the content (fences removed)."""
    choices = getattr(response, "choices", None) or []
    if not choices:
        return None
    message = choices[0].message
    calls = getattr(message, "tool_calls", None)
    text = calls[0].function.arguments if calls else message.content
    if text is None:
        return None
    fenced = _FENCE.match(text)
    return fenced.group(1) if fenced else text
