"""The LLM path: openai client, strict schemas, per-fact checks, grounded, cached, recorded.

The entry points are loaded on first use (PEP 562), so a module of this package that
needs no model client (the batch's breakers) does not import the client with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractor.llm.path import extract_article, extract_by_llm

__all__ = ["extract_article", "extract_by_llm"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("extractor.llm.path"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
