"""Facts placed at a quote of a real article, as the cross-check and report tests build them."""

from __future__ import annotations

from typing import Any

from extractor.crosscheck.stated import find_quote
from extractor.types import Article, Evidence, Fact, Grounding, Source

H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def at(article: Article, quote: str, source: Source, *, located: bool = True, **keys: Any) -> Fact:
    """A fact resting on ``quote`` (LLM facts grounded), in the first half of 2025 unless a
    period is given; ``located=False`` allows a quote the text does not have (no evidence)."""
    span = find_quote(quote, article.text)
    if located:
        assert span is not None, quote
    keys.setdefault("period", H1)
    return Fact(
        quote=quote,
        evidence=None
        if span is None
        else Evidence(quote=article.text[span[0] : span[1]], start=span[0], end=span[1]),
        source=source,
        grounding=Grounding.GROUNDED if source is Source.LLM else None,
        **keys,
    )
