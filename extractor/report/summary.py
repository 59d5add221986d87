"""Run totals over the cross-checked articles."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.crosscheck.types import CHECKED_PATHS, ArticleCrosscheck, RunSummary, Verdict


def summarise(results: Sequence[ArticleCrosscheck]) -> RunSummary:
    verdicts = {verdict.value: 0 for verdict in Verdict}
    for result in results:
        for name, count in result.counts().items():
            verdicts[name] += count
    return RunSummary(
        articles=len(results),
        masked=sum(r.numbers_masked for r in results),
        errors=sum(bool(r.errors) for r in results),
        verdicts=verdicts,
        checks_passed=sum(c.passed for r in results for c in r.checks),
        checks_failed=sum(not c.passed for r in results for c in r.checks),
        checks_failed_by_path={
            path: sum(r.failed_by_path()[path] for r in results) for path in CHECKED_PATHS
        },
        rules_facts=sum(1 for r in results for p in r.pairs if p.rules is not None),
        llm_facts=sum(1 for r in results for p in r.pairs if p.llm is not None),
        reconciled_facts=sum(len(r.reconciled.facts) for r in results),
        tokens=sum(r.usage.total_tokens for r in results if r.usage is not None),
        requests=sum(r.usage.requests for r in results if r.usage is not None),
        cached=sum(r.usage.cached for r in results if r.usage is not None),
    )
