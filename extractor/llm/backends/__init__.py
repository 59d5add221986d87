"""Backends behind one interface: ``--llm`` spec → the endpoint that answers an article.

``openai:MODEL`` any OpenAI-compatible endpoint; ``local[:PATH.gguf]`` the embedded
llama.cpp model behind the same client; ``replay`` the recorded cassettes only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from extractor.llm.backends.local import local_endpoint
from extractor.llm.backends.openai_compat import openai_endpoint
from extractor.llm.backends.replay import replay_endpoint
from extractor.llm.endpoint import Endpoint
from extractor.types import Article, ExtractOptions

BackendFn = Callable[[str, ExtractOptions, Article], Endpoint]

BACKENDS: dict[str, BackendFn] = {
    "openai": openai_endpoint,
    "local": local_endpoint,
    "replay": replay_endpoint,
}

REPLAY_NOTICE = (
    "LLM path: no endpoint configured, answering from recorded cassettes (replay); "
    "run live with --llm local or --llm openai:MODEL [--base-url URL]"
)
_noticed = False


def parse_spec(spec: str | None) -> tuple[str, str]:
    """'openai:gpt-4o-mini' → ('openai', 'gpt-4o-mini'); None → ('replay', '')."""
    if not spec:
        return "replay", ""
    kind, _, arg = spec.partition(":")
    if kind not in BACKENDS:
        raise ValueError(f"unknown --llm {spec!r}; use openai:MODEL, local[:PATH.gguf] or replay")
    if kind == "openai" and not arg:
        raise ValueError("--llm openai needs a model name, e.g. openai:gpt-4o-mini")
    return kind, arg


def check_base_url(url: str) -> None:
    """An http(s) URL with a host, e.g. http://127.0.0.1:8000/v1."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as exc:
        raise ValueError(f"--base-url {url!r} is not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--base-url {url!r} is not an http(s) URL, e.g. http://127.0.0.1:8000/v1")


def check_options(options: ExtractOptions) -> None:
    """Raise ``ValueError`` for a configuration no article could run with (a malformed
    --llm, a bad base URL, no key for OpenAI): found once, before any article is read."""
    kind, arg = parse_spec(options.llm)
    if options.base_url is not None:
        check_base_url(options.base_url)
    if kind == "openai":
        openai_endpoint(arg, options, Article(name="-", text=""))


def resolve_endpoint(options: ExtractOptions, article: Article) -> Endpoint:
    global _noticed
    kind, arg = parse_spec(options.llm)
    if options.llm is None and not _noticed:
        _noticed = True
        print(REPLAY_NOTICE, file=sys.stderr)
    endpoint = BACKENDS[kind](arg, options, article)
    if options.max_tokens is None:
        return endpoint
    return replace(endpoint, max_tokens=options.max_tokens)
