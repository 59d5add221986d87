"""The anchored strategy for one article: anchors → choices → labels → facts.

The code finds every amount and builds each one's options; the model labels them, a
batch of anchors per request (``anchors_per_request``), through the same endpoint,
transport, answer cache and cassettes as the direct strategy. A label that does not fit
its options is re-asked about that anchor only, with the error; an answer cut off by the
token limit is asked again in two halves; an anchor still unanswered leaves a warning.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from openai.types.chat import ChatCompletionMessageParam
from vcr.errors import CannotOverwriteExistingCassetteException

from extractor.llm.anchored.anchors import find_anchors
from extractor.llm.anchored.answer import Label, read_answer
from extractor.llm.anchored.cache import LabelCache, label_key
from extractor.llm.anchored.call import Call, ask_labels
from extractor.llm.anchored.choices import Choices, Option, build_choices, written_words
from extractor.llm.anchored.examples import rendered_examples
from extractor.llm.anchored.facts import NotAFact, fact_from, unmentioned
from extractor.llm.anchored.hints import (
    OFFERS_RULE_READING,
    Hint,
    article_hint,
    merged,
    of_the_article,
    rule_hints,
    subject_hint,
)
from extractor.llm.anchored.prompt import Passage, load_anchored_prompt
from extractor.llm.anchored.requests import batches, passage
from extractor.llm.anchored.years import dated, dateline, year_options
from extractor.llm.breaker import BreakerOpen, Breakers
from extractor.llm.cassette import CassetteError, make_vcr
from extractor.llm.client import Limits
from extractor.llm.endpoint import Endpoint
from extractor.llm.extract import failed, start_article
from extractor.llm.retry import RetryPolicy
from extractor.llm.strategy import strategy_cassette_path
from extractor.rules.document import Document
from extractor.types import Article, ArticleResult, ExtractOptions, Fact, Source, Usage

_cassette_lock = threading.Lock()  # vcrpy patches globally: one cassette at a time
# anchors per request when the option is not set: one for the bundled small model,
# the whole article for a hosted one
DEFAULT_PER_REQUEST = {"llama_cpp": 1, "openai": 0, "compatible": 0}


@dataclass
class _Run:
    article: Article
    endpoint: Endpoint
    options: ExtractOptions
    cache: LabelCache | None
    year: int | None
    breakers: Breakers
    usage: Usage = field(default_factory=Usage)
    labels: dict[int, Label] = field(default_factory=dict)
    shown: dict[int, str] = field(default_factory=dict)  # what the model read per anchor
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    raw_answer: str | None = None
    down: str | None = None  # the endpoint died: nothing more is asked
    deadline: float = 0.0
    years: tuple[Option, ...] = ()  # the article's year, asked (``years``)
    chosen_year: tuple[int | None] | None = None  # the first answer's, once one gave it
    dateline: str | None = None  # shown beside the year question

    def fail(self, where: str, cause: str) -> None:
        self.failures.append(f"{where}: {cause}")
        self.unanswered.append(where)


def extract_anchored(
    article: Article, options: ExtractOptions, *, record: bool = False
) -> ArticleResult:
    """The ``llm`` path with ``--strategy anchored``; ``record=True`` rewrites its cassette."""
    started = start_article(article, options, record=record)
    if isinstance(started, ArticleResult):
        return started
    endpoint, breakers, options = started
    cache = started.cache(LabelCache)
    scan = Document(article.text)
    offer = OFFERS_RULE_READING.get(endpoint.flavour, True)
    years = year_options(scan) if offer else ()
    choices = anchor_choices(article, scan, offer, years)
    run = _Run(
        article, endpoint, options, cache, scan.main_year, breakers, years=years,
        dateline=dateline(scan),  # (shown only where the year is asked: ``passage``)
    )  # fmt: skip
    run.deadline = time.monotonic() + options.article_deadline_s
    per_request = options.anchors_per_request
    if per_request is None:
        per_request = DEFAULT_PER_REQUEST.get(endpoint.flavour, 1)
    try:
        with _cassette(run, record=record):
            for batch in batches(choices, per_request):
                _answer(run, batch, depth=0)
    except CassetteError as exc:
        return failed(article, str(exc), usage=run.usage)
    return _result(run, choices)


def anchor_choices(
    article: Article, scan: Document, offer_rules: bool, years: tuple[Option, ...] = ()
) -> list[Choices]:
    """Each anchor's options; with ``offer_rules``, the rule path's reading, the
    article's subject and its other periods among them, and an item may be written as in
    the text; with ``years`` (the year asked), a period that names no year is of the
    article's year."""
    asked = bool(years)
    year = None if asked else scan.main_year
    hints = rule_hints(article) if offer_rules else {}
    if asked:  # the rules' periods in the year they inferred: of the article's year
        hints = {end: of_the_article(hint, scan.main_year) for end, hint in hints.items()}
    beyond = merged(subject_hint(scan, year), article_hint(scan, year)) if offer_rules else Hint()
    written = written_words(scan) if offer_rules else ""
    return [
        build_choices(
            scan,
            a,
            scan.main_year,
            merged(hints.get(a.amount.end), beyond),
            year_asked=asked,
            written=written,
        )
        for a in find_anchors(scan)
    ]


@contextlib.contextmanager
def _cassette(run: _Run, *, record: bool) -> Iterator[None]:
    if run.endpoint.cassette_mode is None:
        yield
        return
    path = strategy_cassette_path(run.options, run.article.stem)
    if record:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    with _cassette_lock, make_vcr(run.endpoint.cassette_mode).use_cassette(str(path)):
        yield


