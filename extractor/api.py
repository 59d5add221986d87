"""The Python API: the command line's paths, batches and fault handling, as functions.

    from extractor import extract
    result = extract("Xuất khẩu tháng 8 đạt 40,5 tỷ USD ...")   # a text, a path or an Article

A bad input or a failing article becomes the result's ``error``, as on the command
line; only a configuration that cannot work (an unknown path, an --llm spec without
what it needs, replay without recorded answers) raises, before anything runs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from extractor.batch import iter_batch, run_one
from extractor.io import InputError, Loaded, read_article, read_paths
from extractor.scrub import remember_environment
from extractor.types import Article, ArticleResult, ExtractOptions

if TYPE_CHECKING:  # optional extras and heavy stages: imported when used
    import pandas
    import polars

    from extractor.crosscheck import ArticleCrosscheck

Source = str | os.PathLike[str] | Article
_MAX_PATH_CHARS = 4096


def extract(
    source: Source,
    *,
    path: str = "rules",
    llm: str | None = None,
    name: str | None = None,
    **options: Any,
) -> ArticleResult:
    """Facts of one article: ``source`` is its text, a file path or an ``Article``.

    A string is read as a path only when it names an existing file; otherwise it is
    the text itself, named ``name`` or ``text-<hash>.txt``. ``options`` are the
    fields of ``ExtractOptions`` (``base_url``, ``timeout_s``, ``cassette_dir``, ...).
    """
    settings = make_options(llm, options)
    path_fn = _path(path, settings)
    item = load(source, name=name)
    if isinstance(item, InputError):
        return item.to_result()
    _check_articles(path, settings, [item])
    remember_environment()  # the keys of the environment never reach a result
    return run_one(path_fn, item, settings)


def extract_many(
    sources: Iterable[Source],
    *,
    path: str = "rules",
    llm: str | None = None,
    workers: int = 1,
    out: str | os.PathLike[str] | None = None,
    **options: Any,
) -> Iterator[ArticleResult]:
    """Results in input order; a folder gives its ``*.txt`` articles.

    Runs ``workers`` articles at a time: CPU-bound paths in processes, model paths
    in threads. With ``out``, each result is also written to ``OUT/<stem>.json``.
    """
    from extractor.paths import CPU_BOUND

    settings = make_options(llm, options)
    path_fn = _path(path, settings)
    items = [item for source in sources for item in _expand(source)]
    _check_articles(path, settings, [item for item in items if isinstance(item, Article)])
    pending: dict[int, ArticleResult] = {}
    following = 0
    for index, result in iter_batch(
        items,
        path_fn,
        settings,
        out_dir=Path(out) if out is not None else None,
        workers=workers,
        processes=path in CPU_BOUND,
        label=path,
    ):
        pending[index] = result
        while following in pending:
            yield pending.pop(following)
            following += 1


def compare(
    source: Source, *, llm: str | None = None, name: str | None = None, **options: Any
) -> ArticleCrosscheck:
    """Both paths on one article, cross-checked: aligned pairs, checks, reconciled facts."""
    from extractor.crosscheck import ArticleCrosscheck, crosscheck_article, run_both
    from extractor.crosscheck.reconcile import judged_by

    settings = make_options(llm, options)
    _path("llm", settings)
    item = load(source, name=name)
    if isinstance(item, InputError):
        error = item.to_result()
        return ArticleCrosscheck(article=error.article, errors=[item.message], reconciled=error)
    _check_articles("llm", settings, [item])
    remember_environment()
    rules, llm_result = run_both(item, settings)
    return crosscheck_article(item, rules, llm_result, *judged_by(settings))


@overload
def to_frame(
    results: Iterable[ArticleResult],
    *,
    path: str | None = None,
    library: Literal["pandas"] = "pandas",
) -> pandas.DataFrame: ...


@overload
def to_frame(
    results: Iterable[ArticleResult], *, path: str | None = None, library: Literal["polars"]
) -> polars.DataFrame: ...


def to_frame(
    results: Iterable[ArticleResult], *, path: str | None = None, library: str = "pandas"
) -> pandas.DataFrame | polars.DataFrame:
    """One row per fact, the columns of ``extractor.output.FACT_COLUMNS``, as a pandas
    or (``library="polars"``) a polars DataFrame; each library is an optional extra.

    ``path`` fills the ``path`` column; by default each result's ``source`` (reconciled
    results have none: pass ``path="reconciled"``).
    """
    from extractor.output import fact_rows

    if library not in FRAMES:
        raise ValueError(f"unknown library {library!r}; choose one of {', '.join(FRAMES)}")
    rows = [
        row
        for result in results
        for row in fact_rows(result, path or (result.source.value if result.source else ""))
    ]
    return FRAMES[library](rows)


def _pandas_frame(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    from extractor.output import FACT_COLUMNS
    from extractor.output.sinks import require

    require("pandas", "to_frame")
    import pandas as pd

    return pd.DataFrame(rows, columns=list(FACT_COLUMNS))


def _polars_frame(rows: list[dict[str, Any]]) -> polars.DataFrame:
    from extractor.output import FACT_COLUMNS
    from extractor.output.sinks import require

    require("polars", "to_frame(library='polars')", extra="polars")
    import polars as pl

    types = {"string": pl.String, "int64": pl.Int64, "float64": pl.Float64, "bool": pl.Boolean}
    return pl.DataFrame(rows, schema={name: types[kind] for name, kind in FACT_COLUMNS.items()})


FRAMES: dict[str, Callable[[list[dict[str, Any]]], Any]] = {
    "pandas": _pandas_frame,
    "polars": _polars_frame,
}


def extract_dataset(source: Any, **kwargs: Any) -> Any:
    """The per-article function over a Ray Dataset; see ``extractor.engines.ray``."""
    from extractor.engines.ray import extract_dataset as on_ray

    return on_ray(source, **kwargs)


def make_options(llm: str | None, options: dict[str, Any]) -> ExtractOptions:
    unknown = sorted(set(options) - set(ExtractOptions.model_fields) - {"llm"})
    if unknown:
        known = ", ".join(f for f in ExtractOptions.model_fields if f != "llm")
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; known: {known}")
    return ExtractOptions(llm=llm, **options)


def load(source: Source, *, name: str | None = None) -> Loaded:
    """An ``Article`` from a text, a file path or an ``Article``; bad files → ``InputError``."""
    if isinstance(source, Article):
        return source
    if isinstance(source, os.PathLike) or _names_a_file(source):
        return read_article(Path(source))
    return Article(name=name or text_name(source), text=source)


def text_name(text: str) -> str:
    """A stable name for a text given without one (output goes to ``<stem>.json``)."""
    return f"text-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}.txt"


def _names_a_file(text: str) -> bool:
    if "\n" in text or len(text) > _MAX_PATH_CHARS:
        return False
    try:
        return Path(text).is_file()
    except OSError:  # a text that is no valid path
        return False


def _expand(source: Source) -> list[Loaded]:
    if isinstance(source, Article):
        return [source]
    if isinstance(source, os.PathLike) or _names_a_path(source):
        return read_paths([Path(source)])
    return [load(source)]


def _names_a_path(text: str) -> bool:
    if "\n" in text or len(text) > _MAX_PATH_CHARS:
        return False
    try:
        return Path(text).exists()
    except OSError:
        return False


def _path(name: str, settings: ExtractOptions) -> Any:
    """The path's function, after checking the LLM configuration when it needs one."""
    from extractor.paths import NEEDS_LLM, get_path
    from extractor.preflight import check_llm_config

    path_fn = get_path(name)
    if name in NEEDS_LLM:
        check_llm_config(settings)
    return path_fn


def _check_articles(name: str, settings: ExtractOptions, articles: list[Article]) -> None:
    from extractor.paths import NEEDS_LLM
    from extractor.preflight import check_replay_coverage

    if name in NEEDS_LLM:
        check_replay_coverage(settings, articles)
