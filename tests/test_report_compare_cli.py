"""`extractor compare`: both paths, the cross-check and the report, in one command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.paths import PATHS
from extractor.types import Article, ArticleResult, ExtractOptions, Fact, Source, Usage

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def fake_llm(article: Article, _options: ExtractOptions) -> ArticleResult:
    facts = []
    if "432,03" in article.text:
        facts = [
            Fact(
                flow="total",
                metric="value",
                value=432.03e9,
                period=H1,
                quote="tổng kim ngạch xuất, nhập khẩu hàng hóa đạt 432,03 tỷ USD",
                source=Source.LLM,
            )
        ]
    return ArticleResult(article=article.name, facts=facts, usage=Usage(prompt_tokens=10))


def test_compare_writes_both_paths_the_reconciled_facts_and_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(PATHS, "llm", fake_llm)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["compare", str(SAMPLES), "--llm", "replay", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    stems = sorted(p.stem for p in SAMPLES.glob("*.txt"))
    for folder in ("rules", "llm", "reconciled"):
        assert sorted(p.stem for p in (out / folder).glob("*.json")) == stems
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [a["article"] for a in report["articles"]] == [f"{s}.txt" for s in stems]
    assert report["summary"]["masked"] == 1
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Run summary" in result.output
    masked = json.loads((out / "reconciled" / "000_78b8f9d05d1a4fcc.json").read_text())
    assert masked["numbers_masked"] is True and masked["facts"] == []


def test_compare_reports_a_failing_llm_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(article: Article, _options: ExtractOptions) -> ArticleResult:
        raise ConnectionError("model server down")

    monkeypatch.setitem(PATHS, "llm", down)
    sample = SAMPLES / "003_8daf333cb5e73b3d.txt"
    result = CliRunner().invoke(app, ["compare", str(sample), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "model server down" in result.output
    reconciled = json.loads((tmp_path / "reconciled" / f"{sample.stem}.json").read_text())
    assert reconciled["error"] is None  # the rule facts still stand


def test_reconciled_is_a_registered_path() -> None:
    assert "reconciled" in PATHS
