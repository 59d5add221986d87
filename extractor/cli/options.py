"""Options shared by several commands, and the one place that turns them into a run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.batch import run_batch
from extractor.io import MAX_BYTES, Loaded
from extractor.types import ArticleResult, ExtractOptions

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

DEFAULT_STRATEGY = ExtractOptions().strategy
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
) -> ExtractOptions:
    from extractor.llm.strategy import check_strategy

    try:
        check_strategy(strategy)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--strategy'") from None
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
    )


LLM_PATHS = frozenset({"llm", "reconciled"})


def check_llm(names: list[str], options: ExtractOptions) -> None:
    """A broken LLM configuration is one usage error, before any article is read."""
    if not LLM_PATHS.intersection(names):
        return
    from extractor.llm.backends import check_options

    try:
        check_options(options)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--llm' / '--base-url'") from None


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
    out: Path,
    options: ExtractOptions,
    *,
    workers: int,
    resume: bool,
    subfolders: bool,
) -> dict[str, list[ArticleResult]]:
    """Each path over all articles, into ``out`` or, with ``subfolders``, ``out/<path>``."""
    from extractor.paths import PATHS

    return {
        name: run_batch(
            items,
            PATHS[name],
            options,
            out_dir=out / name if subfolders else out,
            workers=workers,
            resume=resume,
            label=name,
        )
        for name in names
    }
