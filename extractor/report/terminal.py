"""The terminal report: one compact row per article, the failed checks, the run totals."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extractor.crosscheck.types import (
    LLM_REF_PREFIX,
    ArticleCrosscheck,
    CheckResult,
    Verdict,
)
from extractor.report.summary import summarise

FAILED_ROWS_PER_ARTICLE = 5

# verdict → (column header, style)
VERDICT_STYLE: dict[Verdict, tuple[str, str]] = {
    Verdict.AGREE: ("agree", "green"),
    Verdict.CONFLICT: ("confl", "red"),
    Verdict.LLM_ONLY: ("llm", "magenta"),
    Verdict.RULES_ONLY: ("rules", "cyan"),
}


def article_table(results: Sequence[ArticleCrosscheck]) -> Table:
    table = Table(
        title="Cross-check by article",
        title_justify="left",
        caption=(
            "llm / rules: found by one path only · failed checks among the reconciled / rule"
            " / LLM facts · kept: reconciled"
        ),
        caption_justify="left",
    )
    table.add_column("article", no_wrap=True, max_width=24, overflow="ellipsis")
    for header, style in VERDICT_STYLE.values():
        table.add_column(header, justify="right", style=style, min_width=len(header))
    table.add_column("failed", justify="right", no_wrap=True)
    table.add_column("kept", justify="right")
    table.add_column("tokens", justify="right")
    for result in results:
        counts = result.counts()
        if result.numbers_masked:
            cells = ["masked", *[""] * (len(VERDICT_STYLE) + 1)]
        else:
            cells = [
                *(str(counts[v.value]) for v in VERDICT_STYLE),
                _by_path(result.failed_by_path()),
                str(len(result.reconciled.facts)),
            ]
        tokens = str(result.usage.total_tokens) if result.usage else "–"
        name = escape(result.article) + (" [red](error)[/red]" if result.errors else "")
        table.add_row(name, *cells, tokens)
    return table


def _by_path(failed: dict[str, int]) -> str:
    """ "0/1/4": failed checks among the reconciled, rule and LLM facts (reconciled in red)."""
    first, *rest = failed.values()
    return "/".join([f"[{'red' if first else 'default'}]{first}[/]", *map(str, rest)])


def failed_table(
    results: Sequence[ArticleCrosscheck], per_article: int = FAILED_ROWS_PER_ARTICLE
) -> Table | None:
    """The failed checks, at most ``per_article`` rows an article; the rest is in the files.

    Checks resting on rule facts come first: a weak model's misreadings fail many checks
    that say little, while a failed check among rule facts points at the article itself.
    """
    if not any(r.failed_checks for r in results):
        return None
    table = Table(
        title="Failed checks",
        title_justify="left",
        caption=f"at most {per_article} an article, rule facts first; all in report.json",
        caption_justify="left",
        expand=True,
    )
    table.add_column("article", no_wrap=True, max_width=20, overflow="ellipsis")
    table.add_column("check", no_wrap=True)
    table.add_column("facts", no_wrap=True)
    table.add_column("arithmetic", ratio=1, overflow="fold")
    for result in results:
        failed = sorted(result.failed_checks, key=_llm_refs)
        for check in failed[:per_article]:
            table.add_row(
                escape(result.article), check.name, " ".join(check.refs), escape(check.arithmetic)
            )
        if len(failed) > per_article:
            more = f"[dim]… {len(failed) - per_article} more[/dim]"
            table.add_row(escape(result.article), more, "", "")
    return table


def _llm_refs(check: CheckResult) -> int:
    return sum(ref.startswith(LLM_REF_PREFIX) for ref in check.refs)


def summary_table(results: Sequence[ArticleCrosscheck]) -> Table:
    s = summarise(results)
    table = Table(title="Run summary", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("articles (masked, with errors)", f"{s.articles} ({s.masked}, {s.errors})"),
        *((f"pairs {name}", str(count)) for name, count in s.verdicts.items()),
        (
            "checks failed: " + " / ".join(s.checks_failed_by_path),
            " / ".join(map(str, s.checks_failed_by_path.values())),
        ),
        ("checks across both paths passed / failed", f"{s.checks_passed} / {s.checks_failed}"),
        (
            "facts rules / llm / reconciled",
            f"{s.rules_facts} / {s.llm_facts} / {s.reconciled_facts}",
        ),
        ("tokens used", str(s.tokens)),
        ("model requests sent / answers from the cache", f"{s.requests} / {s.cached}"),
    ]
    for row in rows:
        table.add_row(*row)
    return table


def print_report(results: Sequence[ArticleCrosscheck], console: Console | None = None) -> None:
    console = console or Console()
    console.print(article_table(results))
    failed = failed_table(results)
    if failed is not None:
        console.print(failed)
    console.print(summary_table(results))
