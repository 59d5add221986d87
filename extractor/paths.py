"""The extraction paths behind one interface: name → function(article, options) → result.

The command line looks a path up here; each stage package registers its own
entry point, so adding a path is one line.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.crosscheck import extract_reconciled
from extractor.llm import extract_by_llm
from extractor.rules import extract_by_rules
from extractor.types import Article, ArticleResult, ExtractOptions

PathFn = Callable[[Article, ExtractOptions], ArticleResult]

PATHS: dict[str, PathFn] = {
    "rules": lambda article, _options: extract_by_rules(article),
    "llm": extract_by_llm,
    "reconciled": extract_reconciled,
}


def get_path(name: str) -> PathFn:
    try:
        return PATHS[name]
    except KeyError:
        raise KeyError(f"unknown path {name!r}; choose one of {', '.join(PATHS)}") from None
