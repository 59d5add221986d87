"""The ``llm`` path: the article goes to the strategy the options name."""

from __future__ import annotations

from collections.abc import Callable

from extractor.llm.anchored.extract import extract_anchored
from extractor.llm.backends import parse_spec
from extractor.llm.cassette import CassetteError, check_replayable
from extractor.llm.extract import extract_article as extract_direct
from extractor.llm.strategy import strategy_cassette_path, strategy_version_tag
from extractor.normalise import looks_masked
from extractor.types import Article, ArticleResult, ExtractOptions, Source, Usage

StrategyFn = Callable[..., ArticleResult]
NOT_REPLAYED = "LLM not replayed"

EXTRACTORS: dict[str, StrategyFn] = {"direct": extract_direct, "anchored": extract_anchored}


def extract_by_llm(article: Article, options: ExtractOptions) -> ArticleResult:
    """Entry point of the ``llm`` path (see ``extractor.paths``)."""
    skipped = not_recorded(article, options)
    return skipped or EXTRACTORS[options.strategy](article, options)


def not_recorded(article: Article, options: ExtractOptions) -> ArticleResult | None:
    """With ``recorded_only`` replay, an article without a current recording of the
    strategy is not sent anywhere: its LLM result says so and holds no facts."""
    if not options.recorded_only or parse_spec(options.llm)[0] != "replay":
        return None
    if looks_masked(article.text):
        return None
    try:
        check_replayable(
            strategy_cassette_path(options, article.stem), strategy_version_tag(options)
        )
    except CassetteError as exc:
        return ArticleResult(
            article=article.name,
            source=Source.LLM,
            usage=Usage(),
            warnings=[f"{NOT_REPLAYED} ({options.strategy}): {str(exc).split(':')[0]}"],
        )
    return None


def extract_article(
    article: Article, options: ExtractOptions, *, record: bool = False
) -> ArticleResult:
    """As ``extract_by_llm``; ``record=True`` rewrites the article's cassette of that strategy."""
    return EXTRACTORS[options.strategy](article, options, record=record)
