"""Pure data types: the contract between every stage of the pipeline.

The fact shape is exactly the one of the evaluation spec (``shared/eval/README.md``);
our own keys (evidence, source, grounding, verdict, ...) are extras that the
scorer ignores.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Flow(StrEnum):
    EXPORT = "export"
    IMPORT = "import"
    TOTAL = "total"  # exports + imports
    BALANCE = "balance"  # exports - imports; surplus positive


class Scope(StrEnum):
    GOODS = "goods"
    SERVICES = "services"


class Sector(StrEnum):
    DOMESTIC = "domestic"
    FDI = "fdi"


class Metric(StrEnum):
    VALUE = "value"  # US dollars
    QUANTITY = "quantity"  # tonnes
    CHANGE_PCT = "change_pct"
    CHANGE_ABS = "change_abs"  # US dollars, signed
    SHARE_PCT = "share_pct"


class Basis(StrEnum):
    YOY = "yoy"
    PREV_PERIOD = "prev_period"
    PLAN = "plan"


class Source(StrEnum):
    RULES = "rules"
    LLM = "llm"


class Grounding(StrEnum):
    GROUNDED = "grounded"
    QUOTE_NOT_FOUND = "quote_not_found"
    VALUE_NOT_IN_TEXT = "value_not_in_text"


class Verdict(StrEnum):
    """How the rule and LLM paths relate on one fact (set by the cross-check)."""

    AGREE = "agree"  # same keys, values within the eval tolerance
    CONFLICT = "conflict"  # same keys and another value, or the same number labelled otherwise
    LLM_ONLY = "llm_only"
    RULES_ONLY = "rules_only"


CHANGE_METRICS = frozenset({Metric.CHANGE_PCT, Metric.CHANGE_ABS})
PARTNER_PATTERN = re.compile(r"^(?:[A-Z]{2}|EU|ASEAN)$")


# The years a fact's period may have: Vietnam's trade statistics as the articles report them.
MIN_YEAR, MAX_YEAR = 1990, 2100


def plausible_year(year: int) -> bool:
    """A year a fact's period may have (not "established diplomatic relations in 1955")."""
    return MIN_YEAR <= year <= MAX_YEAR


class Period(BaseModel):
    """A span of months inside one calendar year (a month, a quarter, year-to-date)."""

    model_config = ConfigDict(frozen=True)

    year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    start_month: int = Field(ge=1, le=12)
    end_month: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def _start_not_after_end(self) -> Period:
        if self.start_month > self.end_month:
            raise ValueError(f"start_month {self.start_month} is after end_month {self.end_month}")
        return self


class Evidence(BaseModel):
    """Where a fact stands in the article: character offsets into the text as given."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        return self


class FactKeys(BaseModel):
    """The dimensions that say what a number is about (everything but the value)."""

    flow: Flow
    scope: Scope = Scope.GOODS
    period: Period
    sector: Sector | None = None
    partner: str | None = None
    item: str | None = None
    metric: Metric
    basis: Basis | None = None

    @field_validator("partner")
    @classmethod
    def _partner_code(cls, value: str | None) -> str | None:
        if value is not None and not PARTNER_PATTERN.match(value):
            raise ValueError(f"partner {value!r} is not an ISO 3166 alpha-2 code, 'EU' or 'ASEAN'")
        return value

    @field_validator("item")
    @classmethod
    def _item_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        return value

    @model_validator(mode="after")
    def _basis_only_on_changes(self) -> FactKeys:
        if self.basis is not None and self.metric not in CHANGE_METRICS:
            raise ValueError(
                f"basis {self.basis.value!r} given for metric {self.metric.value!r}; "
                "basis belongs to change_pct / change_abs only"
            )
        return self


class Fact(FactKeys):
    """One number the article states about Vietnam's trade, with what it is about."""

    value: float
    quote: str = ""
    qualifier: str | None = None  # "gần", "hơn", "ước đạt": kept apart from the value
    evidence: Evidence | None = None
    source: Source | None = None
    grounding: Grounding | None = None
    # set on reconciled facts: how far to trust this one, and why
    verdict: Verdict | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    reasons: list[str] | None = None

    @model_validator(mode="after")
    def _value_fits_metric(self) -> Fact:
        if self.metric is Metric.SHARE_PCT and not 0 <= self.value <= 100:
            raise ValueError(f"share_pct {self.value} is outside 0..100")
        if self.metric is Metric.QUANTITY and self.value < 0:
            raise ValueError(f"quantity {self.value} is negative")
        if self.metric is Metric.VALUE and self.flow is not Flow.BALANCE and self.value < 0:
            raise ValueError(f"a {self.flow.value} value cannot be negative ({self.value})")
        return self

    def keys(self) -> FactKeys:
        return FactKeys.model_validate(self.model_dump(include=set(FactKeys.model_fields)))


