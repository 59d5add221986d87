"""The terminal report: a compact row per article, failed checks, run totals."""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console

from extractor.crosscheck import crosscheck_article
from extractor.crosscheck.types import ArticleCrosscheck, CheckResult
from extractor.report import print_report
from extractor.report.terminal import failed_table
from extractor.types import Article, ArticleResult, Fact, Usage

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def fact(flow: str, value: float) -> Fact:
    return Fact(flow=flow, metric="value", value=value, period=H1)


def test_counts_failed_checks_tokens_and_summary_are_printed() -> None:
    article = Article(
        name="003_8daf333cb5e73b3d.txt",
        text=(SAMPLES / "003_8daf333cb5e73b3d.txt").read_text(encoding="utf-8"),
    )
    masked = Article(
        name="000_78b8f9d05d1a4fcc.txt",
        text=(SAMPLES / "000_78b8f9d05d1a4fcc.txt").read_text(encoding="utf-8"),
    )
    # the services deficit read as the goods balance: the balance check fails
    rules = [fact("export", 219.83e9), fact("import", 212.2e9), fact("balance", -4.71e9)]
    usage = Usage(prompt_tokens=1500, completion_tokens=234)
    results = [
        crosscheck_article(
            article,
            ArticleResult(article=article.name, facts=rules),
            ArticleResult(article=article.name, usage=usage),
        ),
        crosscheck_article(
            masked, ArticleResult(article=masked.name), ArticleResult(article=masked.name)
        ),
    ]
    console = Console(record=True, width=140)
    print_report(results, console)
    out = console.export_text()
    assert "003_8daf333cb5e73b3d.txt" in out and "masked" in out
    assert "1734" in out  # tokens
    assert "Failed checks" in out and "balance" in out and "stated balance -4.71 bn USD" in out
    assert "Run summary" in out and "checks across both paths passed / failed" in out
    assert "checks failed: reconciled / rules / llm" in out
    assert re.search(r"003_8daf333cb5e73b3d\.txt .*│ +1/1/0 │", out), out  # balance: kept, fails


def failed_check(n: int, refs: list[str]) -> CheckResult:
    return CheckResult(
        id=f"c{n}",
        name="balance",
        rule="balance = exports − imports",
        passed=False,
        refs=refs,
        arithmetic=f"arithmetic {n}",
        expected=1.0,
        stated=2.0,
        difference=1.0,
        tolerance=0.1,
    )


def test_failed_checks_are_capped_per_article_with_rule_facts_first() -> None:
    llm_checks = [failed_check(n, ["L1", "L2", f"L{n}"]) for n in range(6)]
    rule_check = failed_check(99, ["R1", "R2", "R3"])
    result = ArticleCrosscheck(
        article="a.txt",
        checks=[*llm_checks, rule_check],
        reconciled=ArticleResult(article="a.txt"),
    )
    console = Console(record=True, width=140)
    console.print(failed_table([result], per_article=3))
    out = console.export_text()
    assert "arithmetic 99" in out  # the rule-fact check comes first though listed last
    assert len(re.findall(r"arithmetic \d", out)) == 3
    assert "… 4 more" in out


def test_no_failed_checks_no_table() -> None:
    assert (
        failed_table(
            [ArticleCrosscheck(article="a.txt", reconciled=ArticleResult(article="a.txt"))]
        )
        is None
    )
