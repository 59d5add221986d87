"""``replay``: answers come only from the article's cassette; no network is touched."""

from __future__ import annotations

from instructor import Mode

from extractor.llm.cassette import check_replayable, recorded_endpoint
from extractor.llm.endpoint import Endpoint
from extractor.llm.strategy import strategy_cassette_path, strategy_version_tag
from extractor.types import Article, ExtractOptions


def replay_endpoint(_arg: str, options: ExtractOptions, article: Article) -> Endpoint:
    path = strategy_cassette_path(options, article.stem)
    check_replayable(path, strategy_version_tag(options))
    recorded = recorded_endpoint(path)
    return Endpoint(
        model=recorded.model,
        base_url=recorded.base_url,
        api_key="replay",
        flavour=recorded.flavour,
        mode=Mode(recorded.mode),
        label="replay",
        cassette_mode="none",
        use_cache=False,
    )
