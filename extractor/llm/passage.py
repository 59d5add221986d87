"""One passage to the model: ask, keep the valid facts, re-ask only about the invalid ones.

A re-ask shows the model its invalid facts (not the whole answer) and their
errors; a model that repeats itself would then make the next re-ask
byte-identical to the last, and an identical request is never sent twice (at
temperature 0 its answer is known), nor is one another passage already sent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletionMessageParam

from extractor.llm.client import Exchange, Limits, complete, request_body
from extractor.llm.endpoint import Endpoint
from extractor.llm.prompts import load_prompts
from extractor.llm.retry import RetryPolicy
from extractor.llm.schema import LlmFact
from extractor.llm.validate import Checked, check_answer, echo

Messages = list[ChatCompletionMessageParam]


@dataclass
class Outcome:
    facts: list[LlmFact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # invalid readings left out, skipped asks
    failed: str | None = None  # set when nothing valid came back


def body_digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _shown(checked: Checked, raw: str) -> str:
    """What the re-ask quotes as the model's answer: its invalid facts only."""
    if checked.unreadable:
        return echo(raw)
    bad = [invalid.written for invalid in checked.invalid]
    return json.dumps({"facts": bad}, ensure_ascii=False)


def ask_passage(
    endpoint: Endpoint,
    base: Messages,
    *,
    max_tokens: int,
    max_retries: int,
    policy: RetryPolicy,
    limits: Limits,
    exchange: Exchange,
    sent: set[str],
) -> Outcome:
    """The valid facts of the answer and its re-asks; raises what ``complete`` raises."""
    outcome = Outcome()
    messages = base
    last: Checked | None = None
    asked = 0
    for _ in range(max_retries + 1):
        body = request_body(endpoint, messages, max_tokens)
        digest = body_digest(body)
        if digest in sent:
            outcome.notes.append("not asked again: the same request was already sent")
            break
        sent.add(digest)
        raw = complete(endpoint, body, policy=policy, limits=limits, exchange=exchange)
        asked += 1
        last = check_answer(raw)
        outcome.facts.extend(last.valid)
        if not last.invalid and not last.unreadable:
            return outcome
        messages = [
            *base,
            {"role": "assistant", "content": _shown(last, raw)},
            {"role": "user", "content": load_prompts().reask(last.error_lines())},
        ]
    if last is not None and (last.invalid or last.unreadable):
        errors = "; ".join(last.error_lines())
        if outcome.facts:
            outcome.notes.append(f"left out invalid readings after {asked} request(s): {errors}")
        else:
            outcome.failed = f"no valid answer after {asked} request(s): {errors}"
    return outcome
