"""The ``llm`` path with replayed answers: ``recorded_only`` turns a missing or stale
recording into rules only for that article, said in its result and by ``compare``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app
from extractor.llm.path import NOT_REPLAYED, extract_by_llm
from extractor.types import Article, ExtractOptions

ARTICLE = (
    "Tháng 3/2024, kim ngạch xuất khẩu hàng hóa đạt 30,5 tỷ USD, tăng 2,1% so với tháng trước."
)
runner = CliRunner()


def test_an_article_without_a_recording_is_skipped_with_a_note(tmp_path: Path) -> None:
    options = ExtractOptions(llm="replay", cassette_dir=str(tmp_path), recorded_only=True)
    result = extract_by_llm(Article(name="a.txt", text=ARTICLE), options)
    assert result.error is None and result.facts == []
    assert any(w.startswith(NOT_REPLAYED) for w in result.warnings)


def test_without_the_option_the_missing_recording_is_an_error(tmp_path: Path) -> None:
    options = ExtractOptions(llm="replay", cassette_dir=str(tmp_path))
    result = extract_by_llm(Article(name="a.txt", text=ARTICLE), options)
    assert result.error is not None and "no cassette" in result.error


def test_compare_replays_what_is_recorded_and_names_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    args = ["compare", str(folder), "--cassette-dir", str(tmp_path / "none"), "--out", str(out)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2  # replay without a recording: said once, before any article
    done = runner.invoke(app, [*args, "--recorded-only"])
    assert done.exit_code == 0, done.output
    assert "not replayed for 1 of 1 articles" in done.output
    reconciled = json.loads((out / "reconciled" / "a.json").read_text(encoding="utf-8"))
    assert [f["value"] for f in reconciled["facts"]] == [30500000000.0, 2.1]
