"""`extractor eval`: extract with one or more paths and score them against gold."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from extractor.cli import options as opt
from extractor.cli.console import make_console
from extractor.cli.llm_options import with_llm_options
from extractor.cli.summary import failures
from extractor.crosscheck import reliability as rel
from extractor.evaluate.keys import KeyAccuracy, key_accuracy_folder
from extractor.evaluate.score import Scores, score_dirs
from extractor.evaluate.tables import (
    article_table,
    key_table,
    masked_line,
    metric_table,
    near_miss_table,
    overall_table,
)
from extractor.ground.rates import format_rates, grounding_rates_in
from extractor.io import output_path, read_paths, write_json_atomic
from extractor.paths import PATHS
from extractor.types import Article, ExtractOptions

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
extractor eval --gold G --articles A --path rules --path llm --llm replay --per-key \\
    --write-reliability extractor/crosscheck/reliability.json
```

`--per-key` adds, per path, the share of the gold facts whose number it reported
that it labelled right, key by key; `--write-reliability` stores those figures
(by path, and LLM strategy and model) for the cross-check to weigh each path's
vote per key.
"""


def _pred_folder(pred: Path, name: str, several: bool) -> Path:
    """``PRED/<path>`` when it exists (the layout of --path both); else PRED itself."""
    sub = pred / name
    if sub.is_dir() or not several:
        return sub if sub.is_dir() else pred
    raise typer.BadParameter(f"no folder {sub} for path {name!r}", param_hint="'--pred'")


@with_llm_options
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
        typer.Option(
            "--path",
            "-p",
            help=f"Extraction path to score ({', '.join(PATHS)}); repeat for several.",
        ),
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
    per_key: Annotated[
        bool,
        typer.Option(
            "--per-key", help="Per-key accuracy on the gold facts whose number a path reported."
        ),
    ] = False,
    write_reliability: Annotated[
        Path | None,
        typer.Option(
            "--write-reliability",
            metavar="FILE",
            help="Store per-key accuracy by path in FILE (entries of other paths are kept).",
        ),
    ] = None,
    workers: opt.Workers = 1,
    resume: opt.Resume = False,
    *,
    options: ExtractOptions,
) -> None:
    requested = path or ["rules"]
    items = read_paths([articles]) if articles is not None else []
    texts = {item.stem: item.text for item in items if isinstance(item, Article)}
    keys_wanted = per_key or write_reliability is not None
    if pred is not None:
        names = list(dict.fromkeys(requested))
        several = len(names) > 1
        folders = {n: _pred_folder(pred, n, several) for n in names}
        by_path = {n: score_dirs(folder, gold) for n, folder in folders.items()}
        grounding = {n: grounding_rates_in(folder) for n, folder in folders.items()}
        keys = {n: key_accuracy_folder(f, gold, texts) for n, f in folders.items() if keys_wanted}
        _report(by_path, per_article, per_metric, near_miss, json_file, grounding, keys)
        source = ("--pred", pred)
        _write_reliability(write_reliability, keys, options, gold, source)
        return
    if articles is None:
        raise typer.BadParameter("give --articles to extract, or --pred to score output")
    names = opt.path_names(requested)
    opt.check_llm(names, options)
    opt.check_articles(names, options, items)
    given = {output_path(Path(), item.name).stem for item in items if item.name is not None}
    _say_unscored(gold, given, articles)
    with tempfile.TemporaryDirectory(prefix="extractor-eval-") as tmp:
        root = out or Path(tmp)
        results = opt.run_paths(
            items, names, root, options, workers=workers, resume=resume, subfolders=True
        )
        by_path = {n: score_dirs(root / n, gold, only=given) for n in names}
        grounding = {n: grounding_rates_in(root / n) for n in names}
        keys = {
            n: key_accuracy_folder(root / n, gold, texts, only=given) for n in names if keys_wanted
        }
    _report(by_path, per_article, per_metric, near_miss, json_file, grounding, keys)
    _write_reliability(write_reliability, keys, options, gold, ("--articles", articles))
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
    keys: dict[str, KeyAccuracy],
) -> None:
    console = make_console()
    console.print(overall_table(by_path))
    if keys:
        console.print(key_table(keys))
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
        figures = {name: s.to_json() for name, s in by_path.items()}
        for name, acc in keys.items():
            figures[name]["per_key"] = acc.to_json()
        write_json_atomic(json_file, figures)
        console.print(f"scores written to {json_file}")


def _write_reliability(
    file: Path | None,
    keys: dict[str, KeyAccuracy],
    options: ExtractOptions,
    gold: Path,
    source: tuple[str, Path],
) -> None:
    """Update FILE with the per-key figures of the paths just measured; a path that
    reported no number has no figures, and its earlier entry (if any) stays."""
    if file is None:
        return
    reliability = rel.load(file)
    for name, acc in keys.items():
        label = rel.path_label(name, options)
        if not acc.reported:
            typer.echo(f"reliability: {label} reported no gold number; not written", err=True)
            continue
        figures = acc.to_json()
        reliability.paths[label] = rel.PathReliability(
            gold=figures["gold"], reported=figures["reported"], keys=figures["keys"]
        )
    reliability.measured_on = str(gold)
    words = ["extractor eval --gold", str(gold), source[0], str(source[1])]
    words += [f"--path {name}" for name in keys]
    words += [f"--llm {options.llm}"] if options.llm else []
    words += [f"--strategy {options.strategy}"] if "llm" in keys else []
    reliability.command = " ".join([*words, "--per-key --write-reliability", str(file)])
    rel.save(reliability, file)
    typer.echo(f"reliability written to {file}: {', '.join(sorted(reliability.paths))}")
