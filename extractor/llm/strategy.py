"""The LLM path's strategies: how the model is asked, each with its own cassettes and tag.

``direct``: the model writes each fact (quote, number as written, keys) per passage.
``anchored``: the code finds every number and builds its options; the model labels them.
Cassettes of the strategies live side by side (``cassettes/<stem>.yaml`` and
``cassettes/anchored/<stem>.yaml``); replay checks a cassette against the tag of its own
strategy's prompt and schema.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractor.types import ExtractOptions

STRATEGIES = ("anchored", "direct")
CASSETTE_SUBDIRS: dict[str, str] = {"direct": "", "anchored": "anchored"}


def _direct_tag() -> str:
    from extractor.llm.client import version_tag

    return version_tag()


def _anchored_tag() -> str:
    from extractor.llm.anchored.version import anchored_version_tag

    return anchored_version_tag()


VERSION_TAGS: dict[str, Callable[[], str]] = {"direct": _direct_tag, "anchored": _anchored_tag}


def check_strategy(name: str) -> str:
    if name not in CASSETTE_SUBDIRS:
        raise ValueError(f"unknown --strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
    return name


def strategy_cassette_path(options: ExtractOptions, stem: str) -> Path:
    from extractor.llm.cassette import cassette_path, cassettes_dir  # loads the client

    directory = cassettes_dir(options.cassette_dir) / CASSETTE_SUBDIRS[options.strategy]
    return cassette_path(directory, stem)


def strategy_version_tag(options: ExtractOptions) -> str:
    return VERSION_TAGS[options.strategy]()
