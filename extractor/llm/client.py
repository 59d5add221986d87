"""One structured call: messages in, validated ``LlmAnswer`` out, through openai + instructor.

Layers, innermost first: the raw ``chat.completions.create`` of the openai client
(its own retries off), the per-server request adapter, tenacity for transport
errors, then instructor for validation and re-asks. Every raw response passes a
hook that sums token usage and keeps the last raw answer, re-asks included.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import openai
from instructor import Instructor, Provider
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.patch import patch_v2
from openai.types.chat import ChatCompletionMessageParam

from extractor.llm.endpoint import MAX_TOKENS, SEED, TEMPERATURE, Endpoint
from extractor.llm.flavour import ADAPTERS
from extractor.llm.prompts import load_prompts
from extractor.llm.retry import RetryPolicy, retrying
from extractor.llm.schema import LlmAnswer, schema_hash
from extractor.types import Usage

# instructor logs every failed attempt at ERROR; we report failures in the result instead.
logging.getLogger("instructor").addHandler(logging.NullHandler())

VERSION_HEADER = "X-Extractor-Version"
ENDPOINT_HEADER = "X-Extractor-Endpoint"


class Truncated(RuntimeError):
    """The answer hit the token limit: it is not whole and must not be parsed as such."""


class AnswerFailed(RuntimeError):
    """No valid answer after every re-ask."""


@dataclass
class Exchange:
    """What one call cost and what the model last said."""

    usage: Usage = field(default_factory=Usage)
    raw_answer: str | None = None
    finish_reason: str | None = None

    def record(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.usage = self.usage + Usage(
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            requests=1,
        )
        choices = getattr(response, "choices", None) or []
        if choices:
            message = choices[0].message
            calls = getattr(message, "tool_calls", None)
            self.raw_answer = calls[0].function.arguments if calls else message.content
            self.finish_reason = choices[0].finish_reason


def version_tag() -> str:
    """Prompt and schema hashes, sent with every request and so stored in every cassette."""
    return f"prompt={load_prompts().hash};schema={schema_hash()}"


@cache
def _openai_client(base_url: str | None, api_key: str, timeout_s: float) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=0)


def transport(endpoint: Endpoint, policy: RetryPolicy, timeout_s: float):
    """The raw create call with the server's adapter and tenacity around it."""
    client = _openai_client(endpoint.base_url, endpoint.api_key, timeout_s)
    adapt = ADAPTERS[endpoint.flavour]

    def create(**kwargs: Any) -> Any:
        kwargs = adapt(kwargs)
        return retrying(policy)(client.chat.completions.create, **kwargs)

    return create


def ask(
    endpoint: Endpoint,
    messages: list[ChatCompletionMessageParam],
    *,
    max_retries: int,
    policy: RetryPolicy,
    timeout_s: float,
    exchange: Exchange,
) -> LlmAnswer:
    """Validated answer for one passage; raises Truncated or AnswerFailed (exchange filled)."""
    create = patch_v2(transport(endpoint, policy, timeout_s), Provider.OPENAI, endpoint.mode)
    structured = Instructor(
        client=None, create=create, provider=Provider.OPENAI, mode=endpoint.mode
    )
    structured.on("completion:response", exchange.record)
    try:
        return structured.create(
            model=endpoint.model,
            messages=messages,
            response_model=LlmAnswer,
            max_retries=max_retries,
            max_tokens=MAX_TOKENS,
            temperature=TEMPERATURE,
            seed=SEED,
            extra_headers={
                VERSION_HEADER: version_tag(),
                ENDPOINT_HEADER: f"flavour={endpoint.flavour};mode={endpoint.mode.value}",
            },
        )
    except IncompleteOutputException as exc:
        raise Truncated(f"answer cut off at {MAX_TOKENS} tokens") from exc
    except InstructorRetryException as exc:
        if exchange.finish_reason == "length":
            raise Truncated(f"answer cut off at {MAX_TOKENS} tokens") from exc
        cause = exc.__cause__ or exc
        raise AnswerFailed(
            f"no valid answer after {exc.n_attempts} attempt(s): {_short(cause)}"
        ) from exc


def _short(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[:limit] + "…"
