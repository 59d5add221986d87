"""An article's text normalised once: the view that every stage after reading shares.

The rule path, the LLM path's grounding and the cross-check each need the same things
of one article: its clean text with the map back to the original offsets, its decimal
convention and whether its numbers are masked. ``article_text`` works them out once per
text; a small cache keyed by the text holds the articles in flight, so a batch keeps
no more than a few.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from extractor.normalise.masked import looks_masked
from extractor.normalise.text import NormalisedText, normalise
from extractor.numbers import detect_decimal

ARTICLES_KEPT = 16  # enough for every worker thread's article and its paths


class ArticleText:
    """One article's text and what is derived from it, each computed on first use."""

    def __init__(self, original: str) -> None:
        self.original = original

    @cached_property
    def norm(self) -> NormalisedText:
        return normalise(self.original)

    @cached_property
    def decimal(self) -> str:
        """The article's decimal convention, read from the text as published."""
        return detect_decimal(self.original)

    @cached_property
    def masked(self) -> bool:
        return looks_masked(self.norm.text)

    @cached_property
    def comparable(self) -> str:
        """The normalised text as quotes are looked for in it (``comparable``)."""
        return comparable(self.norm.text)


def comparable(text: str) -> str:
    """Lower case character by character and newlines as spaces, so that offsets stay
    aligned with ``text``."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(" " if ch == "\n" else (low if len(low) == 1 else ch))
    return "".join(out)


@lru_cache(maxsize=ARTICLES_KEPT)
def article_text(original: str) -> ArticleText:
    return ArticleText(original)
