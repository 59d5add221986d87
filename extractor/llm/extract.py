"""The LLM path for one article: passages → model → validated readings → grounded facts.

A masked article never reaches the model. Each passage's answer comes from the
answer cache or from the endpoint (inside the article's cassette when replaying
or recording). A passage whose answer is cut off by the token limit is split and
asked again; a passage that still fails leaves a warning and its raw answer, and
the article fails (``error``) only when no passage could be answered.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError
from vcr.errors import CannotOverwriteExistingCassetteException

from extractor.ground import align, ground_fact
from extractor.llm.backends import resolve_endpoint
from extractor.llm.cache import AnswerCache, answer_key, default_cache_dir
from extractor.llm.cassette import CassetteError, cassette_path, cassettes_dir, make_vcr
from extractor.llm.chunk import Chunk, halves, split_article
from extractor.llm.client import AnswerFailed, Exchange, Truncated, ask
from extractor.llm.convert import NotAFact, to_fact
from extractor.llm.endpoint import Endpoint
from extractor.llm.merge import merge_facts
from extractor.llm.prompts import load_prompts
from extractor.llm.retry import RetryPolicy
from extractor.llm.schema import LlmFact
from extractor.normalise import looks_masked, normalise
from extractor.types import Article, ArticleResult, ExtractOptions, Fact, Source, Usage

MAX_SPLITS = 2
_cassette_lock = threading.Lock()  # vcrpy patches globally: one cassette at a time


@dataclass
class _Run:
    article: Article
    endpoint: Endpoint
    options: ExtractOptions
    cache: AnswerCache | None
    usage: Usage = field(default_factory=Usage)
    readings: list[LlmFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    raw_answer: str | None = None


def extract_by_llm(article: Article, options: ExtractOptions) -> ArticleResult:
    """Entry point of the ``llm`` path (see ``extractor.paths``)."""
    return extract_article(article, options)


def extract_article(
    article: Article, options: ExtractOptions, *, record: bool = False
) -> ArticleResult:
    """As ``extract_by_llm``; ``record=True`` rewrites the article cassette from the endpoint."""
    if looks_masked(article.text):
        return ArticleResult(
            article=article.name,
            numbers_masked=True,
            source=Source.LLM,
            usage=Usage(),
            warnings=["numbers are masked; the model was not called"],
        )
    try:
        endpoint = resolve_endpoint(options, article)
    except (CassetteError, ValueError, RuntimeError, OSError) as exc:
        return _failed(article, f"{type(exc).__name__}: {exc}")
    if record:
        endpoint = replace(endpoint, cassette_mode="all", use_cache=False)
    cache = None
    if endpoint.use_cache:
        cache = AnswerCache(Path(options.cache_dir) if options.cache_dir else default_cache_dir())
    run = _Run(article, endpoint, options, cache)
    try:
        with _cassette(run, record=record):
            for chunk in split_article(article.text):
                _answer(run, chunk, depth=0)
    except CassetteError as exc:
        return _failed(article, str(exc), usage=run.usage)
    return _result(run)


@contextlib.contextmanager
def _cassette(run: _Run, *, record: bool) -> Iterator[None]:
    mode = run.endpoint.cassette_mode
    if mode is None:
        yield
        return
    path = cassette_path(cassettes_dir(run.options.cassette_dir), run.article.stem)
    if record:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    with _cassette_lock, make_vcr(mode).use_cassette(str(path)):
        yield


def _answer(run: _Run, chunk: Chunk, depth: int) -> None:
    where = f"passage at {chunk.start}..{chunk.start + len(chunk.text)}"
    key = answer_key(run.endpoint, chunk.context, chunk.text)
    if run.cache and (hit := run.cache.get(key)):
        run.usage = run.usage + hit.usage
        run.readings.extend(hit.answer.facts)
        return
    exchange = Exchange()
    options = run.options
    try:
        answer = ask(
            run.endpoint,
            load_prompts().messages(chunk.context, chunk.text),
            max_retries=options.max_retries,
            policy=RetryPolicy(
                attempts=1 if run.endpoint.cassette_mode == "none" else options.retry_attempts,
                initial_s=options.retry_backoff_s,
                max_wait_s=30 * options.retry_backoff_s,
                total_s=max(options.timeout_s, 60.0),
            ),
            timeout_s=options.timeout_s,
            exchange=exchange,
        )
    except Truncated as exc:
        run.usage = run.usage + exchange.usage
        parts = halves(chunk) if depth < MAX_SPLITS else []
        if parts:
            run.warnings.append(f"{where}: {exc}; asked again in {len(parts)} smaller passages")
            for part in parts:
                _answer(run, part, depth + 1)
            return
        run.raw_answer = exchange.raw_answer
        run.failures.append(f"{where}: {exc}")
        return
    except AnswerFailed as exc:
        if _caused_by(exc, CannotOverwriteExistingCassetteException):
            raise CassetteError(
                f"cassette for {run.article.name} has no answer for {where}; "
                "re-record with `make record`"
            ) from exc
        run.usage = run.usage + exchange.usage
        run.raw_answer = exchange.raw_answer
        run.failures.append(f"{where}: {exc}")
        return
    run.usage = run.usage + exchange.usage
    run.readings.extend(answer.facts)
    if run.cache:
        run.cache.put(key, answer, exchange.usage)


def _fact(reading: LlmFact, text: str) -> Fact:
    span = align(text, reading.quote)
    near = normalise(text[span.start : span.end]).text if span else reading.quote
    return ground_fact(to_fact(reading, text, near=near), text)


def _result(run: _Run) -> ArticleResult:
    facts: list[Fact] = []
    for reading in run.readings:
        try:
            facts.append(_fact(reading, run.article.text))
        except (NotAFact, ValidationError) as exc:
            run.warnings.append(f"dropped reading {reading.number!r}: {_first_line(exc)}")
    warnings = run.warnings + [f"failed {f}" for f in run.failures]
    error = None
    if run.failures and not run.readings:
        error = (
            f"{run.article.name}: no passage answered ({run.endpoint.label}): {run.failures[-1]}"
        )
    return ArticleResult(
        article=run.article.name,
        facts=merge_facts(facts),
        source=Source.LLM,
        warnings=warnings,
        error=error,
        usage=run.usage,
        raw_answer=run.raw_answer if run.failures else None,
    )


def _failed(article: Article, cause: str, usage: Usage | None = None) -> ArticleResult:
    return ArticleResult(
        article=article.name,
        source=Source.LLM,
        error=f"{article.name}: {cause}",
        usage=usage or Usage(),
    )


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
