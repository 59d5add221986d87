"""One labelling request through the shared transport, with re-asks about invalid labels only.

The answer schema goes out as a strict JSON Schema (``json_schema``, ``strict: true``) to
OpenAI-style endpoints and as a grammar (``json_object`` with ``schema``) to llama.cpp;
``--mode json`` sends no schema and relies on the check of each label. A re-ask names the
errors and asks only about the anchors whose labels failed, so it is never the request
that was just answered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from instructor import Mode
from openai.types.chat import ChatCompletionMessageParam
from vcr.errors import CannotOverwriteExistingCassetteException

from extractor.llm import family
from extractor.llm.anchored.answer import answer_schema, read_answer
from extractor.llm.anchored.choices import Choices, Option
from extractor.llm.anchored.version import anchored_version_tag
from extractor.llm.anchored.years import KEY as YEAR_KEY
from extractor.llm.client import (
    AnswerFailed,
    EndpointDown,
    Exchange,
    Limits,
    TransportFailed,
    Truncated,
    complete,
)
from extractor.llm.endpoint import SEED, TEMPERATURE, Endpoint
from extractor.llm.flavour import ADAPTERS
from extractor.llm.retry import RetryPolicy
from extractor.types import Usage

TOKENS_PER_LABEL = 48  # a label is 5-30 tokens; the grammar keeps it from running on
TOKENS_PER_ANSWER = 16


@dataclass(frozen=True)
class Call:
    endpoint: Endpoint
    policy: RetryPolicy
    limits: Limits


@dataclass
class Outcome:
    answer: str | None = None  # the labels that hold, as one JSON object
    raw: str | None = None  # the model's last answer as sent
    usage: Usage = field(default_factory=Usage)
    truncated: bool = False
    error: str | None = None  # the request itself failed
    down: str | None = None  # the endpoint is gone: ask it nothing more
    errors: dict[int, str] = field(default_factory=dict)  # anchors still without a label
    transport_error: BaseException | None = None  # no answer came: for the endpoint's breaker


def _with_schema(flavour: str, schema: dict) -> dict:
    if flavour == "llama_cpp":
        return {"type": "json_object", "schema": schema}
    return {
        "type": "json_schema",
        "json_schema": {"name": "labels", "strict": True, "schema": schema},
    }


def _without_schema(_flavour: str, _schema: dict) -> dict:
    return {"type": "json_object"}


FORMATS: dict[Mode, Callable[[str, dict], dict]] = {
    Mode.JSON_SCHEMA: _with_schema,
    Mode.TOOLS: _with_schema,
    Mode.TOOLS_STRICT: _with_schema,
    Mode.JSON: _without_schema,
    Mode.MD_JSON: _without_schema,
}


def request(
    endpoint: Endpoint,
    messages: list[ChatCompletionMessageParam],
    batch: list[Choices],
    years: tuple[Option, ...] = (),
) -> dict[str, Any]:
    """The body of one labelling request (cassettes match on it)."""
    fmt = FORMATS.get(endpoint.mode, _with_schema)
    body = {
        "model": endpoint.model,
        "messages": messages,
        "max_tokens": TOKENS_PER_ANSWER + TOKENS_PER_LABEL * len(batch),
        "temperature": TEMPERATURE,
        "seed": SEED,
        "response_format": fmt(endpoint.flavour, answer_schema(batch, years)),
    }
    return family.for_model(endpoint.model)(ADAPTERS[endpoint.flavour](body))


def _reask(errors: dict[int, str], answer: str | None) -> list[ChatCompletionMessageParam]:
    ids = ", ".join(str(i) for i in errors)
    problems = "; ".join(errors.values())
    return [
        {"role": "assistant", "content": answer or ""},
        {
            "role": "user",
            "content": f"Not valid: {problems}. Answer again for {ids} only, "
            "choosing each value from the options listed.",
        },
    ]


def ask_labels(
    call: Call,
    messages: list[ChatCompletionMessageParam],
    batch: list[Choices],
    *,
    max_retries: int,
    years: tuple[Option, ...] = (),
) -> Outcome:
    """Ask, check each label against its options, re-ask about the invalid ones (the
    article's year, when ``years`` asks it, is taken from the first answer that gives it)."""
    outcome = Outcome()
    labels: dict[str, Any] = {}
    asked = batch
    for _ in range(max_retries + 1):
        exchange = Exchange()
        year_asked = () if YEAR_KEY in labels else years  # asked until answered
        try:
            text = complete(
                call.endpoint,
                request(call.endpoint, messages, asked, year_asked),
                policy=call.policy,
                limits=call.limits,
                exchange=exchange,
                version=anchored_version_tag(),
            )
        except Truncated:
            outcome.usage = outcome.usage + exchange.usage
            outcome.raw, outcome.truncated = exchange.raw_answer, True
            return outcome
        except EndpointDown as exc:
            outcome.usage = outcome.usage + exchange.usage
            outcome.error = outcome.down = str(exc)
            return outcome
        except AnswerFailed as exc:
            if (vcr := _cause(exc, CannotOverwriteExistingCassetteException)) is not None:
                raise vcr from exc
            outcome.usage = outcome.usage + exchange.usage
            outcome.error = str(exc)[:300]
            if isinstance(exc, TransportFailed):
                outcome.transport_error = exc.error
            return outcome
        outcome.usage = outcome.usage + exchange.usage
        outcome.raw = text
        reading = read_answer(asked, text, year_asked)
        data = json.loads(text) if reading.labels or reading.year_answered else {}
        if reading.year_answered and YEAR_KEY not in labels:
            labels[YEAR_KEY] = data[YEAR_KEY]
        for choices in asked:
            key = str(choices.anchor.id)
            if choices.anchor.id in reading.labels:
                labels[key] = data[key]
        outcome.errors = reading.errors
        if not reading.errors:
            break
        messages = [*messages, *_reask(reading.errors, text)]
        asked = [c for c in asked if c.anchor.id in reading.errors]
    order = {YEAR_KEY: -1, **{str(c.anchor.id): i for i, c in enumerate(batch)}}
    ordered = dict(sorted(labels.items(), key=lambda kv: order[kv[0]]))
    outcome.answer = json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
    return outcome


def _cause(exc: BaseException, kind: type[BaseException]) -> Any:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = getattr(seen, "error", None) or seen.__cause__ or seen.__context__
    return None
