"""The table printed after an extraction: what each article gave, and the totals.

A small batch gets one row per article; a large one gets the totals per path, then
only the articles that need a look (failed first, then the most warnings), so the
table stays readable at any size. Messages are shown on one line each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.console import Console, RenderableType
from rich.console import Group as RenderGroup
from rich.markup import escape
from rich.table import Table

from extractor.types import ArticleResult, Grounding

ROWS_SHOWN = 20  # above this many rows, totals and the worst articles only
WORST_SHOWN = 10
_PYDANTIC_NOISE = re.compile(r"\s*\[type=[^\]]*\]|^\s*For further information visit \S+\s*$")


def one_line(message: str) -> str:
    """A multi-line message (a pydantic error, a traceback tail) as one readable line."""
    lines = (_PYDANTIC_NOISE.sub("", line).strip() for line in message.splitlines())
    return " · ".join(line for line in lines if line)


def count_articles(by_path: Mapping[str, Sequence[ArticleResult]]) -> str:
    """ "5 articles", or "1 article × 2 paths" when several paths ran over the same ones."""
    names = {r.article for rs in by_path.values() for r in rs}
    text = f"{len(names)} article{'s' if len(names) != 1 else ''}"
    return f"{text} × {len(by_path)} paths" if len(by_path) > 1 else text


def _note(result: ArticleResult) -> str:
    if result.failure:
        return f"[red]{escape(one_line(result.failure))}[/red]"
    return escape("; ".join(one_line(w) for w in result.warnings))


def article_table(
    by_path: Mapping[str, Sequence[ArticleResult]],
    rows: Sequence[tuple[str, ArticleResult]],
    title: str,
) -> Table:
    """One row per (path, article) given, with the totals of the whole run as footer."""
    several = len(by_path) > 1
    table = Table(title=title, title_justify="left", show_footer=True)
    if several:
        table.add_column("path", footer="")
    results = [r for rs in by_path.values() for r in rs]
    facts = sum(len(r.facts) for r in results)
    masked = sum(r.numbers_masked for r in results)
    failed = sum(r.failure is not None for r in results)
    table.add_column("article", footer=count_articles(by_path), overflow="fold")
    table.add_column("facts", footer=str(facts), justify="right")
    table.add_column("numbers_masked", footer=str(masked), justify="center")
    table.add_column("warnings / error", footer=f"{failed} failed", overflow="fold")
    for path, r in rows:
        row = [escape(r.article), str(len(r.facts)), "yes" if r.numbers_masked else "no", _note(r)]
        table.add_row(*([path, *row] if several else row))
    return table


def totals_table(by_path: Mapping[str, Sequence[ArticleResult]]) -> Table:
    """One row per path: articles, facts, masked, with warnings, failed."""
    table = Table(title="Extraction summary", title_justify="left")
    for name in ("path", "articles", "facts", "numbers_masked", "with warnings", "failed"):
        table.add_column(name, justify="left" if name == "path" else "right")
    for path, results in by_path.items():
        table.add_row(
            path,
            str(len(results)),
            str(sum(len(r.facts) for r in results)),
            str(sum(r.numbers_masked for r in results)),
            str(sum(bool(r.warnings) and r.failure is None for r in results)),
            str(sum(r.failure is not None for r in results)),
        )
    return table


def worst(
    by_path: Mapping[str, Sequence[ArticleResult]], limit: int = WORST_SHOWN
) -> list[tuple[str, ArticleResult]]:
    """The articles that need a look: failed, then most warnings, then no facts unmasked."""

    def badness(item: tuple[str, ArticleResult]) -> tuple[bool, int, bool]:
        r = item[1]
        return (r.failure is not None, len(r.warnings), not r.facts and not r.numbers_masked)

    rows = [(p, r) for p, rs in by_path.items() for r in rs]
    flagged = [row for row in rows if any(badness(row))]
    return sorted(flagged, key=badness, reverse=True)[:limit]


def summary_table(by_path: Mapping[str, Sequence[ArticleResult]]) -> RenderableType:
    rows = [(p, r) for p, rs in by_path.items() for r in rs]
    if len(rows) <= ROWS_SHOWN:
        return article_table(by_path, rows, "Extraction summary")
    shown = worst(by_path)
    if not shown:
        return RenderGroup(totals_table(by_path), "No article failed or has warnings.")
    title = f"Articles to look at ({len(shown)} shown; every result is in the output)"
    return RenderGroup(totals_table(by_path), article_table(by_path, shown, title))


def print_summary(by_path: Mapping[str, Sequence[ArticleResult]], console: Console) -> None:
    console.print(summary_table(by_path))


def failures(by_path: Mapping[str, Sequence[ArticleResult]]) -> list[str]:
    """Why each failed article failed: an error, or passages left without an answer."""
    return [one_line(r.failure) for rs in by_path.values() for r in rs if r.failure]


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
        held = [r.article for r in results for _ in r.rejected]
        if held:
            notes.append(
                f"{path}: {len(held)} reading(s) in {len(set(held))} article(s) held back: "
                "value or quote not in the text (see 'rejected'; --keep-ungrounded keeps them)"
            )
        if found:
            articles = len(set(found))
            notes.append(
                f"{path}: {len(found)} fact(s) in {articles} article(s) have a value that is "
                "not in the text (grounding 'value_not_in_text'); check them before use"
            )
    return notes
