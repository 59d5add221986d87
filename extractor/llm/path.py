"""The ``llm`` path: the article goes to the strategy the options name."""

from __future__ import annotations

from collections.abc import Callable

from extractor.llm.anchored.extract import extract_anchored
from extractor.llm.extract import extract_article as extract_direct
from extractor.types import Article, ArticleResult, ExtractOptions

StrategyFn = Callable[..., ArticleResult]

EXTRACTORS: dict[str, StrategyFn] = {"direct": extract_direct, "anchored": extract_anchored}


def extract_by_llm(article: Article, options: ExtractOptions) -> ArticleResult:
    """Entry point of the ``llm`` path (see ``extractor.paths``)."""
    return EXTRACTORS[options.strategy](article, options)


def extract_article(
    article: Article, options: ExtractOptions, *, record: bool = False
) -> ArticleResult:
    """As ``extract_by_llm``; ``record=True`` rewrites the article's cassette of that strategy."""
    return EXTRACTORS[options.strategy](article, options, record=record)
