"""The LLM path for one article: passages → model → validated readings → grounded facts.

A masked article never reaches the model. Passages are sized to the model
(``budget.py``) and carry the dates the code found (``dates.py``). Each
passage's answer comes from the answer cache or from the endpoint (inside the
article's cassette when replaying or recording); its valid facts are kept and
only the invalid ones re-asked (``passage.py``). A passage whose answer is cut
off by the token limit is split and asked again; a passage that still fails
leaves a warning and its raw answer (an excerpt) and names itself in
``incomplete``; the article fails (``error``) when no passage could be answered or
the endpoint is gone. An endpoint that cannot answer stops the passages and
articles after it (``breaker.py``), and each article has a deadline: what is left
then is not attempted. Readings whose value or quote is not in the text are held
back in ``rejected`` unless ``keep_ungrounded``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import ValidationError
from vcr.errors import CannotOverwriteExistingCassetteException

from extractor.ground import align, ground_fact
from extractor.llm.backends import resolve_endpoint
from extractor.llm.bounds import MAX_RAW_CHARS, excerpt
from extractor.llm.breaker import BreakerOpen, Breakers, current
from extractor.llm.budget import BUDGETS, Budget
from extractor.llm.cache import AnswerCache, Cached, answer_key, cache_root
from extractor.llm.cassette import CassetteError, cassette_path, cassettes_dir, make_vcr
from extractor.llm.chunk import Chunk, halves, split_article
from extractor.llm.client import (
    AnswerFailed,
    EndpointDown,
    Exchange,
    Limits,
    TransportFailed,
    Truncated,
)
from extractor.llm.convert import NotAFact, to_fact
from extractor.llm.dates import article_year, date_notes
from extractor.llm.endpoint import Endpoint
from extractor.llm.merge import merge_facts
from extractor.llm.passage import ask_passage
from extractor.llm.prompts import load_prompts
from extractor.llm.retry import RetryPolicy
from extractor.llm.schema import LlmAnswer, LlmFact
from extractor.normalise import looks_masked, normalise
from extractor.types import (
    Article,
    ArticleResult,
    ExtractOptions,
    Fact,
    Grounding,
    Source,
    Usage,
)

MAX_SPLITS = 2
_cassette_lock = threading.Lock()  # vcrpy patches globally: one cassette at a time


@dataclass
class _Run:
    article: Article
    endpoint: Endpoint
    options: ExtractOptions
    cache: AnswerCache | None
    budget: Budget
    year: int | None
    breakers: Breakers
    deadline: float  # time.monotonic() by which the article is given up
    usage: Usage = field(default_factory=Usage)
    readings: list[LlmFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # the failed passages, by place
    answered: int = 0  # passages that got a valid answer (from the cache or the endpoint)
    raw_answer: str | None = None
    sent: set[str] = field(default_factory=set)  # digests of the request bodies sent
    down: str | None = None  # the endpoint is gone: why

    def fail(self, where: str, cause: str) -> None:
        self.failures.append(f"{where}: {cause}")
        self.unanswered.append(where)


def extract_by_llm(article: Article, options: ExtractOptions) -> ArticleResult:
    """Entry point of the ``llm`` path (see ``extractor.paths``)."""
    return extract_article(article, options)


def budget_for(endpoint: Endpoint, options: ExtractOptions) -> Budget:
    budget = BUDGETS[endpoint.flavour].with_chars(options.passage_chars)
    return budget.with_max_tokens(options.max_tokens)


CacheT = TypeVar("CacheT")


class Started(NamedTuple):
    endpoint: Endpoint
    breakers: Breakers
    options: ExtractOptions  # with the waits the endpoint's kind of model needs

    def cache(self, kind: Callable[[Path], CacheT]) -> CacheT | None:
        """The strategy's answer cache (``kind`` over the cache folder), unless the
        endpoint answers without one (recording, replay)."""
        return kind(cache_root(self.options)) if self.endpoint.use_cache else None


def start_article(
    article: Article, options: ExtractOptions, *, record: bool = False
) -> Started | ArticleResult:
    """What every strategy does first: a masked article never reaches a model, the
    endpoint is resolved (recording when ``record``), an endpoint whose breaker the
    batch opened is not asked, and the timeouts and deadline become at least what the
    endpoint's kind of model needs (a small local model takes minutes per article);
    the result instead when the article stops here."""
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
        return failed(article, f"{type(exc).__name__}: {exc}")
    if record:
        endpoint = replace(endpoint, cassette_mode="all", use_cache=False)
    breakers = current() or Breakers()  # a batch's: a dead or refusing endpoint stops it
    try:
        breakers.check(endpoint.cache_identity)
    except BreakerOpen as exc:
        return failed(article, str(exc))
    return Started(endpoint, breakers, budget_for(endpoint, options).patient(options))


def extract_article(
    article: Article, options: ExtractOptions, *, record: bool = False
) -> ArticleResult:
    """As ``extract_by_llm``; ``record=True`` rewrites the article cassette from the endpoint."""
    started = start_article(article, options, record=record)
    if isinstance(started, ArticleResult):
        return started
    endpoint, breakers, options = started
    cache = started.cache(AnswerCache)
    budget = budget_for(endpoint, options)
    deadline = time.monotonic() + options.article_deadline_s
    run = _Run(
        article, endpoint, options, cache, budget, article_year(article.text), breakers, deadline
    )
    try:
        with _cassette(run, record=record):
            for chunk in split_article(
                article.text, max_chars=budget.max_chars, max_amounts=budget.max_amounts
            ):
                _answer(run, chunk, depth=0)
    except CassetteError as exc:
        return failed(article, str(exc), usage=run.usage)
    except EndpointDown as exc:
        run.down = str(exc)
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
    prompts = load_prompts()
    dates = date_notes(run.year, chunk.text)
    key = answer_key(
        run.endpoint, run.budget.max_tokens, prompts.user(dates, chunk.context, chunk.text)
    )
    if run.cache and (hit := run.cache.get(key)):
        run.usage = run.usage + Usage(cached=1)
        run.readings.extend(hit.answer.facts)
        run.warnings.extend(f"{where}: {note}" for note in hit.notes)
        run.answered += 1
        return
    exchange = Exchange()
    options = run.options
    endpoint_id = run.endpoint.cache_identity
    left_s = run.deadline - time.monotonic()
    try:
        run.breakers.check(endpoint_id)
    except BreakerOpen as exc:
        run.fail(where, str(exc))
        return
    if left_s <= 0:
        deadline = f"{options.article_deadline_s:g} s"
        run.fail(where, f"not attempted: the article's deadline of {deadline} passed")
        return
    try:
        outcome = ask_passage(
            run.endpoint,
            prompts.messages(dates, chunk.context, chunk.text),
            max_tokens=run.budget.max_tokens,
            max_retries=options.max_retries,
            policy=RetryPolicy(
                attempts=1 if run.endpoint.cassette_mode == "none" else options.retry_attempts,
                initial_s=options.retry_backoff_s,
                max_wait_s=30 * options.retry_backoff_s,
                total_s=min(max(options.timeout_s, 60.0), left_s),
            ),
            limits=Limits(
                timeout_s=min(options.timeout_s, left_s),
                connect_timeout_s=min(options.connect_timeout_s, left_s),
                max_answer_bytes=options.max_answer_bytes,
            ),
            exchange=exchange,
            sent=run.sent,
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
        run.fail(where, str(exc))
        return
    except AnswerFailed as exc:
        if _caused_by(exc, CannotOverwriteExistingCassetteException):
            raise CassetteError(
                f"cassette for {run.article.name} has no answer for {where} (the text differs "
                "from the recorded one); run it with --llm local or --llm openai:MODEL, "
                "or re-record the cassette with `make record`"
            ) from exc
        run.usage = run.usage + exchange.usage
        run.raw_answer = exchange.raw_answer
        run.fail(where, str(exc))
        if isinstance(exc, TransportFailed):
            run.breakers.failed(endpoint_id, exc.error, str(exc))
        return
    except EndpointDown:
        run.usage = run.usage + exchange.usage
        raise
    run.breakers.answered(endpoint_id)
    run.usage = run.usage + exchange.usage
    run.readings.extend(outcome.facts)
    run.warnings.extend(f"{where}: {note}" for note in outcome.notes)
    if outcome.failed:
        run.raw_answer = exchange.raw_answer
        run.fail(where, outcome.failed)
        return
    run.answered += 1
    if run.cache:
        run.cache.put(key, Cached(LlmAnswer(facts=outcome.facts), exchange.usage, outcome.notes))


def _fact(reading: LlmFact, text: str, year: int | None) -> Fact:
    if reading.year is None and year is not None:
        reading = reading.model_copy(update={"year": year})
    span = align(text, reading.quote)
    near = normalise(text[span.start : span.end]).text if span else reading.quote
    return ground_fact(to_fact(reading, text, near=near), text)


def _result(run: _Run) -> ArticleResult:
    facts: list[Fact] = []
    for reading in run.readings:
        try:
            facts.append(_fact(reading, run.article.text, run.year))
        except (NotAFact, ValidationError) as exc:
            run.warnings.append(f"dropped reading {reading.number!r}: {_first_line(exc)}")
    kept, rejected = facts, []
    if not run.options.keep_ungrounded:
        kept = [f for f in facts if f.grounding is Grounding.GROUNDED]
        rejected = [f for f in facts if f.grounding is not Grounding.GROUNDED]
    warnings = run.warnings + [f"failed {f}" for f in run.failures]
    if rejected:
        warnings.append(
            f"held back {len(rejected)} reading(s) not grounded in the text (see rejected)"
        )
    error = None
    if run.down:
        error = f"{run.article.name}: {run.down}"
    elif run.failures and not run.answered:
        error = f"{run.article.name}: no passage answered ({run.endpoint.label}): {run.failures[0]}"
    return ArticleResult(
        article=run.article.name,
        facts=merge_facts(kept),
        source=Source.LLM,
        warnings=warnings,
        error=error,
        incomplete=[] if error else run.unanswered,
        usage=run.usage,
        raw_answer=excerpt(run.raw_answer, MAX_RAW_CHARS)
        if run.failures and run.raw_answer is not None
        else None,
        rejected=merge_facts(rejected),
    )


def failed(article: Article, cause: str, usage: Usage | None = None) -> ArticleResult:
    """The LLM result of an article that could not be answered, and why."""
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
