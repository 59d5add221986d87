"""Record through the production client, replay offline, refuse stale cassettes clearly."""

from __future__ import annotations

import shutil

import pytest
from llm_fakes import GOOD_FACT, answer

from extractor.llm import extract_article, extract_by_llm
from extractor.llm.prompts import prompts_dir
from extractor.types import ExtractOptions


@pytest.fixture
def recorded(fake_server, article, live_options, tmp_path):
    """A cassette recorded from the fake server, and the live result it came with."""
    fake_server.script = [answer([{**GOOD_FACT, "partner": "Atlantis"}]), answer([GOOD_FACT])]
    options = live_options.model_copy(update={"cassette_dir": str(tmp_path / "cassettes")})
    live = extract_article(article, options, record=True)
    return options, live, tmp_path / "cassettes" / "rice.yaml"


def replay_options(recorded_options: ExtractOptions) -> ExtractOptions:
    return ExtractOptions(
        llm="replay", strategy="direct", cassette_dir=recorded_options.cassette_dir
    )


def test_replay_reproduces_the_live_run_without_network(recorded, article, fake_server, no_network):
    options, live, _ = recorded
    seen = len(fake_server.requests)
    replayed = extract_by_llm(article, replay_options(options))
    assert replayed == live
    assert len(fake_server.requests) == seen


def test_recording_keeps_no_secret(recorded):
    _, _, cassette = recorded
    text = cassette.read_text(encoding="utf-8")
    assert "sk-test-not-a-real-key" not in text
    assert "authorization" not in text.lower()


def test_a_changed_prompt_asks_for_re_recording(recorded, article, tmp_path, monkeypatch):
    options, _, _ = recorded
    changed = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), changed)
    (changed / "rules.md").write_text("Different rules.\n", encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_PROMPTS_DIR", str(changed))
    result = extract_by_llm(article, replay_options(options))
    assert result.facts == []
    assert "rice.yaml was recorded with prompt=" in result.error
    assert "re-record with `make record`" in result.error


def test_a_missing_cassette_says_to_run_the_article_with_a_model(article, tmp_path):
    result = extract_by_llm(
        article, ExtractOptions(llm="replay", strategy="direct", cassette_dir=str(tmp_path))
    )
    assert "no cassette" in result.error
    advice = result.error.split("replay answers only recorded articles; ", 1)[1]
    assert advice.startswith("run this one with --llm local or --llm openai:MODEL")
    assert "(to add it to the recordings: `make record" in advice  # last, for the repo's own


def test_a_request_the_cassette_lacks_is_a_clear_error(recorded, no_network):
    from extractor.types import Article

    options, _, _ = recorded
    other = Article(name="rice.txt", text="Nhập khẩu phân bón đạt 300 triệu USD trong tháng 4.")
    result = extract_by_llm(other, replay_options(options))
    assert "has no answer" in result.error and "make record" in result.error