class Usage(BaseModel):
    """What one run spent on one article: tokens (re-asks included), HTTP requests sent
    (retries too), and the answers it took from the answer cache instead (no request, no
    tokens), so a re-run says it cost nothing."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    cached: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            requests=self.requests + other.requests,
            cached=self.cached + other.cached,
        )


class ArticleResult(BaseModel):
    """Everything one extraction path says about one article: the gold file shape plus extras."""

    article: str
    numbers_masked: bool = False
    facts: list[Fact] = Field(default_factory=list)
    source: Source | None = None
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None  # set when the article could not be processed at all
    # passages that got no answer: the facts are partial and the article counts as failed
    incomplete: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    raw_answer: str | None = None  # the last model answer when the LLM path failed (bounded)
    # model readings held back from ``facts`` (not grounded in the text: ``grounding`` says why)
    rejected: list[Fact] = Field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Processed in full: no error and every passage answered."""
        return self.error is None and not self.incomplete

    @property
    def failure(self) -> str | None:
        """Why the article counts as failed, or ``None``."""
        if self.error is not None:
            return self.error
        if self.incomplete:
            return f"{self.article}: incomplete, no answer for {'; '.join(self.incomplete)}"
        return None


class Article(BaseModel):
    """One article as read from disk: its file name and its text exactly as given."""

    name: str  # file name, e.g. "001_791fcfb07cf1515f.txt"; output goes to <stem>.json
    text: str
    path: str | None = None

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name


MIN_ANSWER_TOKENS = 16  # below this not even one label fits
MAX_ANSWER_TOKENS = 65_536


class ExtractOptions(BaseModel):
    """What the command line passes to an extraction path."""

    llm: str | None = None  # "openai:MODEL", "local[:PATH.gguf]", "replay"
    base_url: str | None = None
    mode: str | None = None  # instructor mode override
    max_retries: int = 2  # re-asks after a validation failure
    timeout_s: float = 300.0  # per request, to read the whole answer (no streaming)
    connect_timeout_s: float = 10.0  # per request, to connect
    article_deadline_s: float = 900.0  # the whole article, retries and re-asks included
    max_answer_bytes: int = 1_000_000  # a longer response is refused unread
    # cap on the tokens of one answer; None: the model kind's own (``llm/budget.py``)
    max_tokens: int | None = Field(default=None, ge=MIN_ANSWER_TOKENS, le=MAX_ANSWER_TOKENS)
    cache_dir: str | None = None
    cassette_dir: str | None = None
    retry_attempts: int = 5  # transport attempts per request (timeouts, 429, 5xx)
    retry_backoff_s: float = 1.0  # first backoff wait; grows exponentially with jitter
    passage_chars: int | None = None  # article characters per request (0: whole; None: by model)
    keep_ungrounded: bool = False  # keep LLM readings whose value or quote is not in the text
    strategy: str = "anchored"  # how the model is asked: "anchored" (measured better) or "direct"
    # which facts the reconciled path takes (``crosscheck.reconcile.POLICIES``); "auto":
    # "agreed-numbers" with a hosted model, "rules-first" with the bundled one (or its replay)
    reconcile: Literal["auto", "rules-first", "agreed", "agreed-names", "agreed-numbers"] = "auto"
    anchors_per_request: int | None = None  # anchored: 0 = all at once; None = the backend's
    recorded_only: bool = False  # replay: articles without a current recording skip the LLM
