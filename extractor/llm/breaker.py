"""Stop asking an endpoint that cannot answer, for the rest of the batch.

An error that no retry can fix (401, 403, 404: a wrong key or model; a connection
refused after its retries) opens the endpoint's breaker at once; transport failures
that outlast their retries (timeouts, 5xx) open it after a few in a row with no answer
between. Once open, every later passage and article of the batch is reported as not
attempted, with the first cause, instead of failing one request at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

FATAL_STATUS = frozenset({401, 403, 404, 407})
FAILURES_IN_A_ROW = 3


class BreakerOpen(RuntimeError):
    """The endpoint's breaker is open: nothing more is sent to it."""


def is_fatal(error: BaseException) -> bool:
    """An error that the same request would get again."""
    import httpx2
    import openai  # only once a request failed: a rules-only batch never loads the client

    if isinstance(error, openai.APIStatusError):
        return error.status_code in FATAL_STATUS
    if isinstance(error, openai.APIConnectionError) and not isinstance(
        error, openai.APITimeoutError
    ):
        return isinstance(error.__cause__, httpx2.ConnectError)
    return False


def is_outage(error: BaseException) -> bool:
    """An error of the endpoint rather than of the passage (what the retries were for)."""
    import openai

    if isinstance(error, openai.APIStatusError):
        return error.status_code == 429 or error.status_code >= 500
    return isinstance(error, openai.APIConnectionError)


class Breakers:
    """One breaker per endpoint (by its identity), shared by the threads of a batch."""

    def __init__(self, failures_in_a_row: int = FAILURES_IN_A_ROW) -> None:
        self.failures_in_a_row = failures_in_a_row
        self._open: dict[str, str] = {}
        self._streak: dict[str, int] = {}
        self._lock = threading.Lock()

    def check(self, endpoint: str) -> None:
        """Raise ``BreakerOpen`` with the cause when the endpoint's breaker is open."""
        with self._lock:
            cause = self._open.get(endpoint)
        if cause is not None:
            raise BreakerOpen(f"not attempted: {endpoint} stopped answering earlier ({cause})")

    def answered(self, endpoint: str) -> None:
        with self._lock:
            self._streak[endpoint] = 0

    def failed(self, endpoint: str, error: BaseException, cause: str) -> None:
        """Count a request that got no answer; open the breaker when it is hopeless."""
        with self._lock:
            if is_fatal(error):
                self._open.setdefault(endpoint, cause)
            elif is_outage(error):
                self._streak[endpoint] = self._streak.get(endpoint, 0) + 1
                if self._streak[endpoint] >= self.failures_in_a_row:
                    self._open.setdefault(
                        endpoint, f"{self.failures_in_a_row} passages in a row: {cause}"
                    )


_batch: ContextVar[Breakers | None] = ContextVar("breakers", default=None)


def current() -> Breakers | None:
    """The breakers of the batch being run, if any."""
    return _batch.get()


@contextmanager
def shared(breakers: Breakers) -> Iterator[Breakers]:
    """Make ``breakers`` the batch's (for work started in this context)."""
    token = _batch.set(breakers)
    try:
        yield breakers
    finally:
        _batch.reset(token)
