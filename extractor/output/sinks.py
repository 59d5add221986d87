"""Where tabular rows go: ``OUT/facts.<ext>`` and ``OUT/articles.<ext>``, or stdout.

Each format is a sink class in ``FORMATS``: ``add`` takes one finished result
(JSONL and CSV write its rows at once, so an interrupted run keeps them), ``close``
finishes the files and returns them. ``OUT = "-"`` streams the fact rows to stdout
(JSONL or CSV); Parquet needs a file. Per-article JSON (the ``json`` format) is
written by the batch itself and has no sink here.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, ClassVar, Protocol

from extractor.output.rows import ARTICLE_COLUMNS, FACT_COLUMNS, article_row, fact_rows
from extractor.types import ArticleResult

STDOUT = "-"


class Sink(Protocol):
    def add(self, path: str, result: ArticleResult) -> None: ...

    def close(self) -> list[Path]: ...


class _LineSink:
    """Rows written as they come: one stream of facts, one of articles (none on stdout)."""

    ext: ClassVar[str]

    def __init__(self, out: Path | str) -> None:
        self.files: list[Path] = []
        self.streams: list[IO[str]] = []
        if str(out) == STDOUT:
            self.facts = self._writer(sys.stdout, FACT_COLUMNS)
            self.articles: Any = None
            return
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        self.facts = self._writer(self._open(folder / f"facts.{self.ext}"), FACT_COLUMNS)
        self.articles = self._writer(self._open(folder / f"articles.{self.ext}"), ARTICLE_COLUMNS)

    def _open(self, path: Path) -> IO[str]:
        stream = path.open("w", encoding="utf-8", newline="")
        self.files.append(path)
        self.streams.append(stream)
        return stream

    def _writer(self, stream: IO[str], columns: dict[str, str]) -> Any:
        raise NotImplementedError

    def _write(self, writer: Any, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def add(self, path: str, result: ArticleResult) -> None:
        for row in fact_rows(result, path):
            self._write(self.facts, row)
        if self.articles is not None:
            self._write(self.articles, article_row(result, path))
        self._flush()

    def _flush(self) -> None:
        for stream in self.streams or [sys.stdout]:
            stream.flush()

    def close(self) -> list[Path]:
        for stream in self.streams:
            stream.close()
        return self.files


class JsonlSink(_LineSink):
    ext = "jsonl"

    def _writer(self, stream: IO[str], columns: dict[str, str]) -> Any:
        return stream

    def _write(self, writer: Any, row: dict[str, Any]) -> None:
        writer.write(json.dumps(row, ensure_ascii=False) + "\n")


class CsvSink(_LineSink):
    ext = "csv"

    def _writer(self, stream: IO[str], columns: dict[str, str]) -> Any:
        writer = csv.DictWriter(stream, fieldnames=list(columns))
        writer.writeheader()
        return writer

    def _write(self, writer: Any, row: dict[str, Any]) -> None:
        writer.writerow(row)


class ParquetSink:
    """Rows kept until ``close``, then written with the documented column types."""

    ext = "parquet"

    def __init__(self, out: Path | str) -> None:
        if str(out) == STDOUT:
            raise ValueError("Parquet cannot stream to stdout; give --out DIR, or --format jsonl")
        require("pyarrow", "parquet")
        self.folder = Path(out)
        self.facts: list[dict[str, Any]] = []
        self.articles: list[dict[str, Any]] = []

    def add(self, path: str, result: ArticleResult) -> None:
        self.facts.extend(fact_rows(result, path))
        self.articles.append(article_row(result, path))

    def close(self) -> list[Path]:
        self.folder.mkdir(parents=True, exist_ok=True)
        written = [
            write_parquet(self.folder / "facts.parquet", self.facts, FACT_COLUMNS),
            write_parquet(self.folder / "articles.parquet", self.articles, ARTICLE_COLUMNS),
        ]
        return written


class MissingExtra(ValueError):
    """An optional dependency is not installed; the message has the install line."""


def require(module: str, what: str, extra: str = "frame") -> None:
    """Fail with the install line when an optional dependency is missing."""
    try:
        __import__(module)
    except ImportError:
        raise MissingExtra(
            f"{what} needs {module}: pip install 'vn-trade-extractor[{extra}]'"
        ) from None


def arrow_schema(columns: dict[str, str]) -> Any:
    import pyarrow as pa

    factory = {"bool": pa.bool_}  # the one type whose pyarrow name differs
    return pa.schema(
        [(name, (factory.get(kind) or getattr(pa, kind))()) for name, kind in columns.items()]
    )


def write_parquet(path: Path, rows: list[dict[str, Any]], columns: dict[str, str]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(columns)), tmp)
    tmp.replace(path)
    return path


FORMATS: dict[str, type[JsonlSink] | type[CsvSink] | type[ParquetSink]] = {
    "jsonl": JsonlSink,
    "csv": CsvSink,
    "parquet": ParquetSink,
}


def open_sink(fmt: str, out: Path | str) -> Sink:
    return FORMATS[fmt](out)
