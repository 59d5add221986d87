"""One request: messages in, the answer's JSON text out, through the openai client.

Layers, innermost first: the raw ``chat.completions.create`` of the openai client
(its own retries off), a check that a local server still lives, tenacity for
transport errors (``retry.py``), then the request shape of the mode
(``request.py``), the server's adapter (``flavour.py``) and the model family's
parameters (``family.py``). Every response's token usage is summed into the
``Exchange``, which also keeps the last raw answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import openai
from openai.types.chat import ChatCompletionMessageParam

from extractor.llm import family
from extractor.llm.endpoint import SEED, TEMPERATURE, Endpoint
from extractor.llm.flavour import ADAPTERS
from extractor.llm.prompts import load_prompts
from extractor.llm.request import answer_text, structured
from extractor.llm.retry import RetryPolicy, retrying
from extractor.llm.schema import schema_hash
from extractor.types import Usage

VERSION_HEADER = "X-Extractor-Version"
ENDPOINT_HEADER = "X-Extractor-Endpoint"


class Truncated(RuntimeError):
    """The answer hit the token limit: it is not whole and must not be parsed as such."""


class AnswerFailed(RuntimeError):
    """The endpoint gave no answer (after the transport retries)."""


class EndpointDown(RuntimeError):
    """The endpoint is gone for good (a local server that died): ask it nothing more."""


@dataclass
class Exchange:
    """What the requests of one passage cost and what the model last said."""

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
        self.raw_answer = answer_text(response)
        self.finish_reason = choices[0].finish_reason if choices else None


def version_tag() -> str:
    """Prompt and schema hashes, sent with every request and so stored in every cassette."""
    return f"prompt={load_prompts().hash};schema={schema_hash()}"


@cache
def _openai_client(base_url: str | None, api_key: str, timeout_s: float) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=0)


def request_body(
    endpoint: Endpoint, messages: list[ChatCompletionMessageParam], max_tokens: int
) -> dict[str, Any]:
    """Everything a request sends but the headers (also what identical requests share)."""
    kwargs: dict[str, Any] = {
        "model": endpoint.model,
        "max_tokens": max_tokens,
        "temperature": TEMPERATURE,
        "seed": SEED,
        **structured(endpoint.mode, messages),
    }
    kwargs = ADAPTERS[endpoint.flavour](kwargs)
    return family.for_model(endpoint.model)(kwargs)


def _create(endpoint: Endpoint, timeout_s: float):
    client = _openai_client(endpoint.base_url, endpoint.api_key, timeout_s)

    def create(**kwargs: Any) -> Any:
        if endpoint.down and (cause := endpoint.down()):
            raise EndpointDown(cause)
        try:
            return client.chat.completions.create(**kwargs)
        except openai.APIConnectionError as exc:
            if endpoint.down and (cause := endpoint.down()):
                raise EndpointDown(cause) from exc
            raise

    return create


def complete(
    endpoint: Endpoint,
    body: dict[str, Any],
    *,
    policy: RetryPolicy,
    timeout_s: float,
    exchange: Exchange,
) -> str:
    """The answer text of one request; raises Truncated, AnswerFailed or EndpointDown."""
    create = _create(endpoint, timeout_s)
    headers = {
        VERSION_HEADER: version_tag(),
        ENDPOINT_HEADER: f"flavour={endpoint.flavour};mode={endpoint.mode.value}",
    }
    where = endpoint.cache_identity
    while True:
        sent = family.REFUSALS.apply(where, body)
        try:
            response = retrying(policy)(create, extra_headers=headers, **sent)
        except openai.BadRequestError as exc:
            if family.REFUSALS.learn(where, exc, sent):
                continue
            raise AnswerFailed(_short(exc)) from exc
        except openai.OpenAIError as exc:
            raise AnswerFailed(_short(exc)) from exc
        break
    exchange.record(response)
    max_tokens = sent.get("max_tokens") or sent.get("max_completion_tokens")
    if exchange.finish_reason == "length":
        raise Truncated(f"answer cut off at {max_tokens} tokens")
    if exchange.raw_answer is None:
        raise AnswerFailed("the response holds no answer")
    return exchange.raw_answer


def _short(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[:limit] + "…"
