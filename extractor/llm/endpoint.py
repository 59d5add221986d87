"""Where the answers come from: an OpenAI-compatible endpoint and how to talk to it."""

from __future__ import annotations

from dataclasses import dataclass

from instructor import Mode

MAX_TOKENS = 1024
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

    @property
    def cache_identity(self) -> str:
        return self.identity or f"{self.model}@{self.base_url or 'https://api.openai.com/v1'}"
