"""Options shared by several commands, and the one place that turns them into a run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extractor.batch import iter_batch
from extractor.io import MAX_BYTES, Loaded
from extractor.types import (
    MAX_ANSWER_TOKENS,
    MIN_ANSWER_TOKENS,
    Article,
    ArticleResult,
    ExtractOptions,
)

if TYPE_CHECKING:  # importing the paths loads every model client: only for typing here
    from extractor.paths import PathFn

OnResult = Callable[[str, ArticleResult], None]

# A name that stands for several paths; each then writes to its own sub-folder.
PATH_GROUPS: dict[str, tuple[str, ...]] = {"both": ("rules", "llm")}

_LLM = "LLM path options"

Workers = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Articles processed in parallel.")
]
Resume = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Skip articles whose output JSON exists, parses, and is complete without error.",
    ),
]
MaxMb = Annotated[
    float,
    typer.Option("--max-mb", min=0.001, help="Refuse article files larger than this (MB)."),
]
Llm = Annotated[
    str | None,
    typer.Option(
        "--llm",
        metavar="SPEC",
        help="Model: openai:MODEL, local[:PATH.gguf] or replay.",
        rich_help_panel=_LLM,
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible endpoint.", rich_help_panel=_LLM),
]
Mode = Annotated[
    str | None,
    typer.Option("--mode", help="Structured-output mode override.", rich_help_panel=_LLM),
]
MaxRetries = Annotated[
    int,
    typer.Option(
        "--max-retries", min=0, help="Re-asks after a validation failure.", rich_help_panel=_LLM
    ),
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.0,
        help="Seconds to wait for one model answer (connecting: at most 10 s).",
        rich_help_panel=_LLM,
    ),
]
Deadline = Annotated[
    float,
    typer.Option(
        "--deadline",
        min=0.0,
        help="Seconds per article, retries included; passages left then are not attempted.",
        rich_help_panel=_LLM,
    ),
]
RetryWait = Annotated[
    float,
    typer.Option(
        "--retry-wait",
        min=0.0,
        help="First wait before retrying a failed request (doubles each time).",
        rich_help_panel=_LLM,
    ),
]
MaxTokens = Annotated[
    int | None,
    typer.Option(
        "--max-tokens",
        min=MIN_ANSWER_TOKENS,
        max=MAX_ANSWER_TOKENS,
        help="Cap on the tokens of one model answer (default: the model's own; "
        "2048 local, 4096 other servers, 8192 OpenAI).",
        rich_help_panel=_LLM,
    ),
]
CacheDir = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Cache of model answers.", rich_help_panel=_LLM),
]
CassetteDir = Annotated[
    Path | None,
    typer.Option("--cassette-dir", help="Recorded HTTP exchanges to replay.", rich_help_panel=_LLM),
]
Strategy = Annotated[
    str,
    typer.Option(
        "--strategy",
        help="anchored: the code finds each number, the model labels it; "
        "direct: the model writes each fact.",
        rich_help_panel=_LLM,
    ),
]
DEFAULT_RECONCILE = "auto"
Reconcile = Annotated[
    str,
    typer.Option(
        "--reconcile",
        help="Which facts the reconciled path takes: rules-first (the rule facts unless a "
        "check rejects them; any model), agreed (only facts both paths read alike; for a "
        "capable model), agreed-names (agreed, and the model's partner or item where "
        "only those differ), agreed-numbers (the numbers both paths take for facts, with "
        "the model's labels), or auto: agreed-numbers with a hosted model, rules-first "
        "with the bundled one.",
        rich_help_panel=_LLM,
    ),
]
AnchorsPerRequest = Annotated[
    int | None,
    typer.Option(
        "--anchors-per-request",
        min=0,
        help="anchored: numbers labelled per request (0: the whole article; "
        "default 1 for local, 0 for hosted models).",
        rich_help_panel=_LLM,
    ),
]

PassageChars = Annotated[
    int | None,
    typer.Option(
        "--passage-chars",
        min=0,
        help="Article characters per model request (0: whole article; default: by model).",
        rich_help_panel=_LLM,
    ),
]
KeepUngrounded = Annotated[
    bool,
    typer.Option(
        "--keep-ungrounded",
        help="Keep model readings whose value or quote is not in the text (else: rejected).",
        rich_help_panel=_LLM,
    ),
]

RecordedOnly = Annotated[
    bool,
    typer.Option(
        "--recorded-only",
        help=(
            "With replayed answers: articles without a current recording of the strategy "
            "get rules only, and the run says which (else such an article is an error)."
        ),
        rich_help_panel=_LLM,
    ),
]

DEFAULT_STRATEGY = ExtractOptions().strategy

OUTPUT_FORMATS = ("json", "jsonl", "csv", "parquet")
Format = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help=(
            "json: one OUT/<stem>.json per article; jsonl, csv, parquet: one row per fact in "
            "OUT/facts.EXT and one per article in OUT/articles.EXT. "
            "--out - streams the fact rows to stdout (JSONL, or CSV)."
        ),
    ),
]

DEFAULT_MAX_MB = MAX_BYTES / 1024 / 1024
DEFAULT_MAX_RETRIES = ExtractOptions().max_retries
DEFAULT_TIMEOUT = ExtractOptions().timeout_s
DEFAULT_DEADLINE = ExtractOptions().article_deadline_s
DEFAULT_RETRY_WAIT = ExtractOptions().retry_backoff_s


def extract_options(
    llm: str | None,
    base_url: str | None,
    mode: str | None,
    max_retries: int,
    timeout: float,
    cache_dir: Path | None,
    cassette_dir: Path | None,
    *,
    passage_chars: int | None = None,
    keep_ungrounded: bool = False,
    deadline: float = DEFAULT_DEADLINE,
    retry_wait: float = DEFAULT_RETRY_WAIT,
    strategy: str = DEFAULT_STRATEGY,
    anchors_per_request: int | None = None,
    max_tokens: int | None = None,
    reconcile: str = DEFAULT_RECONCILE,
) -> ExtractOptions:
    from extractor.crosscheck.reconcile import POLICIES
    from extractor.llm.strategy import check_strategy

    try:
        check_strategy(strategy)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--strategy'") from None
    if reconcile not in ("auto", *POLICIES):
        raise typer.BadParameter(
            f"{reconcile!r}: choose one of auto, {', '.join(POLICIES)}",
            param_hint="'--reconcile'",
        )
    return ExtractOptions(
        llm=llm,
        base_url=base_url,
        mode=mode,
        max_retries=max_retries,
        timeout_s=timeout,
        article_deadline_s=deadline,
        retry_backoff_s=retry_wait,
        cache_dir=str(cache_dir) if cache_dir else None,
        cassette_dir=str(cassette_dir) if cassette_dir else None,
        passage_chars=passage_chars,
        keep_ungrounded=keep_ungrounded,
        strategy=strategy,
        anchors_per_request=anchors_per_request,
        max_tokens=max_tokens,
        reconcile=reconcile,  # type: ignore[arg-type]  # one of POLICIES, checked above
    )


def check_llm(names: list[str], options: ExtractOptions) -> None:
    """A broken LLM configuration is one usage error, before any article is read."""
    from extractor.paths import NEEDS_LLM

    if NEEDS_LLM.isdisjoint(names):
        return
    from extractor.llm.backends import check_options

    try:
        check_options(options)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--llm' / '--base-url'") from None


def output_format(fmt: str, out: str, resume: bool) -> str:
    """The format to write: json by default, JSONL when streaming to stdout."""
    from extractor.output import STDOUT

    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}",
            param_hint="'--format'",
        )
    if out == STDOUT and fmt == "json":
        return "jsonl"  # one JSON document per article cannot share a stream; rows can
    if out == STDOUT and fmt == "parquet":
        raise typer.BadParameter("Parquet needs a folder: --out DIR", param_hint="'--format'")
    if fmt == "parquet":
        from extractor.output.sinks import require

        try:
            require("pyarrow", "--format parquet")
        except ValueError as exc:
            raise fail(str(exc)) from None
    if resume and fmt != "json":
        raise typer.BadParameter(
            "--resume works with the per-article JSON files (--format json)",
            param_hint="'--resume'",
        )
    return fmt


def fail(message: str, code: int = 2) -> typer.Exit:
    """Say what went wrong on stderr; the caller raises the returned exit."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=code)


