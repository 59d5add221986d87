"""``--llm`` specs choose a backend; with none configured the path replays and says so."""

from __future__ import annotations

import pytest
from instructor import Mode

from extractor.llm import backends
from extractor.llm.backends import REPLAY_NOTICE, parse_spec
from extractor.llm.backends.openai_compat import openai_endpoint
from extractor.llm.mode import pick_mode
from extractor.types import Article, ExtractOptions

ARTICLE = Article(name="x.txt", text="Xuất khẩu đạt 1 tỷ USD.")


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("openai:gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("local", ("local", "")),
        ("local:/models/m.gguf", ("local", "/models/m.gguf")),
        ("replay", ("replay", "")),
        (None, ("replay", "")),
    ],
)
def test_specs(spec, parsed):
    assert parse_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["openai", "claude:x", "gguf"])
def test_bad_specs_are_refused(spec):
    with pytest.raises(ValueError):
        parse_spec(spec)


def test_no_endpoint_configured_replays_and_says_how_to_run_live(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(backends, "_noticed", False)
    from extractor.llm import extract_by_llm

    extract_by_llm(ARTICLE, ExtractOptions(cassette_dir=str(tmp_path)))
    extract_by_llm(ARTICLE, ExtractOptions(cassette_dir=str(tmp_path)))
    err = capsys.readouterr().err
    assert err.count(REPLAY_NOTICE) == 1
    assert "--llm local" in REPLAY_NOTICE and "--llm openai:MODEL" in REPLAY_NOTICE


def test_openai_itself_needs_a_key_but_a_local_compatible_server_does_not(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        openai_endpoint("gpt-4o-mini", ExtractOptions(), ARTICLE)
    local = openai_endpoint("qwen", ExtractOptions(base_url="http://127.0.0.1:8000/v1"), ARTICLE)
    assert local.flavour == "compatible" and local.mode is Mode.JSON_SCHEMA


def test_mode_follows_the_endpoint_and_can_be_overridden():
    assert pick_mode("openai") is Mode.JSON_SCHEMA
    assert pick_mode("llama_cpp") is Mode.JSON_SCHEMA
    assert pick_mode("openai", "tools") is Mode.TOOLS
    with pytest.raises(ValueError, match="--mode"):
        pick_mode("openai", "telepathy")
