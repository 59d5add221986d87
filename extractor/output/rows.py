"""Flat rows of a result: the shape shared by JSONL, CSV, Parquet and DataFrames.

A fact row names its article and path, every key of the fact (the period spread
over ``year``, ``start_month``, ``end_month``), the value, the quote, the evidence
offsets, grounding and, on reconciled facts, verdict, confidence and reasons. An
article row says what the article gave as a whole: masked, how many facts,
warnings, error, passages left without an answer, tokens. Lists become one string so
every format holds the same row.
"""

from __future__ import annotations

from typing import Any

from extractor.types import ArticleResult, Fact

# name → Arrow type name: the documented columns, in order (Parquet writes these types).
FACT_COLUMNS: dict[str, str] = {
    "article": "string",
    "path": "string",
    "fact": "int64",  # position of the fact in its article's result
    "flow": "string",
    "scope": "string",
    "year": "int64",
    "start_month": "int64",
    "end_month": "int64",
    "sector": "string",
    "partner": "string",
    "item": "string",
    "metric": "string",
    "basis": "string",
    "value": "float64",
    "qualifier": "string",
    "quote": "string",
    "evidence_start": "int64",
    "evidence_end": "int64",
    "source": "string",
    "grounding": "string",
    "verdict": "string",
    "confidence": "float64",
    "reasons": "string",  # joined with "; "
}

ARTICLE_COLUMNS: dict[str, str] = {
    "article": "string",
    "path": "string",
    "numbers_masked": "bool",
    "facts": "int64",
    "warnings": "string",  # joined with " | "
    "error": "string",
    "incomplete": "string",  # passages left without an answer, joined with " | "
    "prompt_tokens": "int64",
    "completion_tokens": "int64",
    "requests": "int64",
    "cached_answers": "int64",  # model answers taken from the answer cache
}


def _enum(value: Any) -> Any:
    return getattr(value, "value", value)


def fact_row(article: str, path: str, index: int, fact: Fact) -> dict[str, Any]:
    evidence = fact.evidence
    return {
        "article": article,
        "path": path,
        "fact": index,
        "flow": _enum(fact.flow),
        "scope": _enum(fact.scope),
        "year": fact.period.year,
        "start_month": fact.period.start_month,
        "end_month": fact.period.end_month,
        "sector": _enum(fact.sector),
        "partner": fact.partner,
        "item": fact.item,
        "metric": _enum(fact.metric),
        "basis": _enum(fact.basis),
        "value": fact.value,
        "qualifier": fact.qualifier,
        "quote": fact.quote,
        "evidence_start": evidence.start if evidence else None,
        "evidence_end": evidence.end if evidence else None,
        "source": _enum(fact.source),
        "grounding": _enum(fact.grounding),
        "verdict": _enum(fact.verdict),
        "confidence": fact.confidence,
        "reasons": "; ".join(fact.reasons) if fact.reasons is not None else None,
    }


def fact_rows(result: ArticleResult, path: str) -> list[dict[str, Any]]:
    return [fact_row(result.article, path, i, fact) for i, fact in enumerate(result.facts)]


def article_row(result: ArticleResult, path: str) -> dict[str, Any]:
    usage = result.usage
    return {
        "article": result.article,
        "path": path,
        "numbers_masked": result.numbers_masked,
        "facts": len(result.facts),
        "warnings": " | ".join(result.warnings),
        "error": result.error,
        "incomplete": " | ".join(result.incomplete) or None,
        "prompt_tokens": usage.prompt_tokens if usage else None,
        "completion_tokens": usage.completion_tokens if usage else None,
        "requests": usage.requests if usage else None,
        "cached_answers": usage.cached if usage else None,
    }
