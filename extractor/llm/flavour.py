"""Small per-server request adjustments, so one code path talks to every endpoint.

llama-cpp-python's server takes a schema as ``{"type": "json_object", "schema": ...}``
rather than OpenAI's ``json_schema`` envelope, and its grammar compiler is happiest
with $refs inlined.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extractor.llm.schema import answer_schema

Kwargs = dict[str, Any]


def _as_is(kwargs: Kwargs) -> Kwargs:
    return kwargs


def _llama_cpp(kwargs: Kwargs) -> Kwargs:
    fmt = kwargs.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        kwargs = {**kwargs, "response_format": {"type": "json_object", "schema": answer_schema()}}
    return kwargs


ADAPTERS: dict[str, Callable[[Kwargs], Kwargs]] = {
    "openai": _as_is,
    "compatible": _as_is,
    "llama_cpp": _llama_cpp,
}


def guess_flavour(base_url: str | None) -> str:
    """api.openai.com (or no base URL) is OpenAI; anything else is a compatible server."""
    if not base_url or "api.openai.com" in base_url:
        return "openai"
    return "compatible"
