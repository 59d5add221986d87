"""Tabular outputs: one row per fact (and one per article) as JSONL, CSV or Parquet."""

from extractor.output.rows import ARTICLE_COLUMNS, FACT_COLUMNS, article_row, fact_rows
from extractor.output.sinks import FORMATS, STDOUT, Sink, open_sink

__all__ = [
    "ARTICLE_COLUMNS",
    "FACT_COLUMNS",
    "FORMATS",
    "STDOUT",
    "Sink",
    "article_row",
    "fact_rows",
    "open_sink",
]
