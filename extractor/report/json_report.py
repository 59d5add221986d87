"""The machine-readable report: per article pairs, checks and reconciled facts; run totals.

Shape (``REPORT_VERSION`` 1)::

    {"version": 1, "summary": {...RunSummary},
     "articles": [{"article", "numbers_masked", "errors", "warnings", "usage",
                   "counts": {"agree": n, ...}, "failed_checks": n,
                   "failed_by_path": {"reconciled": n, "rules": n, "llm": n},
                   "path_checks": {path: [failed CheckResult of that path's facts alone]},
                   "pairs": [{"id", "verdict", "aligned_by", "differing", "confidence",
                              "kept": "rules" | "llm" | null,
                              "rules": Side | null, "llm": Side | null}],
                   "checks": [CheckResult], "reconciled": ArticleResult}]}

A masked article has no pairs, no checks and no reconciled facts: no values at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.crosscheck.types import AlignedPair, ArticleCrosscheck
from extractor.report.summary import summarise

REPORT_VERSION = 1


def pair_json(pair: AlignedPair) -> dict[str, Any]:
    kept = pair.kept
    return {
        "id": pair.id,
        "verdict": pair.verdict.value,
        "aligned_by": pair.aligned_by.value,
        "differing": pair.differing,
        "confidence": pair.confidence,
        "kept": None if kept is None else ("rules" if kept is pair.rules else "llm"),
        "rules": pair.rules.model_dump(mode="json") if pair.rules else None,
        "llm": pair.llm.model_dump(mode="json") if pair.llm else None,
    }


def article_json(result: ArticleCrosscheck) -> dict[str, Any]:
    return {
        "article": result.article,
        "numbers_masked": result.numbers_masked,
        "errors": result.errors,
        "warnings": result.warnings,
        "usage": result.usage.model_dump(mode="json") if result.usage else None,
        "counts": result.counts(),
        "failed_checks": len(result.failed_checks),
        "failed_by_path": result.failed_by_path(),
        "path_checks": {
            path: [check.model_dump(mode="json") for check in checks if not check.passed]
            for path, checks in result.path_checks.items()
        },
        "pairs": [pair_json(pair) for pair in result.pairs],
        "checks": [check.model_dump(mode="json") for check in result.checks],
        "reconciled": result.reconciled.model_dump(mode="json", exclude_none=True),
    }


def report_json(results: Sequence[ArticleCrosscheck]) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "summary": summarise(results).model_dump(mode="json"),
        "articles": [article_json(result) for result in results],
    }
