"""Where a fact stands in the article, and whether its value is written there.

The cross-check trusts a value only when it can see it in the text: the evidence
span (or, lacking offsets, the quote found in the text) must contain a written
number equal to the fact's value. This is independent of the LLM path's own
grounding so that rule facts and LLM facts are judged alike.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.ground.align import align
from extractor.normalise.article import article_text
from extractor.numbers import Amount, find_amounts, same_value
from extractor.types import Fact

Span = tuple[int, int]


def locate(fact: Fact, text: str) -> Span | None:
    """The fact's evidence span in ``text``: its offsets if they hold its quote, else the quote."""
    ev = fact.evidence
    if (
        ev is not None
        and ev.start < ev.end <= len(text)
        and (not ev.quote or _squash(text[ev.start : ev.end]) == _squash(ev.quote))
    ):
        return (ev.start, ev.end)
    for quote in (ev.quote if ev else "", fact.quote):
        if quote and (found := find_quote(quote, text)) is not None:
            return found
    return None


def stated_amount(fact: Fact, text: str, span: Span | None) -> Amount | None:
    """The written number at ``span`` equal to the fact's value (sign aside), if any."""
    if span is None:
        return None
    decimal = article_text(text).decimal
    start, end = span
    for amount in find_amounts(text[start:end], decimal=decimal):
        if same_value(abs(amount.value), abs(fact.value)):
            return Amount(
                start=start + amount.start,
                end=start + amount.end,
                value=amount.value,
                unit=amount.unit,
                text=amount.text,
                qualifier=amount.qualifier,
            )
    return None


def same_anchor(a: Span | None, b: Span | None) -> bool:
    """Two located numbers are one written number when their spans overlap: written
    amounts never overlap, and evidence cut inside an amount ("đạt 33,19 tỷ" of
    "33,19 tỷ USD") still reads part of it."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _squash(text: str) -> str:
    return re.sub(r"[\s_]+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def find_quote(quote: str, text: str) -> Span | None:
    """Where ``quote`` is written in ``text``: as given, else up to normalisation (NFC,
    segmentation, HTML, case, spacing) through the grounding's locator, never fuzzy."""
    at = text.find(quote)
    if at >= 0:
        return (at, at + len(quote))
    found = align(text, quote, fuzzy=False)
    return (found.start, found.end) if found else None
