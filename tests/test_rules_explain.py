"""`extractor explain` names the rule behind every key of every fact, and why other
numbers are no fact."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io import read_paths
from extractor.rules import extract_by_rules
from extractor.rules.explain import at_offset, explain_article
from extractor.types import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [a for a in read_paths([ROOT / "samples"]) if isinstance(a, Article)]
KEYS = {"metric", "flow", "scope", "period", "sector", "partner", "item", "basis", "sign"}
SAMPLE = ROOT / "samples" / "001_791fcfb07cf1515f.txt"


@pytest.mark.parametrize("article", SAMPLES, ids=lambda a: a.name)
def test_every_key_of_every_fact_names_its_rule(article: Article) -> None:
    numbers = explain_article(article)
    facts = [n for n in numbers if n.fact is not None]
    assert [n.fact for n in facts] == extract_by_rules(article).facts  # the same facts
    for n in facts:
        assert {s.slot for s in n.slots} == KEYS, n.number
        assert all(s.rule for s in n.slots)
    for n in numbers:
        assert (n.fact is None) == bool(n.not_fact), n.number


def test_a_key_shows_the_words_its_rule_fired_on() -> None:
    article = next(a for a in SAMPLES if a.name == SAMPLE.name)
    first = next(n for n in explain_article(article) if n.fact is not None)
    flow = next(s for s in first.slots if s.slot == "flow")
    assert (flow.value, flow.words) == ("export", "xuất khẩu")
    assert article.text[first.start : first.end] == first.number == "33,19 tỷ USD"


def test_a_key_decided_on_no_words_shows_none() -> None:
    """ "the exports to the US": the product comes from the topic, past an empty phrase between
    the flow word and "to"; no stray letter of the text is shown as its words."""
    text = "Pepper exports rise\nIn May 2020, the exports to the US rose 5%."
    (number,) = [n for n in explain_article(Article(name="x.txt", stem="x", text=text)) if n.fact]
    item = next(s for s in number.slots if s.slot == "item")
    assert (item.value, item.words) == ("Pepper", None)


def test_at_offset_finds_the_number_written_there() -> None:
    article = next(a for a in SAMPLES if a.name == SAMPLE.name)
    numbers = explain_article(article)
    assert [n.number for n in at_offset(numbers, 130)] == ["6,6%"]
    assert at_offset([], 5) == []


def test_a_threshold_is_no_fact_and_says_so() -> None:
    article = Article(
        name="t.txt",
        text="Năm 2024, 36 mặt hàng đạt kim ngạch xuất khẩu trên 1 tỷ USD trở lên.\n",
    )
    numbers = explain_article(article)
    assert numbers and all(n.fact is None for n in numbers)
    assert any("threshold" in (n.not_fact or "") for n in numbers)


def test_a_figure_of_partners_together_is_no_fact_and_says_so() -> None:
    article = Article(
        name="t.txt",
        text="In 2019, imports from China and Thailand hit US$6.2 billion, making up 47%.\n",
    )
    numbers = explain_article(article)
    assert [n.number for n in numbers] == ["US$6.2 billion", "47%"]
    assert all(n.fact is None and "together" in (n.not_fact or "") for n in numbers)


def test_the_command_prints_a_fact_or_the_number_at_an_offset() -> None:
    runner = CliRunner()
    one = runner.invoke(app, ["explain", str(SAMPLE), "--fact", "2"])
    assert one.exit_code == 0, one.output
    assert one.output.startswith("fact 2: -6.6 ('6,6%'")
    assert "basis    prev_period" in one.output and "«so với tháng trước»" in one.output
    at = runner.invoke(app, ["explain", str(SAMPLE), "--at", "130"])
    assert at.output == one.output
    out_of_range = runner.invoke(app, ["explain", str(SAMPLE), "--fact", "999"])
    assert out_of_range.exit_code == 2
