"""One article, normalised once: the clean text, offsets, decimal convention and masked flag
that the rule path, grounding and the cross-check share."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType

from extractor.crosscheck import extract_reconciled
from extractor.normalise import article_text, normalise
from extractor.normalise.article import comparable
from extractor.types import Article, ExtractOptions

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
JANUARY = SAMPLES / "001_791fcfb07cf1515f.txt"


def test_the_same_text_gives_the_same_view() -> None:
    text = "Xuất khẩu đạt 33,19 tỷ USD."
    assert article_text(text) is article_text(text)


def test_the_view_knows_decimal_convention_and_masking() -> None:
    assert article_text("đạt 33,19 tỷ USD, tăng 1.234 tấn").decimal == ","
    assert article_text("reached 33.19 billion USD, 1,234 tonnes").decimal == "."
    masked = (SAMPLES / "000_78b8f9d05d1a4fcc.txt").read_text(encoding="utf-8")
    assert article_text(masked).masked
    assert not article_text("Xuất khẩu đạt 33,19 tỷ USD").masked


def test_the_normalised_text_maps_back_to_the_original() -> None:
    original = "Xua\u0301t_khâ\u0309u đạt 5 tỷ USD"  # decomposed, word-segmented
    view = article_text(original)
    start = view.norm.text.index("5 tỷ")
    a, b = view.norm.to_original(start, start + len("5 tỷ USD"))
    assert original[a:b] == "5 tỷ USD"


def test_comparable_keeps_offsets() -> None:
    text = "Kim Ngạch\nXuất Khẩu"
    assert comparable(text) == "kim ngạch xuất khẩu"
    assert len(comparable(text)) == len(text)


def test_a_reconciled_article_is_normalised_once() -> None:
    """Every call of ``normalise`` on the whole text counts, whoever makes it."""
    text = JANUARY.read_text(encoding="utf-8")
    calls = 0

    def watch(frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event == "call" and frame.f_code is normalise.__code__:
            calls += frame.f_locals.get("original") == text

    article_text.cache_clear()
    sys.setprofile(watch)
    try:
        result = extract_reconciled(
            Article(name=JANUARY.name, text=text), ExtractOptions(llm="replay")
        )
    finally:
        sys.setprofile(None)
    assert result.error is None and result.facts
    assert calls == 1
