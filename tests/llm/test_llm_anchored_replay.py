"""The recorded anchored cassettes: replay reproduces the live run exactly, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.llm import extract_by_llm
from extractor.types import Article, ArticleResult, ExtractOptions

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes" / "anchored"
ARTICLE_DIRS = [ROOT / "samples", ROOT / "evalsets" / "dev" / "articles"]
RECORDED = sorted(
    p for p in CASSETTES.glob("*.yaml") if (CASSETTES / "results" / f"{p.stem}.json").is_file()
)


def article_for(stem: str) -> Article:
    for folder in ARTICLE_DIRS:
        path = folder / f"{stem}.txt"
        if path.is_file():
            return Article(name=path.name, text=path.read_text(encoding="utf-8"), path=str(path))
    raise FileNotFoundError(stem)


def live(stem: str) -> ArticleResult:
    path = CASSETTES / "results" / f"{stem}.json"
    return ArticleResult.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("cassette", RECORDED, ids=[p.stem for p in RECORDED])
def test_replay_equals_the_live_recorded_run(cassette, no_network):
    article = article_for(cassette.stem)
    replayed = extract_by_llm(article, ExtractOptions(llm="replay", strategy="anchored"))
    assert replayed.error is None
    assert replayed == live(cassette.stem)


@pytest.mark.parametrize("cassette", RECORDED, ids=[p.stem for p in RECORDED])
def test_every_fact_points_at_its_number(cassette):
    text = article_for(cassette.stem).text
    for fact in live(cassette.stem).facts:
        ev = fact.evidence
        assert ev is not None and text[ev.start : ev.end] == ev.quote


def test_cassettes_hold_no_secret():
    for path in CASSETTES.glob("*.yaml"):
        body = path.read_text(encoding="utf-8")
        assert "sk-" not in body and "Bearer " not in body, path.name
