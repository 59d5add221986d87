"""`extractor compare`: run both paths, cross-check them and write the trust report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from extractor.cli import options as opt
from extractor.cli.console import make_console
from extractor.cli.llm_options import with_llm_options
from extractor.crosscheck import ArticleCrosscheck, crosscheck_article
from extractor.crosscheck.reconcile import judged_by
from extractor.crosscheck.reliability import Votes
from extractor.io import InputError, read_paths, write_json_atomic, write_result
from extractor.output import STDOUT, open_sink
from extractor.report import print_report, render_html, report_json
from extractor.types import Article, ArticleResult, ExtractOptions

HELP = """
Run the rule and LLM paths, cross-check them, and say how far to trust each fact.

Writes `OUT/rules/*.json`, `OUT/llm/*.json`, `OUT/reconciled/*.json` (the facts a
careful user should take, in the fact format, so they can be scored), `OUT/report.json`
(aligned pairs with verdicts and confidences, consistency checks with their arithmetic,
reconciled facts, run summary) and `OUT/index.html` (a self-contained page: each
article with its facts highlighted and coloured by verdict). The exit code is 1 when
any article could not be processed by a path.

**Examples**

```
extractor compare samples/ --llm replay --out out/
extractor compare samples/ --llm replay --format csv --out out/  # + OUT/facts.csv
extractor compare a.txt b.txt --llm local --out out/ --workers 2
```

With `--format jsonl|csv|parquet` the facts of all three paths go to one table,
`OUT/facts.EXT` (a `path` column tells rules, llm and reconciled apart; reconciled
rows carry the verdict) and `OUT/articles.EXT`, instead of the per-path folders.
"""


def crosscheck_all(
    items: list[Article | InputError],
    rules: list[ArticleResult],
    llm: list[ArticleResult],
    votes: Votes | None = None,
    policy: str = "rules-first",
) -> tuple[list[ArticleCrosscheck], dict[str, str]]:
    """One cross-check per input, in input order; refused inputs keep their error."""
    results: list[ArticleCrosscheck] = []
    texts: dict[str, str] = {}
    for item, rule_result, llm_result in zip(items, rules, llm, strict=True):
        if isinstance(item, InputError):
            error = item.to_result()
            results.append(
                ArticleCrosscheck(article=error.article, errors=[item.message], reconciled=error)
            )
            continue
        texts[item.name] = item.text
        results.append(crosscheck_article(item, rule_result, llm_result, votes, policy))
    return results, texts


def write_report(
    out: Path,
    results: list[ArticleCrosscheck],
    texts: dict[str, str],
    *,
    per_article_json: bool = True,
) -> None:
    for result in results:
        if per_article_json and result.article in texts:
            write_result(out / "reconciled", result.reconciled)
    write_json_atomic(out / "report.json", report_json(results))
    (out / "index.html").write_text(render_html(results, texts), encoding="utf-8")


def write_table(
    fmt: str,
    out: Path,
    by_path: dict[str, list[ArticleResult]],
    results: list[ArticleCrosscheck],
) -> None:
    """The facts of every path, reconciled ones included, in one table."""
    sink = open_sink(fmt, out)
    for name, path_results in by_path.items():
        for result in path_results:
            sink.add(name, result)
    for crosscheck in results:
        sink.add("reconciled", crosscheck.reconciled)
    sink.close()


@with_llm_options
def command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files, or folders of *.txt articles.",
            show_default=False,
            readable=False,  # an unreadable file is that article's error, not a usage error
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    fmt: opt.Format = "json",
    workers: opt.Workers = 1,
    resume: opt.Resume = False,
    max_mb: opt.MaxMb = opt.DEFAULT_MAX_MB,
    recorded_only: opt.RecordedOnly = False,
    *,
    options: ExtractOptions,
) -> None:
    options = options.model_copy(update={"recorded_only": recorded_only})
    fmt = opt.output_format(fmt, str(out), resume)
    if str(out) == STDOUT:
        raise typer.BadParameter("compare writes a report folder: --out DIR", param_hint="'--out'")
    names = opt.path_names(["rules", "llm"])
    opt.check_llm(names, options)
    items = read_paths(paths, max_bytes=int(max_mb * 1024 * 1024))
    opt.check_articles(names, options, items)
    tabular = fmt != "json"
    by_path = opt.run_paths(
        items,
        names,
        None if tabular else out,
        options,
        workers=workers,
        resume=resume,
        subfolders=True,
    )
    results, texts = crosscheck_all(items, by_path["rules"], by_path["llm"], *judged_by(options))
    write_report(out, results, texts, per_article_json=not tabular)
    if tabular:
        write_table(fmt, out, by_path, results)
    console = make_console()
    print_report(results, console)
    console.print(f"Report: {escape(str(out / 'index.html'))}, {escape(str(out / 'report.json'))}")
    from extractor.llm.path import NOT_REPLAYED  # here: the module loads the model clients

    skipped = [
        r.article for r in by_path["llm"] if any(w.startswith(NOT_REPLAYED) for w in r.warnings)
    ]
    if skipped:
        console.print(
            f"LLM answers not replayed for {len(skipped)} of {len(by_path['llm'])} articles "
            f"(no current recording; rules only): {escape(', '.join(skipped))}. Record them "
            "with `make record RECORD=...`, or run live: `make run LLM=local`."
        )
    errors = [error for result in results for error in result.errors]
    errors += [f"llm: {r.failure}" for r in by_path["llm"] if r.error is None and r.failure]
    err = make_console(stderr=True, soft_wrap=True)
    for message in errors:
        err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    if errors:
        raise typer.Exit(code=1)
