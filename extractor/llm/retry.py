"""Transport retries: timeouts, dropped connections, 429 (honouring Retry-After) and 5xx.

Validation failures are not retried here; the invalid facts are re-asked with their
errors. Waits grow exponentially with jitter and are bounded both by attempts
and by total time, so a dead endpoint fails an article rather than the batch.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    initial_s: float = 1.0
    max_wait_s: float = 30.0
    total_s: float = 300.0
    max_retry_after_s: float = 60.0  # a server's own Retry-After is honoured up to this


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return False


def retry_after_s(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (Retry-After or retry-after-ms), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class WaitRetryAfter:
    """Retry-After when the server gives one, else exponential backoff with jitter."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_s(exc)
        if asked is not None:
            return min(asked, self.policy.max_retry_after_s)
        exponential = self.policy.initial_s * 2 ** (state.attempt_number - 1)
        return min(self.policy.max_wait_s, exponential) + random.uniform(0, self.policy.initial_s)


def retrying(policy: RetryPolicy) -> Retrying:
    return Retrying(
        retry=retry_if_exception(is_transient),
        wait=WaitRetryAfter(policy),
        stop=stop_after_attempt(policy.attempts) | stop_after_delay(policy.total_s),
        reraise=True,
    )
