"""One request: messages in, the answer's JSON text out, through the openai client.

Layers, innermost first: the raw ``chat.completions.create`` of the openai client
(its own retries off), a check that a local server still lives, tenacity for
transport errors (``retry.py``), then the request shape of the mode
(``request.py``), the server's adapter (``flavour.py``) and the model family's
parameters (``family.py``). Every HTTP request is counted and every response's token
usage summed into the ``Exchange``, which also keeps the last raw answer. The HTTP
client waits a bounded time to connect and to read, and reads at most a bounded
number of bytes (``bounds.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import httpx2
import openai
from openai.types.chat import ChatCompletionMessageParam

from extractor.llm import family
from extractor.llm.bounds import CappedTransport
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


class TransportFailed(AnswerFailed):
    """No answer came at all (after the transport retries): ``error`` is the client's."""

    def __init__(self, message: str, error: BaseException) -> None:
        super().__init__(message)
        self.error = error


@dataclass
class Exchange:
    """What the requests of one passage cost and what the model last said."""

    usage: Usage = field(default_factory=Usage)
    raw_answer: str | None = None
    finish_reason: str | None = None
    completion_tokens: int = 0  # of the last answer

    def sent(self) -> None:
        """One HTTP request went out (answered or not)."""
        self.usage = self.usage + Usage(requests=1)

    def record(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.completion_tokens = getattr(usage, "completion_tokens", 0) or 0
        self.usage = self.usage + Usage(
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=self.completion_tokens,
        )
        choices = getattr(response, "choices", None) or []
        self.raw_answer = answer_text(response)
        self.finish_reason = choices[0].finish_reason if choices else None


def version_tag() -> str:
    """Prompt and schema hashes, sent with every request and so stored in every cassette."""
    return f"prompt={load_prompts().hash};schema={schema_hash()}"


@dataclass(frozen=True)
class Limits:
    """How long to wait and how much to read, per request."""

    timeout_s: float = 300.0
    connect_timeout_s: float = 10.0
    max_answer_bytes: int = 1_000_000


@cache
def _openai_client(base_url: str | None, api_key: str, limits: Limits) -> openai.OpenAI:
    timeout = httpx2.Timeout(limits.timeout_s, connect=limits.connect_timeout_s)
    http = openai.DefaultHttpx2Client(
        transport=CappedTransport(httpx2.HTTPTransport(), limits.max_answer_bytes),
        timeout=timeout,
    )
    return openai.OpenAI(
        base_url=base_url, api_key=api_key, timeout=timeout, max_retries=0, http_client=http
    )


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


_TOKEN_LIMITS = ("max_tokens", "max_completion_tokens")


def capped(body: dict[str, Any], cap: int | None) -> dict[str, Any]:
    """``body`` asking for at most ``cap`` answer tokens (the user's --max-tokens), so
    no strategy's own sizing can ask a model for more."""
    if cap is None:
        return body
    limits = {k: min(v, cap) for k in _TOKEN_LIMITS if isinstance(v := body.get(k), int)}
    return {**body, **limits}


def _create(endpoint: Endpoint, limits: Limits, exchange: Exchange):
    client = _openai_client(endpoint.base_url, endpoint.api_key, limits)

    def create(**kwargs: Any) -> Any:
        if endpoint.down and (cause := endpoint.down()):
            raise EndpointDown(cause)
        exchange.sent()
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
    limits: Limits,
    exchange: Exchange,
    version: str | None = None,
) -> str:
    """The answer text of one request; raises Truncated, TransportFailed, AnswerFailed or
    EndpointDown. ``version``: the prompt/schema tag sent (the direct strategy's if None)."""
    create = _create(endpoint, limits, exchange)
    headers = {
        VERSION_HEADER: version or version_tag(),
        ENDPOINT_HEADER: f"flavour={endpoint.flavour};mode={endpoint.mode.value}",
    }
    where = endpoint.cache_identity
    body = capped(body, endpoint.max_tokens)
    while True:
        sent = family.REFUSALS.apply(where, body)
        try:
            response = retrying(policy)(create, extra_headers=headers, **sent)
        except openai.BadRequestError as exc:
            if family.REFUSALS.learn(where, exc, sent):
                continue
            raise TransportFailed(_no_answer(exchange, exc), exc) from exc
        except openai.OpenAIError as exc:
            raise TransportFailed(_no_answer(exchange, exc), exc) from exc
        break
    exchange.record(response)
    max_tokens = sent.get("max_tokens") or sent.get("max_completion_tokens")
    if exchange.finish_reason == "length":
        if isinstance(max_tokens, int) and 0 < exchange.completion_tokens < max_tokens:
            raise Truncated(
                f"answer cut off by the server at {exchange.completion_tokens} tokens "
                f"(asked for up to {max_tokens})"
            )
        raise Truncated(f"answer cut off at {max_tokens} tokens")
    if exchange.raw_answer is None:
        raise AnswerFailed("the response holds no answer")
    return exchange.raw_answer


def _short(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[:limit] + "…"


def _no_answer(exchange: Exchange, exc: BaseException) -> str:
    """Why no answer came, with the network's own reason ("Connection refused")."""
    cause = exc.__cause__
    why = f" ({cause})" if isinstance(exc, openai.APIConnectionError) and str(cause) else ""
    return f"no answer after {exchange.usage.requests} request(s): {_short(exc)}{why}"
