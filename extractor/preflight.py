"""Check the LLM configuration once, before any article is run, and say what to do.

A run that cannot work as configured stops at the start with advice for the
user's situation, instead of failing article by article with a message meant for
someone else (a missing cassette is not fixed by re-recording the repo's own;
a user's article needs a model).
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.types import Article, ExtractOptions

RUN_LIVE = (
    "run them with a model: --llm local (the bundled model) or --llm openai:MODEL "
    "(needs OPENAI_API_KEY; another compatible endpoint: add --base-url URL)"
)
SHOWN = 5


class ConfigError(ValueError):
    """The LLM configuration cannot work for this run; the message says what to do."""


def check_llm_config(options: ExtractOptions) -> None:
    """The ``--llm`` spec parses and its backend has what it needs (no article read yet)."""
    from extractor.llm.backends import check_options

    try:
        check_options(options)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def check_replay_coverage(options: ExtractOptions, articles: Iterable[Article]) -> None:
    """When answers are replayed, every article the model would see has a cassette.

    A cassette recorded with another prompt or schema is left to the article's own
    error, which says to re-record it: that is the repository's fix, not the user's.
    """
    from extractor.llm.backends import parse_spec
    from extractor.llm.strategy import strategy_cassette_path
    from extractor.normalise import looks_masked

    if parse_spec(options.llm)[0] != "replay" or options.recorded_only:
        return
    folder = strategy_cassette_path(options, "-").parent  # the strategy's own recordings
    missing = [
        article.name
        for article in articles
        if not looks_masked(article.text)  # never sent to the model
        and not strategy_cassette_path(options, article.stem).is_file()
    ]
    if missing:
        raise ConfigError(missing_message(options.llm is None, missing, str(folder)))


def missing_message(implicit: bool, missing: list[str], folder: str) -> str:
    names = ", ".join(missing[:SHOWN]) + (
        f", … ({len(missing)} in all)" if len(missing) > SHOWN else ""
    )
    why = (
        "no --llm given, so the LLM path replays recorded answers"
        if implicit
        else "--llm replay answers only articles with recorded answers"
    )
    return f"{why}, and {folder} has none for {names}; {RUN_LIVE}"
