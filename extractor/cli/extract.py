"""`extractor extract`: run one extraction path over articles and write the facts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from extractor.cli import options as opt
from extractor.cli.console import make_console
from extractor.cli.engine import Address, Engine, check_engine, run_on_ray
from extractor.cli.llm_options import with_llm_options
from extractor.cli.summary import failures, print_summary, ungrounded
from extractor.io import read_paths
from extractor.output import STDOUT, open_sink
from extractor.paths import PATHS
from extractor.types import ExtractOptions

HELP = """
Extract facts from articles: one JSON per article, `OUT/<stem>.json`, or one row per
fact (`--format jsonl|csv|parquet`; `--out -` streams JSONL to stdout).

The JSON has the gold file shape (article, numbers_masked, facts with flow, scope,
period, sector, partner, item, metric, basis, value, quote) plus extras (source,
warnings, error, incomplete, usage). A summary follows the run (a large batch: totals
and the articles to look at). Bad input (empty, binary, not UTF-8, over the size limit,
missing) is reported per file and the run goes on; the exit code is 1 when any article
failed or is incomplete (a passage without an answer), and `--resume` redoes those; 2 for
a usage error (an --llm setting that cannot work included). An endpoint that cannot
answer (bad key, unknown model, nothing listening) is asked no more: the articles after
it are reported as not attempted, with the cause.

**Examples**

```
extractor extract samples/ --path rules --out out/
extractor extract samples/ --format jsonl --out -        # one fact per line
extractor extract samples/ --format parquet --out facts/  # facts.parquet, articles.parquet
extractor extract a.txt b.txt --path rules --out out/ --workers 4 --resume
extractor extract samples/ --path both --out out/ --llm replay  # rules/, llm/
extractor extract my.txt --path llm --llm local                 # your own article
extractor extract 'archive/*.txt' --engine ray --out facts/     # Ray, here or --address
```
"""

PATH_HELP = (
    f"Extraction path: {', '.join(PATHS)}, or 'both' (rules and llm into OUT/rules, OUT/llm)."
)


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
    path: Annotated[str, typer.Option("--path", "-p", help=PATH_HELP)] = "rules",
    out: Annotated[
        str, typer.Option("--out", "-o", help="Output folder, or - for stdout.")
    ] = "out",
    fmt: opt.Format = "json",
    workers: opt.Workers = 1,
    resume: opt.Resume = False,
    max_mb: opt.MaxMb = opt.DEFAULT_MAX_MB,
    engine: Engine = "local",
    address: Address = None,
    *,
    options: ExtractOptions,
) -> None:
    names = opt.path_names([path])
    check_engine(engine, address)
    fmt = opt.output_format(fmt, out, resume)
    opt.check_llm(names, options)
    if engine == "ray":
        code = run_on_ray(
            paths, path, out, fmt, options, address=address, workers=workers, resume=resume
        )
        raise typer.Exit(code=code)
    items = read_paths(paths, max_bytes=int(max_mb * 1024 * 1024))
    opt.check_articles(names, options, items)
    sink = None if fmt == "json" else open_sink(fmt, out)
    by_path = opt.run_paths(
        items,
        names,
        Path(out) if sink is None else None,
        options,
        workers=workers,
        resume=resume,
        subfolders=path in opt.PATH_GROUPS,
        on_result=sink.add if sink else None,
    )
    written = sink.close() if sink else []
    streaming = out == STDOUT
    print_summary(by_path, make_console(stderr=streaming))
    err = make_console(stderr=True, soft_wrap=True)
    for file in written:
        err.print(f"wrote {escape(str(file))}", highlight=False)
    errors = failures(by_path)
    for note in ungrounded(by_path):
        err.print(f"[yellow]warning:[/yellow] {escape(note)}", highlight=False)
    for message in errors:
        err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    if errors:
        raise typer.Exit(code=1)
