"""Prompts are files, versioned by content hash; the worked examples are our own."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from extractor.llm.dates import article_year, date_notes
from extractor.llm.prompts import load_prompts, prompts_dir
from extractor.llm.schema import LlmAnswer

ROOT = Path(__file__).resolve().parents[2]
EVAL_ARTICLES = ROOT.parent / "shared" / "eval" / "articles"


def test_messages_are_system_then_examples_then_the_passage():
    prompts = load_prompts()
    messages = prompts.messages("the article's year is 2024", "Tiêu đề", "Đoạn văn cần đọc.")
    assert messages[0]["role"] == "system" and "quote" in messages[0]["content"]
    assert [m["role"] for m in messages[1:-1]] == ["user", "assistant"] * len(prompts.examples)
    assert "Đoạn văn cần đọc." in messages[-1]["content"]
    assert "DATES (found in the article): the article's year is 2024" in messages[-1]["content"]


def test_everything_before_the_passage_is_the_same_in_every_request():
    prompts = load_prompts()
    one = prompts.messages("the article's year is 2021", "A", "Xuất khẩu đạt 1 tỷ USD.")
    two = prompts.messages("the article's year is 2025", "", "Nhập khẩu đạt 2 tỷ USD.")
    assert one[:-1] == two[:-1] and one[-1] != two[-1]
    assert "the passage is the opening of the article" in two[-1]["content"]


def test_example_dates_are_what_the_code_finds_in_them():
    for example in load_prompts().examples:
        year = article_year(f"{example['context']}\n{example['passage']}")
        assert example["dates"] == date_notes(year, example["passage"])


def test_hash_follows_content(tmp_path):
    copy = tmp_path / "p"
    shutil.copytree(prompts_dir(), copy)
    before = load_prompts(copy).hash
    assert before == load_prompts().hash
    (copy / "system.md").write_text("changed", encoding="utf-8")
    other = tmp_path / "q"
    shutil.copytree(copy, other)
    assert load_prompts(other).hash != before


def test_examples_are_valid_answers():
    for example in load_prompts().examples:
        LlmAnswer.model_validate({"facts": example["facts"]})
        for fact in example["facts"]:
            assert fact["quote"] in example["passage"]


def test_examples_are_not_taken_from_articles_we_evaluate_on():
    articles = [
        p.read_text(encoding="utf-8")
        for p in [*sorted((ROOT / "samples").glob("*.txt")), *sorted(EVAL_ARTICLES.glob("*.txt"))]
    ]
    for example in load_prompts().examples:
        for sentence in re.split(r"(?<=\.)\s+", example["passage"]):
            assert not any(sentence.strip() in text for text in articles), sentence
        for fact in example["facts"]:
            assert not any(fact["quote"] in text for text in articles), fact["quote"]


def test_examples_file_is_plain_json():
    json.loads((prompts_dir() / "examples.json").read_text(encoding="utf-8"))
