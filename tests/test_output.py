"""Tabular outputs: one row per fact with the documented columns, in every format."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io import read_paths
from extractor.output import ARTICLE_COLUMNS, FACT_COLUMNS, article_row, fact_rows, open_sink
from extractor.paths import PATHS
from extractor.rules import extract_by_rules
from extractor.types import Article, ArticleResult, ExtractOptions, Source

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
MASKED = "000_78b8f9d05d1a4fcc.txt"
runner = CliRunner()


def sample_results() -> list[ArticleResult]:
    return [extract_by_rules(a) for a in read_paths([SAMPLES]) if isinstance(a, Article)]


def all_fact_rows() -> list[dict]:
    return [row for r in sample_results() for row in fact_rows(r, "rules")]


def test_a_fact_row_holds_every_key_the_evidence_and_the_article() -> None:
    result = sample_results()[1]
    fact = result.facts[0]
    row = fact_rows(result, "rules")[0]
    assert list(row) == list(FACT_COLUMNS)
    assert row["article"] == result.article and row["path"] == "rules" and row["fact"] == 0
    assert (row["flow"], row["metric"], row["value"]) == (
        fact.flow.value,
        fact.metric.value,
        fact.value,
    )
    assert (row["year"], row["start_month"], row["end_month"]) == (
        fact.period.year,
        fact.period.start_month,
        fact.period.end_month,
    )
    assert (row["evidence_start"], row["evidence_end"]) == (fact.evidence.start, fact.evidence.end)


def test_an_article_row_says_what_the_article_gave() -> None:
    masked = sample_results()[0]
    row = article_row(masked, "rules")
    assert list(row) == list(ARTICLE_COLUMNS)
    assert row == {**row, "article": MASKED, "numbers_masked": True, "facts": 0, "error": None}


def test_out_dash_streams_one_fact_per_line_as_jsonl(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(SAMPLES), "--format", "jsonl", "--out", "-"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == all_fact_rows()
    assert "Extraction summary" in result.stderr  # the summary leaves stdout to the facts
    assert not (tmp_path / "-").exists()  # no folder named "-"


def test_out_dash_alone_means_jsonl() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / MASKED), "--out", "-"])
    assert result.exit_code == 0 and result.stdout == ""  # a masked article has no facts


def test_csv_files_load_in_pandas_with_the_documented_columns(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES), "-f", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    facts = pd.read_csv(tmp_path / "facts.csv")
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert list(facts.columns) == list(FACT_COLUMNS)
    assert list(articles.columns) == list(ARTICLE_COLUMNS)
    expected = all_fact_rows()
    assert len(facts) == len(expected)
    assert facts["value"].tolist() == [row["value"] for row in expected]
    assert articles.set_index("article").loc[MASKED, "numbers_masked"]
    assert not list(tmp_path.glob("*.json"))  # the table replaces the per-article files


def test_parquet_files_load_in_pandas_with_typed_columns(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES), "-f", "parquet", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    facts = pd.read_parquet(tmp_path / "facts.parquet")
    assert list(facts.columns) == list(FACT_COLUMNS)
    expected = all_fact_rows()
    for column in ("article", "flow", "metric", "value", "quote", "evidence_start", "year"):
        assert facts[column].tolist() == [row[column] for row in expected], column
    assert str(facts["value"].dtype) == "float64"
    assert str(facts["evidence_start"].dtype) == "int64"
    articles = pd.read_parquet(tmp_path / "articles.parquet")
    assert articles["facts"].sum() == len(facts)


def test_csv_streams_to_stdout_and_parquet_cannot() -> None:
    ok = runner.invoke(app, ["extract", str(SAMPLES), "--format", "csv", "--out", "-"])
    assert ok.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(ok.stdout)))
    assert len(rows) == len(all_fact_rows()) and list(rows[0]) == list(FACT_COLUMNS)
    bad = runner.invoke(app, ["extract", str(SAMPLES), "--format", "parquet", "--out", "-"])
    assert bad.exit_code == 2 and "Parquet needs a folder" in bad.output


def test_resume_needs_the_per_article_json(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(SAMPLES), "-f", "jsonl", "-o", str(tmp_path), "--resume"]
    )
    assert result.exit_code == 2 and "--resume works with" in result.output


def test_path_both_puts_both_paths_in_one_table(tmp_path: Path, monkeypatch) -> None:
    def fake_llm(article: Article, _options: ExtractOptions) -> ArticleResult:
        return ArticleResult(article=article.name, source=Source.LLM)

    monkeypatch.setitem(PATHS, "llm", fake_llm)
    result = runner.invoke(
        app, ["extract", str(SAMPLES), "--path", "both", "-f", "jsonl", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    articles = [json.loads(x) for x in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert sorted({a["path"] for a in articles}) == ["llm", "rules"]
    assert len(articles) == 10


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_sink_writes_both_tables(tmp_path: Path, fmt: str) -> None:
    sink = open_sink(fmt, tmp_path)
    for result in sample_results():
        sink.add("rules", result)
    written = sink.close()
    assert [p.name for p in written] == [f"facts.{fmt}", f"articles.{fmt}"]


def test_compare_puts_rules_llm_and_reconciled_facts_in_one_table(
    tmp_path: Path, monkeypatch
) -> None:
    def fake_llm(article: Article, _options: ExtractOptions) -> ArticleResult:
        return ArticleResult(article=article.name, source=Source.LLM)

    monkeypatch.setitem(PATHS, "llm", fake_llm)
    sample = SAMPLES / "003_8daf333cb5e73b3d.txt"
    result = runner.invoke(app, ["compare", str(sample), "-f", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    facts = pd.read_csv(tmp_path / "facts.csv")
    by_path = facts.groupby("path").size().to_dict()
    assert sorted(by_path) == ["reconciled", "rules"]  # the fake llm gave no facts
    assert 0 < by_path["reconciled"] <= by_path["rules"]
    assert set(facts[facts.path == "reconciled"].verdict) == {"rules_only"}
    assert sorted(pd.read_csv(tmp_path / "articles.csv").path) == ["llm", "reconciled", "rules"]
    assert (tmp_path / "index.html").is_file() and not (tmp_path / "rules").exists()


def test_parquet_without_pyarrow_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    result = runner.invoke(app, ["extract", str(SAMPLES), "-f", "parquet", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "pip install 'vn-trade-extractor[frame]'" in result.output
    assert not tmp_path.exists() or not any(tmp_path.iterdir())