def _messages(run: _Run, shown: Passage, batch: list[Choices]) -> list[ChatCompletionMessageParam]:
    examples = [(q, a) for q, a, _ in rendered_examples()]
    return load_anchored_prompt().messages(shown, batch, examples)


def _answer(run: _Run, batch: list[Choices], depth: int) -> None:
    shown = passage(run.article.text, batch, run.year, run.years, run.dateline)
    messages = _messages(run, shown, batch)
    ids = ", ".join(str(c.anchor.id) for c in batch)
    key = label_key(run.endpoint, messages, batch, run.years)
    raw: str | None = None
    if run.cache and (hit := run.cache.get(key)):
        run.usage = run.usage + Usage(cached=1)
        raw = hit.answer
    else:
        left_s = run.deadline - time.monotonic()
        try:
            run.breakers.check(run.endpoint.cache_identity)
        except BreakerOpen as exc:
            run.down = run.down or str(exc)
        if run.down or left_s <= 0:
            why = (
                run.down or f"the article's deadline of {run.options.article_deadline_s:g} s passed"
            )
            run.fail(f"anchors {ids}", f"not asked: {why}")
            return
        call = Call(run.endpoint, _policy(run, left_s), _limits(run, left_s))
        try:
            outcome = ask_labels(
                call, messages, batch, max_retries=run.options.max_retries, years=run.years
            )
        except CannotOverwriteExistingCassetteException as exc:
            raise CassetteError(
                f"cassette for {run.article.name} has no answer for anchors {ids}; "
                "re-record with `make record`"
            ) from exc
        run.usage = run.usage + outcome.usage
        if outcome.truncated:
            if len(batch) > 1:
                half = len(batch) // 2
                run.warnings.append(f"anchors {ids}: answer cut off; asked again in two halves")
                _answer(run, batch[:half], depth + 1)
                _answer(run, batch[half:], depth + 1)
                return
            run.raw_answer = outcome.raw
            run.fail(f"anchor {ids}", "answer cut off by the token limit")
            return
        if outcome.error:
            run.down = outcome.down
            run.raw_answer = outcome.raw
            run.fail(f"anchors {ids}", outcome.error)
            if outcome.transport_error is not None:
                run.breakers.failed(
                    run.endpoint.cache_identity, outcome.transport_error, outcome.error
                )
            return
        run.breakers.answered(run.endpoint.cache_identity)
        raw = outcome.answer
        if run.cache and raw is not None and not outcome.errors:
            run.cache.put(key, raw, outcome.usage)
    reading = read_answer(batch, raw, run.years)
    if reading.year_answered and run.chosen_year is None:
        run.chosen_year = (reading.year,)
    if not (run.cache and hit):
        reading.errors.update(outcome.errors)  # why a label is missing, after the re-asks
    for choices in batch:
        run.shown[choices.anchor.id] = "\n".join(
            t for t in (shown.headline, shown.lead, shown.text) if t
        )
    run.labels.update(reading.labels)
    for anchor_id, error in reading.errors.items():
        run.fail(f"anchor {anchor_id}", error)


def _policy(run: _Run, left_s: float) -> RetryPolicy:
    options = run.options
    return RetryPolicy(
        attempts=1 if run.endpoint.cassette_mode == "none" else options.retry_attempts,
        initial_s=options.retry_backoff_s,
        max_wait_s=30 * options.retry_backoff_s,
        total_s=min(max(options.timeout_s, 60.0), left_s),
    )


def _limits(run: _Run, left_s: float) -> Limits:
    options = run.options
    return Limits(
        timeout_s=min(options.timeout_s, left_s),
        connect_timeout_s=min(options.connect_timeout_s, left_s),
        max_answer_bytes=options.max_answer_bytes,
    )


def _article_year(run: _Run) -> int | None:
    """The year the model gave the article, else (not asked, or not answered) the rules'."""
    if run.chosen_year is not None:
        return run.chosen_year[0]
    if run.years and run.labels:
        run.warnings.append("the article's year was not answered: the inferred one is kept")
    return run.year


def _result(run: _Run, choices: list[Choices]) -> ArticleResult:
    facts: list[Fact] = []
    text = run.article.text
    year = _article_year(run)
    for c in choices:
        label = run.labels.get(c.anchor.id)
        if label is None or label.flow is None:
            continue
        label = replace(label, period=dated(label.period, year))
        try:
            fact = fact_from(label, c.anchor, text)
        except (NotAFact, ValueError) as exc:
            run.warnings.append(f"dropped label: {str(exc).splitlines()[0]}")
            continue
        missing = unmentioned(fact, run.shown.get(c.anchor.id, ""))
        if missing:
            run.warnings.append(
                f"[{c.anchor.id}] {c.anchor.amount.text}: {', '.join(missing)} "
                "not mentioned in the text the model read"
            )
        facts.append(fact)
    warnings = run.warnings + [f"failed {f}" for f in run.failures]
    error = None
    if run.down:
        error = f"{run.article.name}: {run.down}"
    elif run.failures and not run.labels:
        error = f"{run.article.name}: no anchor labelled ({run.endpoint.label}): {run.failures[-1]}"
    return ArticleResult(
        article=run.article.name,
        facts=facts,
        source=Source.LLM,
        warnings=warnings,
        error=error,
        incomplete=[] if error else run.unanswered,
        usage=run.usage,
        raw_answer=run.raw_answer if run.failures else None,
    )
