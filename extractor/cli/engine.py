"""`extract --engine ray`: the same per-article function on Ray Data, and its summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from extractor.cli import options as opt
from extractor.cli.console import make_console
from extractor.cli.summary import one_line
from extractor.output import STDOUT
from extractor.types import ExtractOptions

if TYPE_CHECKING:
    from extractor.engines.ray import RaySummary

ENGINES = ("local", "ray")

Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help=(
            "local: this process and its workers; ray: Ray Data, locally or on a cluster "
            "(--address), writing OUT/facts/ and OUT/articles/ (Parquet or JSONL)."
        ),
    ),
]
Address = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="Ray cluster to join (e.g. ray://head:10001, or auto); default: start Ray here.",
    ),
]


def check_engine(engine: str, address: str | None) -> None:
    if engine not in ENGINES:
        raise typer.BadParameter(
            f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}",
            param_hint="'--engine'",
        )
    if address and engine != "ray":
        raise typer.BadParameter("--address needs --engine ray", param_hint="'--address'")


def run_on_ray(
    paths: list[Path],
    path: str,
    out: str,
    fmt: str,
    options: ExtractOptions,
    *,
    address: str | None,
    workers: int,
    resume: bool = False,
) -> int:
    """Extract on Ray, print the totals and the failures; the exit code."""
    from extractor.engines.ray import extract_dataset
    from extractor.output.sinks import require

    if path in opt.PATH_GROUPS or out == STDOUT or fmt == "csv" or resume:
        raise typer.BadParameter(
            "--engine ray runs one path and writes Parquet or JSONL folders: "
            "--path NAME --format parquet|jsonl --out DIR (no --resume)",
            param_hint="'--engine'",
        )
    try:
        require("ray", "--engine ray", extra="ray")
    except ValueError as exc:
        raise opt.fail(str(exc)) from None
    try:
        run = extract_dataset(
            [str(p) for p in paths],
            path=path,
            out=out,
            output_format="parquet" if fmt == "json" else fmt,
            address=address,
            concurrency=workers if workers > 1 else None,
            **options.model_dump(exclude={"llm"}),
            llm=options.llm,
        )
    except ValueError as exc:  # a cluster that cannot be joined, no articles in the input
        raise opt.fail(str(exc)) from None
    return print_ray_summary(path, run.summarise(), run.written)


def print_ray_summary(path: str, summary: RaySummary, written: list[Path]) -> int:
    """The totals, the files, the first failures; the exit code (1 when any failed)."""
    table = Table(title="Extraction summary (Ray)", title_justify="left")
    for name in ("path", "articles", "facts", "numbers_masked", "failed"):
        table.add_column(name, justify="left" if name == "path" else "right")
    counts = (summary.articles, summary.facts, summary.masked, summary.failed)
    table.add_row(path, *map(str, counts))
    make_console().print(table)
    err = make_console(stderr=True, soft_wrap=True)
    for folder in written:
        err.print(f"wrote {escape(str(folder))}/", highlight=False)
    for message in summary.errors:
        err.print(f"[red]error:[/red] {escape(one_line(message))}", highlight=False)
    if summary.failed > len(summary.errors):
        err.print(f"… and {summary.failed - len(summary.errors)} more failed", highlight=False)
    return 1 if summary.failed else 0
