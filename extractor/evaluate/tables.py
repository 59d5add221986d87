"""Scores as compact terminal tables (rich): overall, per article, per metric, near misses."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.markup import escape
from rich.table import Table

from extractor.evaluate.keys import KEYS, KeyAccuracy
from extractor.evaluate.score import Counts, Scores

_COUNT_COLUMNS = ("P", "R", "F1", "matched/pred/gold", "opt")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _cells(counts: Counts) -> list[str]:
    return [
        _pct(counts.precision),
        _pct(counts.recall),
        _pct(counts.f1),
        f"{counts.matched}/{counts.predicted}/{counts.gold}",
        str(counts.optional),
    ]


def _table(title: str, first: str, *extra: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(first, no_wrap=True)
    for name in _COUNT_COLUMNS:
        table.add_column(name, justify="right", no_wrap=True)
    for name in extra:
        table.add_column(name, no_wrap=name != "note", overflow="fold", min_width=len(name))
    return table


def overall_table(by_path: Mapping[str, Scores]) -> Table:
    """One row per extraction path: micro P/R/F1 (%) and the counts behind them."""
    table = _table("Facts (micro average, %)", "path", "masked ok")
    for path, scores in by_path.items():
        masked = f"{scores.masked_correct}/{len(scores.articles)}"
        table.add_row(path, *_cells(scores.total), masked)
    return table


def masked_line(path: str, scores: Scores) -> str:
    """How often the path said rightly whether an article's numbers are masked."""
    flagged = sum(a.masked_pred for a in scores.articles)
    masked = sum(a.masked_gold for a in scores.articles)
    return (
        f"{path} · numbers_masked: {scores.masked_correct}/{len(scores.articles)} articles right "
        f"(masked in gold: {masked}, flagged: {flagged})"
    )


def article_table(path: str, scores: Scores) -> Table:
    table = _table(f"{path} · per article", "article", "masked", "note")
    for a in scores.articles:
        masked = ("yes" if a.masked_pred else "no") + ("" if a.masked_ok else " ✗")
        table.add_row(
            a.article.removesuffix(".txt"), *_cells(a.counts), masked, escape(a.note or "")
        )
    return table


def metric_table(path: str, scores: Scores) -> Table:
    table = _table(f"{path} · per metric", "metric")
    for metric, counts in sorted(scores.metrics.items()):
        table.add_row(metric, *_cells(counts))
    return table


def near_miss_table(path: str, scores: Scores) -> Table:
    """False positives by the key(s) that kept them from matching the closest gold fact."""
    table = Table(
        title=f"{path} · near misses",
        caption="key(s) an unmatched prediction got wrong",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("failed key(s)")
    table.add_column("count", justify="right")
    for key, count in scores.near_misses.most_common():
        table.add_row(key, str(count))
    if not scores.near_misses:
        table.add_row("(no unmatched predictions)", "0")
    return table


def key_table(by_path: Mapping[str, KeyAccuracy]) -> Table:
    """Per path, the share of reported gold facts with each key right (%)."""
    table = Table(
        title="Per key (% right of the gold facts whose number the path reported)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 0),
        pad_edge=False,
    )
    table.add_column("path", no_wrap=True)
    table.add_column("of gold", justify="right", no_wrap=True)
    for key in KEYS:
        table.add_column(key, justify="right", no_wrap=True)
    for path, acc in by_path.items():
        table.add_row(path, f"{acc.reported}/{acc.gold}", *(_pct(acc.accuracy(k)) for k in KEYS))
    return table
