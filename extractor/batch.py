"""Run one extraction path over many articles, keeping every finished result.

Each result is written atomically the moment it is done, so an interrupted run
loses only the articles in flight, and ``resume`` picks up where it stopped (an
article that failed or is incomplete is redone). An exception in one article becomes
that article's ``error``; the others go on. The articles of a batch share the
endpoint breakers (an endpoint that cannot answer is not asked again), and every
result is scrubbed of secrets before it is written or shown. CPU-bound paths run in
worker processes (``processes=True``), which also write their results; paths that
wait on an endpoint run in threads.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from extractor.io import (
    InputError,
    Loaded,
    load_result,
    output_path,
    remove_stale_temporaries,
    write_result,
)
from extractor.llm.breaker import Breakers, shared
from extractor.scrub import remember_environment, scrub_model
from extractor.types import Article, ArticleResult, ExtractOptions

if TYPE_CHECKING:  # importing the paths loads every model client: only for typing here
    from extractor.paths import PathFn


def run_one(path_fn: PathFn, article: Article, options: ExtractOptions) -> ArticleResult:
    """The path's result, or an error result naming the article and the cause."""
    try:
        result = path_fn(article, options)
    except Exception as exc:  # one bad article must not stop the batch
        result = ArticleResult(article=article.name, error=f"{article.name}: {_describe(exc)}")
    if result.article != article.name:
        result = result.model_copy(update={"article": article.name})
    return scrub_model(result)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def finished(out_dir: Path, article: Article) -> ArticleResult | None:
    """A result already on disk that needs no re-run: it parses, is complete, has no error."""
    result = load_result(output_path(out_dir, article.name))
    return result if result is not None and result.complete else None


class BatchSettings(TypedDict, total=False):
    """How ``iter_batch`` runs (its keyword arguments), for callers that pass them on."""

    out_dir: Path | None
    workers: int
    resume: bool
    processes: bool
    label: str
    console: Console | None


def run_batch(
    items: Sequence[Loaded],
    path_fn: PathFn,
    options: ExtractOptions | None = None,
    **settings: Unpack[BatchSettings],
) -> list[ArticleResult]:
    """Results in input order; written to ``out_dir/<stem>.json`` as each one finishes.

    Refused files get an error result (written too); a missing path or an empty
    folder gets an error result that is not written, as it has no article name.
    """
    results = dict(iter_batch(items, path_fn, options, **settings))
    return [results[i] for i in sorted(results)]


def iter_batch(
    items: Sequence[Loaded],
    path_fn: PathFn,
    options: ExtractOptions | None = None,
    *,
    out_dir: Path | None = None,
    workers: int = 1,
    resume: bool = False,
    processes: bool = False,
    label: str = "extract",
    console: Console | None = None,
) -> Iterator[tuple[int, ArticleResult]]:
    """``(input index, result)`` as each article finishes, for callers that stream."""
    options = options or ExtractOptions()
    remember_environment()
    if out_dir is not None:
        remove_stale_temporaries(out_dir)
    todo: list[tuple[int, Article]] = []
    for index, item in enumerate(items):
        if isinstance(item, InputError):
            yield index, _keep(item.to_result(), out_dir if item.name else None)
        elif resume and out_dir is not None and (done := finished(out_dir, item)):
            yield index, done
        else:
            todo.append((index, item))

    with _progress(console, label, len(todo)) as (progress, task), shared(Breakers()):
        run = _in_processes if processes and workers > 1 else _in_threads
        for index, result in run(todo, path_fn, options, out_dir, workers):
            yield index, result
            progress.advance(task)


Todo = Sequence[tuple[int, Article]]
Done = Iterator[tuple[int, ArticleResult]]

# Worker processes get articles in chunks (one round trip per chunk, not per article),
# longest first, so the last chunks are short and no worker idles at the end.
CHUNKS_PER_WORKER = 16
MAX_CHUNK = 8


def _in_threads(
    todo: Todo, path_fn: PathFn, options: ExtractOptions, out_dir: Path | None, workers: int
) -> Done:
    """Paths that wait on an endpoint (and one worker): threads sharing the breakers."""
    context = contextvars.copy_context()  # the batch's breakers, for every thread
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {
            pool.submit(context.copy().run, run_and_keep, path_fn, article, options, out_dir): i
            for i, article in todo
        }
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _in_processes(
    todo: Todo, path_fn: PathFn, options: ExtractOptions, out_dir: Path | None, workers: int
) -> Done:
    """CPU-bound paths: worker processes that write their results and send back JSON
    (parsed here faster than a pickled model is rebuilt), so the parent stays idle."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(run_chunk, path_fn, chunk, options, out_dir)
            for chunk in chunks(todo, workers)
        ]
        try:
            for future in as_completed(futures):
                for index, data in future.result():
                    yield index, ArticleResult.model_validate_json(data)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def chunks(todo: Todo, workers: int) -> list[list[tuple[int, Article]]]:
    """The articles in groups of at most ``MAX_CHUNK``, the longest articles first."""
    size = max(1, min(MAX_CHUNK, len(todo) // (workers * CHUNKS_PER_WORKER)))
    ordered = sorted(todo, key=lambda item: len(item[1].text), reverse=True)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def run_chunk(
    path_fn: PathFn, chunk: Todo, options: ExtractOptions, out_dir: Path | None
) -> list[tuple[int, str]]:
    """In a worker process: each article run and written, its result as JSON."""
    return [
        (index, run_and_keep(path_fn, article, options, out_dir).model_dump_json())
        for index, article in chunk
    ]


def run_and_keep(
    path_fn: PathFn, article: Article, options: ExtractOptions, out_dir: Path | None
) -> ArticleResult:
    """One article, written where the work was done (a worker process writes its own)."""
    return _keep(run_one(path_fn, article, options), out_dir)


def _keep(result: ArticleResult, out_dir: Path | None) -> ArticleResult:
    """Write the result now; a failed write becomes the article's error, not a crash."""
    if out_dir is None:
        return result
    try:
        write_result(out_dir, result)
    except OSError as exc:
        where = output_path(out_dir, result.article)
        reason = f"{result.article}: cannot write {where} ({exc.strerror or exc})"
        return result.model_copy(update={"error": result.error or reason})
    return result


@contextmanager
def _progress(console: Console | None, label: str, total: int) -> Iterator[tuple[Progress, TaskID]]:
    """A rich progress bar on stderr, silent when stderr is not a terminal."""
    console = console or Console(stderr=True)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        yield progress, progress.add_task(label, total=total)
