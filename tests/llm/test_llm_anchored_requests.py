"""Which anchors share a request, and the text a request shows."""

from __future__ import annotations

from test_llm_anchored_choices import TEXT, choices

from extractor.llm.anchored.requests import batches, headline, passage


def test_one_anchor_per_request_or_a_paragraph_or_the_whole_article():
    found = choices()
    assert [len(b) for b in batches(found, 1)] == [1, 1, 1, 1]
    assert [len(b) for b in batches(found, 5)] == [2, 2]  # never across a paragraph
    assert [len(b) for b in batches(found, 0)] == [4]


def test_the_text_marks_only_the_numbers_asked():
    found = choices()
    shown = passage(TEXT, [found[1]], 2024)
    assert "[2]5,5%" in shown.text and "[1]" not in shown.text
    assert shown.headline == "Thương mại Việt Nam tháng 3/2024" and shown.year == 2024


def test_the_headline_is_a_short_first_line_only():
    assert headline("Tiêu đề ngắn\nThân bài.") == "Tiêu đề ngắn"
    assert headline("Một dòng duy nhất.") is None
