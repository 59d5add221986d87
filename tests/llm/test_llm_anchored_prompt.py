"""The anchored prompt: files versioned by hash, a static prefix, a worked example of our own,
and replay that refuses cassettes recorded with another prompt."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from llm_fakes import ARTICLE_TEXT, answer

from extractor.llm import extract_article, extract_by_llm
from extractor.llm.anchored import version
from extractor.llm.anchored.examples import rendered_examples
from extractor.llm.anchored.prompt import anchored_prompts_dir, load_anchored_prompt
from extractor.llm.prompts import prompts_dir
from extractor.types import Article

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "evalsets" / "dev" / "articles"
GOOD = {"1": {"f": "x", "m": "v", "i": "a"}, "2": {"f": "x", "m": "c", "b": "a", "i": "a"}}


def test_the_hash_follows_every_prompt_file(tmp_path):
    before = load_anchored_prompt().hash
    for name in ("system.md", "user.md", "examples.json"):
        copy = tmp_path / name
        shutil.copytree(anchored_prompts_dir(), copy)
        assert load_anchored_prompt(copy).hash == before
        path = copy / name
        path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")
        edited = tmp_path / f"{name}-edited"
        shutil.copytree(copy, edited)
        assert load_anchored_prompt(edited).hash != before, name


def test_the_worked_example_is_ours_and_fits_its_choices():
    texts = [p.read_text(encoding="utf-8") for p in sorted(EVAL.glob("*.txt"))]
    assert rendered_examples()  # an answer that does not fit its choices raises
    for example in load_anchored_prompt().examples:
        for sentence in re.split(r"(?<=\.)\s+", example["text"]):
            assert not any(sentence.strip() in text for text in texts), sentence


def test_requests_share_a_byte_identical_prefix(fake_server, live_options):
    fake_server.script = [
        answer(content=json.dumps({"1": GOOD["1"]})),
        answer(content=json.dumps({"2": GOOD["2"]})),
    ]
    options = live_options.model_copy(update={"strategy": "anchored", "anchors_per_request": 1})
    extract_by_llm(Article(name="a.txt", text=ARTICLE_TEXT), options)
    first, second = (r["messages"] for r in fake_server.requests)
    assert first[:-1] == second[:-1] and first[-1] != second[-1]
    assert first[0]["role"] == "system"


def test_replay_refuses_a_cassette_recorded_with_another_prompt(
    fake_server, live_options, tmp_path, monkeypatch
):
    options = live_options.model_copy(
        update={"strategy": "anchored", "cassette_dir": str(tmp_path / "cassettes")}
    )
    article = Article(name="a.txt", text=ARTICLE_TEXT)
    fake_server.script = [answer(content=json.dumps(GOOD))]
    recorded = extract_article(article, options, record=True)
    assert recorded.error is None
    assert (tmp_path / "cassettes" / "anchored" / "a.yaml").is_file()
    replay = options.model_copy(update={"llm": "replay"})
    assert extract_by_llm(article, replay).facts == recorded.facts

    edited = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), edited)
    system = edited / "anchored" / "system.md"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe brief.", encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_PROMPTS_DIR", str(edited))
    version._tags.cache_clear()
    rendered_examples.cache_clear()
    try:
        stale = extract_by_llm(article, replay)
    finally:
        monkeypatch.delenv("EXTRACTOR_PROMPTS_DIR")
        version._tags.cache_clear()
        rendered_examples.cache_clear()
    assert stale.error is not None and "make record" in stale.error
    assert "recorded with" in stale.error


@pytest.mark.parametrize("strategy", ["anchored", "direct"])
def test_a_missing_cassette_says_how_to_record_it(strategy, tmp_path):
    from extractor.types import ExtractOptions

    options = ExtractOptions(llm="replay", strategy=strategy, cassette_dir=str(tmp_path))
    result = extract_by_llm(Article(name="none.txt", text=ARTICLE_TEXT), options)
    assert result.error is not None and "make record" in result.error