def check_articles(names: list[str], options: ExtractOptions, items: list[Loaded]) -> None:
    """Before running: replayed answers exist for every article the model would see."""
    from extractor.paths import NEEDS_LLM
    from extractor.preflight import ConfigError, check_replay_coverage
    from extractor.types import Article

    if NEEDS_LLM.isdisjoint(names):
        return
    try:
        check_replay_coverage(options, [item for item in items if isinstance(item, Article)])
    except ConfigError as exc:
        raise fail(str(exc)) from None


def path_names(names: list[str]) -> list[str]:
    """Expand groups ("both") and check every name against the registered paths."""
    from extractor.paths import PATHS  # here, not at the top: it loads every model client

    expanded = [n for name in names for n in PATH_GROUPS.get(name, (name,))]
    unknown = [n for n in expanded if n not in PATHS]
    if unknown:
        known = ", ".join([*PATHS, *PATH_GROUPS])
        raise typer.BadParameter(
            f"unknown path {', '.join(map(repr, unknown))}; registered: {known}",
            param_hint="'--path'",
        )
    return list(dict.fromkeys(expanded))


def run_paths(
    items: list[Loaded],
    names: list[str],
    out: Path | None,
    options: ExtractOptions,
    *,
    workers: int,
    resume: bool,
    subfolders: bool,
    on_result: OnResult | None = None,
) -> dict[str, list[ArticleResult]]:
    """Each path over all articles, into ``out`` or, with ``subfolders``, ``out/<path>``.

    ``out=None`` writes no per-article JSON; ``on_result(path, result)`` sees each
    result the moment it is done (tabular outputs, streaming to stdout). Each path runs
    once per article: the reconciled path runs last and combines the rule and LLM
    results this run already has instead of running them again.
    """
    from extractor.paths import CPU_BOUND, PATHS

    by_path: dict[str, list[ArticleResult]] = {}
    for name in sorted(names, key=lambda n: n == "reconciled"):
        path_fn = _combining(by_path) if name == "reconciled" else PATHS[name]
        done: dict[int, ArticleResult] = {}
        for index, result in iter_batch(
            items,
            path_fn,
            options,
            out_dir=None if out is None else out / name if subfolders else out,
            workers=workers,
            resume=resume,
            processes=name in CPU_BOUND,
            label=name,
        ):
            done[index] = result
            if on_result is not None:
                on_result(name, result)
        by_path[name] = [done[i] for i in sorted(done)]
    return {name: by_path[name] for name in names}


def _combining(by_path: dict[str, list[ArticleResult]]) -> PathFn:
    """The reconciled path over the rule and LLM results a run already has."""
    from extractor.crosscheck import extract_reconciled

    known = {(path, r.article): r for path, results in by_path.items() for r in results}

    def reconciled(article: Article, options: ExtractOptions) -> ArticleResult:
        given = {p: r for p in ("rules", "llm") if (r := known.get((p, article.name)))}
        return extract_reconciled(article, options, given)

    return reconciled
