"""`extract --engine ray`: the same per-article function on Ray Data, and its summary."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from extractor.cli import options as opt
from extractor.cli.console import make_console
from extractor.cli.summary import one_line
from extractor.output import STDOUT
from extractor.types import ExtractOptions

ENGINES = ("local", "ray")
ERRORS_SHOWN = 20

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
) -> int:
    """Extract on Ray, print the totals and the failures; the exit code."""
    from extractor.engines.ray import extract_dataset
    from extractor.output.sinks import require

    if path in opt.PATH_GROUPS or out == STDOUT or fmt == "csv":
        raise typer.BadParameter(
            "--engine ray runs one path and writes Parquet or JSONL folders: "
            "--path NAME --format parquet|jsonl --out DIR",
            param_hint="'--engine'",
        )
    try:
        require("ray", "--engine ray")
    except ValueError as exc:
        raise opt.fail(f"{exc.args[0].replace('[frame]', '[ray]')}") from None
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
    return print_ray_summary(path, run.articles, run.written)


def print_ray_summary(path: str, articles: Any, written: list[Path]) -> int:
    """Totals computed on the cluster; only the failed articles come back to print."""
    total = articles.count()
    facts = articles.sum("facts") if total else 0
    with warnings.catch_warnings():  # a row function is the portable filter across versions
        warnings.simplefilter("ignore", UserWarning)
        masked = articles.filter(lambda row: bool(row["numbers_masked"])).count() if total else 0
        failed = articles.filter(lambda row: row["error"] is not None)
        failures = failed.take(ERRORS_SHOWN)
        n_failed = failed.count() if failures else 0
    table = Table(title="Extraction summary (Ray)", title_justify="left")
    for name in ("path", "articles", "facts", "numbers_masked", "failed"):
        table.add_column(name, justify="left" if name == "path" else "right")
    table.add_row(path, str(total), str(facts or 0), str(masked), str(n_failed))
    make_console().print(table)
    err = make_console(stderr=True, soft_wrap=True)
    for folder in written:
        err.print(f"wrote {escape(str(folder))}/", highlight=False)
    for row in failures:
        err.print(f"[red]error:[/red] {escape(one_line(row['error']))}", highlight=False)
    if n_failed > len(failures):
        err.print(f"… and {n_failed - len(failures)} more failed articles", highlight=False)
    return 1 if n_failed else 0
