"""The table printed after an extraction: what each article gave, and the totals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extractor.types import ArticleResult, Grounding


def summary_table(by_path: Mapping[str, Sequence[ArticleResult]]) -> Table:
    """One row per article (and path, when several ran), then a totals row."""
    several = len(by_path) > 1
    table = Table(title="Extraction summary", title_justify="left", show_footer=True)
    if several:
        table.add_column("path", footer="")
    results = [r for rs in by_path.values() for r in rs]
    facts = sum(len(r.facts) for r in results)
    masked = sum(r.numbers_masked for r in results)
    failed = sum(r.failure is not None for r in results)
    table.add_column("article", footer=f"{len(results)} articles", overflow="fold")
    table.add_column("facts", footer=str(facts), justify="right")
    table.add_column("numbers_masked", footer=str(masked), justify="center")
    table.add_column("warnings / error", footer=f"{failed} failed", overflow="fold")
    for path, path_results in by_path.items():
        for r in path_results:
            note = f"[red]{escape(r.failure)}[/red]" if r.failure else escape("; ".join(r.warnings))
            row = [r.article, str(len(r.facts)), "yes" if r.numbers_masked else "no", note]
            table.add_row(*([path, *row] if several else row))
    return table


def print_summary(by_path: Mapping[str, Sequence[ArticleResult]], console: Console) -> None:
    console.print(summary_table(by_path))


def failures(by_path: Mapping[str, Sequence[ArticleResult]]) -> list[str]:
    """Why each failed article failed: an error, or passages left without an answer."""
    return [r.failure for rs in by_path.values() for r in rs if r.failure]


def ungrounded(by_path: Mapping[str, Sequence[ArticleResult]]) -> list[str]:
    """A warning per path whose output holds facts whose value is not in the text."""
    notes = []
    for path, results in by_path.items():
        found = [
            r.article
            for r in results
            for f in r.facts
            if f.grounding is Grounding.VALUE_NOT_IN_TEXT
        ]
        if found:
            articles = len(set(found))
            notes.append(
                f"{path}: {len(found)} fact(s) in {articles} article(s) have a value that is "
                "not in the text (grounding 'value_not_in_text'); check them before use"
            )
    return notes
