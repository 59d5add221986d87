"""Request parameters per model family, and parameters an endpoint has refused.

Reasoning models (OpenAI's o-series, gpt-5) refuse ``max_tokens`` and any
``temperature`` but the default: they get ``max_completion_tokens`` and no
temperature. Any other endpoint that answers 400 to a parameter is told once:
the parameter is dropped (``max_tokens`` renamed) for the rest of the process,
with one notice on stderr, instead of failing every passage.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable
from typing import Any

import openai

from extractor.scrub import scrub

Kwargs = dict[str, Any]


def _standard(kwargs: Kwargs) -> Kwargs:
    return kwargs


def _reasoning(kwargs: Kwargs) -> Kwargs:
    out = {k: v for k, v in kwargs.items() if k not in ("temperature", "max_tokens")}
    if "max_tokens" in kwargs:
        out["max_completion_tokens"] = kwargs["max_tokens"]
    return out


# (model name pattern, adapter), first match wins; the name may carry a provider prefix.
FAMILIES: tuple[tuple[re.Pattern[str], Callable[[Kwargs], Kwargs]], ...] = (
    (re.compile(r"(?:^|/)(?:o\d|gpt-5)", re.IGNORECASE), _reasoning),
    (re.compile(r""), _standard),
)


def for_model(model: str) -> Callable[[Kwargs], Kwargs]:
    return next(adapt for pattern, adapt in FAMILIES if pattern.search(model))


# "Unsupported parameter: 'max_tokens' ...", "Unsupported value: 'temperature' does not ..."
_REFUSED = re.compile(
    r"(?:unsupported (?:parameter|value)|unrecognized request argument|not supported)"
    r"[^']{0,40}'(?P<name>[a-z_]+)'"
    r"|'(?P<name2>[a-z_]+)'[^']{0,40}(?:is not supported|not supported with this model)",
    re.IGNORECASE,
)
# What a refused parameter becomes (None: dropped).
RENAMED: dict[str, str | None] = {"max_tokens": "max_completion_tokens"}
DROPPABLE = frozenset({"max_tokens", "temperature", "seed", "top_p"})


class Refusals:
    """Parameters each endpoint refused, remembered for the process."""

    def __init__(self) -> None:
        self._refused: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def apply(self, endpoint: str, kwargs: Kwargs) -> Kwargs:
        refused = self._refused.get(endpoint, set())
        out = {k: v for k, v in kwargs.items() if k not in refused}
        for name in refused & kwargs.keys():
            if (new := RENAMED.get(name)) and new not in out:
                out[new] = kwargs[name]
        return out

    def learn(self, endpoint: str, exc: openai.BadRequestError, sent: Kwargs) -> bool:
        """Whether ``exc`` refuses a parameter we can do without (now remembered)."""
        m = _REFUSED.search(str(exc))
        name = (m.group("name") or m.group("name2")) if m else None
        if name not in DROPPABLE or name not in sent:
            return False
        with self._lock:
            known = self._refused.setdefault(endpoint, set())
            if name in known:
                return False
            known.add(name)
        fix = f"sending {RENAMED[name]} instead" if RENAMED.get(name) else "no longer sent"
        print(scrub(f"LLM endpoint {endpoint} refuses {name!r}: {fix}"), file=sys.stderr)
        return True


REFUSALS = Refusals()
