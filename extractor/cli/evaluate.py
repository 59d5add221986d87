"""`extractor eval`: extract with one or more paths and score them against gold."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extractor.cli import options as opt
from extractor.cli.summary import failures
from extractor.evaluate.score import Scores, score_dirs
from extractor.evaluate.tables import (
    article_table,
    masked_line,
    metric_table,
    near_miss_table,
    overall_table,
)
from extractor.ground.rates import format_rates, grounding_rates_in
from extractor.io import output_path, read_paths, write_json_atomic

HELP = """
Score extraction paths against gold: precision, recall and F1 of facts.

Extracts the articles with each `--path` (into a temporary folder, or
`--out`) and scores the output against the gold JSON files with the
matching rules of the evaluation spec, or scores existing output with
`--pred`. Prints one row per path, then per-article, per-metric and
near-miss tables (why each unmatched prediction missed its closest gold fact).

**Examples**

```
extractor eval --gold ../shared/eval/gold --articles ../shared/eval/articles --path rules
extractor eval --gold G --articles A --path rules --path llm --llm replay --json scores.json
extractor eval --gold G --pred out/ --path rules  # score as is
```
"""


def _pred_folder(pred: Path, name: str, several: bool) -> Path:
    """``PRED/<path>`` when it exists (the layout of --path both); else PRED itself."""
    sub = pred / name
    if sub.is_dir() or not several:
        return sub if sub.is_dir() else pred
    raise typer.BadParameter(f"no folder {sub} for path {name!r}", param_hint="'--pred'")


def command(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            "-g",
            exists=True,
            file_okay=False,
            help="Folder of gold files, one STEM.json per article.",
        ),
    ],
    articles: Annotated[
        Path | None,
        typer.Option("--articles", "-a", exists=True, help="Articles to extract (file or folder)."),
    ] = None,
    path: Annotated[
        list[str] | None,
        typer.Option("--path", "-p", help="Extraction path to score; repeat for several."),
    ] = None,
    pred: Annotated[
        Path | None,
        typer.Option(
            "--pred",
            exists=True,
            file_okay=False,
            help="Score existing output instead of extracting: PRED, or PRED/PATH if it exists.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Keep the extracted output in OUT/PATH/."),
    ] = None,
    per_article: Annotated[bool, typer.Option(help="Show the per-article table.")] = True,
    per_metric: Annotated[bool, typer.Option(help="Show the per-metric table.")] = True,
    near_miss: Annotated[bool, typer.Option(help="Show the near-miss counts.")] = True,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores to this JSON file.")
    ] = None,
    workers: opt.Workers = 1,
    resume: opt.Resume = False,
    llm: opt.Llm = None,
    base_url: opt.BaseUrl = None,
    mode: opt.Mode = None,
    max_retries: opt.MaxRetries = opt.DEFAULT_MAX_RETRIES,
    timeout: opt.Timeout = opt.DEFAULT_TIMEOUT,
    cache_dir: opt.CacheDir = None,
    cassette_dir: opt.CassetteDir = None,
) -> None:
    requested = path or ["rules"]
    if pred is not None:
        names = list(dict.fromkeys(requested))
        several = len(names) > 1
        folders = {n: _pred_folder(pred, n, several) for n in names}
        by_path = {n: score_dirs(folder, gold) for n, folder in folders.items()}
        grounding = {n: grounding_rates_in(folder) for n, folder in folders.items()}
        _report(by_path, per_article, per_metric, near_miss, json_file, grounding)
        return
    if articles is None:
        raise typer.BadParameter("give --articles to extract, or --pred to score output")
    names = opt.path_names(requested)
    options = opt.extract_options(
        llm, base_url, mode, max_retries, timeout, cache_dir, cassette_dir
    )
    items = read_paths([articles])
    given = {output_path(Path(), item.name).stem for item in items if item.name is not None}
    _say_unscored(gold, given, articles)
    with tempfile.TemporaryDirectory(prefix="extractor-eval-") as tmp:
        root = out or Path(tmp)
        results = opt.run_paths(
            items, names, root, options, workers=workers, resume=resume, subfolders=True
        )
        by_path = {n: score_dirs(root / n, gold, only=given) for n in names}
        grounding = {n: grounding_rates_in(root / n) for n in names}
    _report(by_path, per_article, per_metric, near_miss, json_file, grounding)
    errors = failures(results)
    for message in errors:
        typer.echo(f"error: {message}", err=True)
    if errors:
        raise typer.Exit(code=1)


def _say_unscored(gold: Path, given: set[str], articles: Path) -> None:
    """Gold files whose article was not given are left out, and the user is told which."""
    unscored = sorted(p.stem for p in gold.glob("*.json") if p.stem not in given)
    if unscored:
        shown = ", ".join(unscored[:8]) + (", …" if len(unscored) > 8 else "")
        typer.echo(
            f"not scored: {len(unscored)} gold file(s) with no article in {articles} ({shown})",
            err=True,
        )


def _report(
    by_path: dict[str, Scores],
    per_article: bool,
    per_metric: bool,
    near_miss: bool,
    json_file: Path | None,
    grounding: dict[str, dict[str, float]],
) -> None:
    console = Console()
    console.print(overall_table(by_path))
    for name, rates in grounding.items():  # paths whose facts carry a grounding status
        if rates["facts"]:
            console.print(f"{name} · {format_rates(rates)}", highlight=False)
    shown = {article_table: per_article, metric_table: per_metric, near_miss_table: near_miss}
    for name, scores in by_path.items():
        console.print(masked_line(name, scores), highlight=False)
    for name, scores in by_path.items():
        for table, show in shown.items():
            if show:
                console.print(table(name, scores))
    if json_file is not None:
        write_json_atomic(json_file, {name: s.to_json() for name, s in by_path.items()})
        console.print(f"scores written to {json_file}")
