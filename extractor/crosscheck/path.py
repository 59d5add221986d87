"""The "reconciled" extraction path: both paths for one article, then the cross-check."""

from __future__ import annotations

from extractor.crosscheck.reliability import Votes
from extractor.crosscheck.run import crosscheck_article
from extractor.types import Article, ArticleResult, ExtractOptions


def run_both(article: Article, options: ExtractOptions) -> tuple[ArticleResult, ArticleResult]:
    """The rule and LLM results; a failing path becomes an error result, not an exception."""
    from extractor.paths import get_path  # the dispatch table imports this module

    results = []
    for name in ("rules", "llm"):
        try:
            results.append(get_path(name)(article, options))
        except Exception as exc:  # one failing path still leaves the other to use
            results.append(
                ArticleResult(article=article.name, error=f"{type(exc).__name__}: {exc}")
            )
    return results[0], results[1]


RULES_ALONE = (
    "the reconciled path needs the LLM's answers: fix the --llm setting, "
    "or use --path rules for the rules alone"
)


def extract_reconciled(article: Article, options: ExtractOptions) -> ArticleResult:
    """A failed LLM is this article's error (rule facts kept): rules alone are not reconciled."""
    rules, llm = run_both(article, options)
    reconciled = crosscheck_article(article, rules, llm, Votes.for_options(options)).reconciled
    if llm.error and reconciled.error is None and not reconciled.numbers_masked:
        error = f"{article.name}: {RULES_ALONE} (llm: {llm.error})"
        reconciled = reconciled.model_copy(update={"error": error})
    return reconciled
