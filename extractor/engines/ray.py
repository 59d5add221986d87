"""The per-article function of the command line, run with Ray Data over a whole corpus.

Locally it starts Ray on this machine; with ``address`` it joins a running cluster
(``ray start --head`` / ``ray://host:10001``). The input is a folder, a glob or a list
of ``*.txt`` files (read on the workers, with the same bad-input errors as the command
line: the files must be visible to every node), or Parquet/JSONL files with a column
of texts. Each article runs through ``batch.run_one`` exactly as in-process; the
output is the fact rows and article rows of ``extractor.output.rows`` as Parquet or
JSONL folders, one file per block.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.batch import run_one
from extractor.io import ARTICLE_GLOB, InputError, read_article
from extractor.output.rows import ARTICLE_COLUMNS, FACT_COLUMNS, article_row, fact_rows
from extractor.output.sinks import arrow_schema, require
from extractor.types import Article, ArticleResult, ExtractOptions

TABLE_SUFFIXES = {".parquet": "parquet", ".jsonl": "json", ".json": "json"}
WRITERS = {"parquet": "write_parquet", "jsonl": "write_json"}
RESULT_COLUMNS = {"article": "string", "result": "string"}


ERRORS_KEPT = 20
SUMMARY_COLUMNS = {"articles": "int64", "facts": "int64", "masked": "int64", "failed": "int64"}


class ClusterUnreachable(ValueError):
    """``--address`` names no cluster this machine can join."""


@dataclass
class RaySummary:
    """Totals of a run, computed on the cluster; only the first errors come back."""

    articles: int = 0
    facts: int = 0
    masked: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class RayRun:
    """The two tables of a run: ``facts`` (one row per fact) and ``articles`` (one per article)."""

    facts: Any  # ray.data.Dataset
    articles: Any
    written: list[Path]
    results: Any  # the materialized per-article results, for ``summarise``

    def summarise(self) -> RaySummary:
        """One pass over the results: a row of totals per block, added up here."""
        total = RaySummary()
        blocks = self.results.map_batches(_summary_batch, batch_format="pyarrow", batch_size=None)
        for row in blocks.take_all():
            total.articles += row["articles"]
            total.facts += row["facts"]
            total.masked += row["masked"]
            total.failed += row["failed"]
            total.errors.extend(json.loads(row["errors"])[: ERRORS_KEPT - len(total.errors)])
        return total


def extract_dataset(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Any,
    *,
    path: str = "rules",
    llm: str | None = None,
    out: str | os.PathLike[str] | None = None,
    output_format: str = "parquet",
    text_column: str = "text",
    name_column: str | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    concurrency: int | None = None,
    **options: Any,
) -> RayRun:
    """Run ``path`` over every article of ``source`` on Ray; write OUT/facts/, OUT/articles/.

    ``source``: a folder, a glob or files of ``*.txt`` articles; Parquet/JSONL files
    whose ``text_column`` holds the texts (``name_column`` names them); or a Ray
    Dataset with that column. ``concurrency`` caps the articles in flight (for the
    LLM path: what the endpoint and its rate limit allow). ``num_cpus`` sizes a
    local Ray; ``address`` joins a cluster instead.
    """
    require("ray", "--engine ray", extra="ray")
    import ray

    from extractor.api import make_options
    from extractor.paths import get_path

    settings = make_options(llm, options)
    get_path(path)  # an unknown path fails here, not on every worker
    if output_format not in WRITERS:
        raise ValueError(f"Ray writes {' or '.join(WRITERS)}, not {output_format!r}")
    if address:
        check_listening(address)
    if not ray.is_initialized():
        start(address, num_cpus)
    dataset = read_source(source, text_column)
    results = dataset.map_batches(
        _extract_batch,
        batch_format="pyarrow",
        batch_size=1,
        concurrency=concurrency,
        fn_kwargs={
            "path": path,
            "options": settings.model_dump(),
            "text_column": text_column,
            "name_column": name_column,
        },
    ).materialize()
    facts = results.map_batches(_facts_batch, batch_format="pyarrow", fn_kwargs={"path": path})
    articles = results.map_batches(
        _articles_batch, batch_format="pyarrow", fn_kwargs={"path": path}
    )
    written: list[Path] = []
    if out is not None:
        for name, table in (("facts", facts), ("articles", articles)):
            folder = Path(out) / name
            getattr(table, WRITERS[output_format])(str(folder))
            written.append(folder)
    return RayRun(facts=facts, articles=articles, written=written, results=results)


def start(address: str | None, num_cpus: int | None) -> None:
    """Join the cluster at ``address``, or start Ray here; its progress logs stay quiet."""
    import ray

    quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address:
        try:
            ray.init(address=address, **quiet)
        except (ConnectionError, RuntimeError) as exc:
            raise ClusterUnreachable(
                f"cannot join the Ray cluster at {address} ({exc}); is it running "
                "(`ray status --address ...`)? A cluster with token authentication needs "
                "RAY_AUTH_MODE=token and its token (~/.ray/auth_token or RAY_AUTH_TOKEN) here"
            ) from None
    else:
        # "local": a new Ray here, never a cluster `ray start` may have left running
        ray.init(address="local", num_cpus=num_cpus, include_dashboard=False, **quiet)
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def check_listening(address: str, timeout_s: float = 5.0) -> None:
    """A HOST:PORT (or ray://HOST:PORT) address answers at all: Ray itself retries for minutes."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", or a form Ray resolves itself
    try:
        socket.create_connection((host, int(port)), timeout=timeout_s).close()
    except OSError as exc:
        raise ClusterUnreachable(
            f"nothing answers at {address} ({exc.strerror or exc}); start the cluster "
            "(`ray start --head`) or give its address"
        ) from None


def article_files(source: str | os.PathLike[str]) -> list[str] | None:
    """The ``*.txt`` files a folder, glob or file names; ``None`` for a table of texts."""
    text = os.fspath(source)
    if Path(text).suffix in TABLE_SUFFIXES:
        return None
    if Path(text).is_dir():
        return sorted(str(p) for p in Path(text).glob(ARTICLE_GLOB) if p.is_file())
    if glob.has_magic(text):
        return sorted(glob.glob(text))
    return [text]


def read_source(source: Any, text_column: str) -> Any:
    """A Dataset with a ``file`` column (articles read on the workers) or ``text_column``."""
    import ray.data

    if isinstance(source, ray.data.Dataset):
        return source
    sources = [source] if isinstance(source, str | os.PathLike) else list(source)
    files: list[str] = []
    tables: dict[str, list[str]] = {}
    for item in sources:
        found = article_files(item)
        if found is None:
            tables.setdefault(TABLE_SUFFIXES[Path(item).suffix], []).append(os.fspath(item))
        else:
            files.extend(found)
    if files and tables:
        raise ValueError("give either article files or tables of texts, not both")
    if "parquet" in tables:
        return ray.data.read_parquet(tables["parquet"], columns=None)
    if "json" in tables:
        return ray.data.read_json(tables["json"], lines=True)
    if not files:
        raise ValueError(f"no {ARTICLE_GLOB} articles in {', '.join(map(str, sources))}")
    return ray.data.from_items([{"file": f} for f in files], override_num_blocks=len(files))


def load_row(
    row: dict[str, Any], text_column: str, name_column: str | None
) -> Article | InputError:
    if "file" in row and text_column not in row:
        file = Path(row["file"])
        if not file.exists():
            return InputError(str(file), "no such file or folder", name=file.name)
        return read_article(file)
    from extractor.api import text_name

    text = row[text_column] or ""
    name = row.get(name_column) if name_column else None
    return Article(name=str(name) if name else text_name(text), text=text)


def extract_row(
    row: dict[str, Any],
    path: str,
    options: ExtractOptions,
    text_column: str,
    name_column: str | None,
) -> ArticleResult:
    """One article, on a worker: read (bad input → error result), then the path."""
    from extractor.paths import get_path

    item = load_row(row, text_column, name_column)
    if isinstance(item, InputError):
        return item.to_result()
    return run_one(get_path(path), item, options)


def _extract_batch(
    batch: Any, path: str, options: dict[str, Any], text_column: str, name_column: str | None
) -> Any:
    import pyarrow as pa

    settings = ExtractOptions.model_validate(options)
    rows = []
    for row in batch.to_pylist():
        result = extract_row(row, path, settings, text_column, name_column)
        rows.append({"article": result.article, "result": result.model_dump_json()})
    return pa.Table.from_pylist(rows, schema=arrow_schema(RESULT_COLUMNS))


def _results(batch: Any) -> list[ArticleResult]:
    return [ArticleResult.model_validate_json(r) for r in batch.column("result").to_pylist()]


def _facts_batch(batch: Any, path: str) -> Any:
    import pyarrow as pa

    rows = [row for r in _results(batch) for row in fact_rows(r, path)]
    return pa.Table.from_pylist(rows, schema=arrow_schema(FACT_COLUMNS))


def _articles_batch(batch: Any, path: str) -> Any:
    import pyarrow as pa

    rows = [article_row(r, path) for r in _results(batch)]
    return pa.Table.from_pylist(rows, schema=arrow_schema(ARTICLE_COLUMNS))


def _summary_batch(batch: Any) -> Any:
    import pyarrow as pa

    results = _results(batch)
    errors = [r.failure for r in results if r.failure][:ERRORS_KEPT]
    row = {
        "articles": len(results),
        "facts": sum(len(r.facts) for r in results),
        "masked": sum(r.numbers_masked for r in results),
        "failed": sum(r.failure is not None for r in results),
        "errors": json.dumps(errors, ensure_ascii=False),
    }
    schema = arrow_schema({**SUMMARY_COLUMNS, "errors": "string"})
    return pa.Table.from_pylist([row], schema=schema)
