"""The extraction paths behind one interface: name → function(article, options) → result.

The command line looks a path up here; each stage package registers its own
entry point, so adding a path is one line. Entries are module-level functions, so
a process pool can send them to its workers, and the model paths import their
clients only when first called (a rules-only run starts without them).
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.rules import extract_by_rules
from extractor.types import Article, ArticleResult, ExtractOptions

PathFn = Callable[[Article, ExtractOptions], ArticleResult]


def run_rules(article: Article, _options: ExtractOptions) -> ArticleResult:
    return extract_by_rules(article)


def run_llm(article: Article, options: ExtractOptions) -> ArticleResult:
    from extractor.llm import extract_by_llm

    return extract_by_llm(article, options)


def _reconciled(article: Article, options: ExtractOptions) -> ArticleResult:
    from extractor.crosscheck import extract_reconciled

    return extract_reconciled(article, options)


PATHS: dict[str, PathFn] = {
    "rules": run_rules,
    "llm": run_llm,
    "reconciled": _reconciled,
}

# Paths that spend their time computing, not waiting on an endpoint: a batch runs
# them in worker processes (threads would share one core under the GIL).
CPU_BOUND: frozenset[str] = frozenset({"rules"})

# Paths that call a model, so a run checks the --llm configuration before starting.
NEEDS_LLM: frozenset[str] = frozenset({"llm", "reconciled"})


def get_path(name: str) -> PathFn:
    try:
        return PATHS[name]
    except KeyError:
        raise KeyError(f"unknown path {name!r}; choose one of {', '.join(PATHS)}") from None
