"""Where the answers come from: an OpenAI-compatible endpoint and how to talk to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from instructor import Mode

TEMPERATURE = 0.0
SEED = 7


@dataclass(frozen=True)
class Endpoint:
    model: str
    base_url: str | None
    api_key: str
    flavour: str  # a key of flavour.ADAPTERS
    mode: Mode
    label: str  # the --llm spec it came from, for messages
    cassette_mode: str | None = None  # vcrpy record mode, or None for no cassette
    use_cache: bool = True
    identity: str | None = None  # stable name for the answer cache (a local port changes)
    max_tokens: int | None = None  # the user's cap on an answer's tokens (--max-tokens)
    # why the endpoint is gone for good (a local server that died), or None while it lives
    down: Callable[[], str | None] | None = field(default=None, compare=False)

    @property
    def cache_identity(self) -> str:
        return self.identity or f"{self.model}@{self.base_url or 'https://api.openai.com/v1'}"
