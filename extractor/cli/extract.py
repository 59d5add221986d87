"""`extractor extract`: run one extraction path over articles and write one JSON each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from extractor.cli import options as opt
from extractor.cli.summary import failures, print_summary, ungrounded
from extractor.io import read_paths

HELP = """
Extract facts from articles: one JSON per article, `OUT/<stem>.json`.

The JSON has the gold file shape (article, numbers_masked, facts with flow, scope,
period, sector, partner, item, metric, basis, value, quote) plus extras (source,
warnings, error, incomplete, usage). A table of what each article gave follows the
run. Bad input (empty, binary, not UTF-8, over the size limit, missing) is reported
per file and the run goes on; the exit code is 1 when any article failed or is
incomplete (a passage without an answer), and `--resume` redoes those. An endpoint
that cannot answer (bad key, unknown model, nothing listening) is asked no more:
the articles after it are reported as not attempted, with the cause.

**Examples**

```
extractor extract samples/ --path rules --out out/
extractor extract a.txt b.txt --path rules --out out/ --workers 4 --resume
extractor extract samples/ --path both --out out/ --llm replay  # rules/, llm/
```
"""


def command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files, or folders of *.txt articles.",
            show_default=False,
            readable=False,  # an unreadable file is that article's error, not a usage error
        ),
    ],
    path: Annotated[
        str,
        typer.Option(
            "--path",
            "-p",
            help="Extraction path: a registered one (rules, …) or 'both' (rules and llm).",
        ),
    ] = "rules",
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    workers: opt.Workers = 1,
    resume: opt.Resume = False,
    max_mb: opt.MaxMb = opt.DEFAULT_MAX_MB,
    llm: opt.Llm = None,
    base_url: opt.BaseUrl = None,
    mode: opt.Mode = None,
    max_retries: opt.MaxRetries = opt.DEFAULT_MAX_RETRIES,
    timeout: opt.Timeout = opt.DEFAULT_TIMEOUT,
    deadline: opt.Deadline = opt.DEFAULT_DEADLINE,
    retry_wait: opt.RetryWait = opt.DEFAULT_RETRY_WAIT,
    cache_dir: opt.CacheDir = None,
    cassette_dir: opt.CassetteDir = None,
    passage_chars: opt.PassageChars = None,
    keep_ungrounded: opt.KeepUngrounded = False,
    strategy: opt.Strategy = opt.DEFAULT_STRATEGY,
    anchors_per_request: opt.AnchorsPerRequest = None,
) -> None:
    names = opt.path_names([path])
    options = opt.extract_options(
        llm,
        base_url,
        mode,
        max_retries,
        timeout,
        cache_dir,
        cassette_dir,
        passage_chars=passage_chars,
        keep_ungrounded=keep_ungrounded,
        deadline=deadline,
        retry_wait=retry_wait,
        strategy=strategy,
        anchors_per_request=anchors_per_request,
    )
    opt.check_llm(names, options)
    items = read_paths(paths, max_bytes=int(max_mb * 1024 * 1024))
    by_path = opt.run_paths(
        items,
        names,
        out,
        options,
        workers=workers,
        resume=resume,
        subfolders=path in opt.PATH_GROUPS,
    )
    print_summary(by_path, Console())
    errors = failures(by_path)
    err = Console(stderr=True, soft_wrap=True)
    for note in ungrounded(by_path):
        err.print(f"[yellow]warning:[/yellow] {escape(note)}", highlight=False)
    for message in errors:
        err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    if errors:
        raise typer.Exit(code=1)
