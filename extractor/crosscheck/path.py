"""The "reconciled" extraction path: the rule and LLM results of an article, cross-checked.

It combines the results it is given (a batch runs each path once) and runs only the
missing ones, calling the paths directly rather than through the path registry.
"""

from __future__ import annotations

from collections.abc import Mapping

from extractor.crosscheck.reconcile import judged_by
from extractor.crosscheck.run import crosscheck_article
from extractor.paths import PathFn, run_llm, run_rules
from extractor.types import Article, ArticleResult, ExtractOptions


def run_both(
    article: Article, options: ExtractOptions, given: Given | None = None
) -> tuple[ArticleResult, ArticleResult]:
    """The rule and LLM results: those ``given`` (already run), the others run here.

    A failing path becomes an error result, not an exception.
    """
    given = given or {}
    results = []
    for name, run in BASES.items():
        result = given.get(name)
        if result is None:
            try:
                result = run(article, options)
            except Exception as exc:  # one failing path still leaves the other to use
                result = ArticleResult(article=article.name, error=f"{type(exc).__name__}: {exc}")
        results.append(result)
    return results[0], results[1]


# The paths the reconciled one combines, in the order of ``run_both``'s pair.
BASES: dict[str, PathFn] = {"rules": run_rules, "llm": run_llm}
Given = Mapping[str, ArticleResult]


RULES_ALONE = (
    "the reconciled path needs the LLM's answers: fix the --llm setting, "
    "or use --path rules for the rules alone"
)


def extract_reconciled(
    article: Article, options: ExtractOptions, given: Given | None = None
) -> ArticleResult:
    """Both paths' results (``given`` ones are not run again), cross-checked.

    A failed LLM is this article's error (rule facts kept): rules alone are not reconciled.
    """
    rules, llm = run_both(article, options, given)
    return reconcile(article, rules, llm, options)


def reconcile(
    article: Article, rules: ArticleResult, llm: ArticleResult, options: ExtractOptions
) -> ArticleResult:
    """The reconciled result of one article from the two paths' results."""
    reconciled = crosscheck_article(article, rules, llm, *judged_by(options)).reconciled
    if llm.error and reconciled.error is None and not reconciled.numbers_masked:
        error = f"{article.name}: {RULES_ALONE} (llm: {llm.error})"
        reconciled = reconciled.model_copy(update={"error": error})
    return reconciled
