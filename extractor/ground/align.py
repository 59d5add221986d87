"""Find a model's quote in the article as given, and return original character offsets.

Both sides are compared in normalised form (NFC, no word-segmentation
underscores, no HTML, single spaces, lower case) through ``extractor.normalise``,
whose offset map leads back to the original text. When the exact form is not
there (a small model drops a word or changes a diacritic), the best window around
the longest common block is accepted above a similarity threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from extractor.normalise import NormalisedText, normalise

FUZZY_MIN_RATIO = 0.85
MIN_QUOTE_CHARS = 3


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the original article
    end: int
    exact: bool


def _comparable(text: str) -> str:
    """Lower case character by character, so offsets stay aligned with the normalised text."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(" " if ch == "\n" else (low if len(low) == 1 else ch))
    return "".join(out)


@lru_cache(maxsize=64)
def _prepared(article: str) -> tuple[NormalisedText, str]:
    norm = normalise(article)
    return norm, _comparable(norm.text)


def quote_key(quote: str) -> str:
    return " ".join(_comparable(normalise(quote).text).split())


def align(article: str, quote: str) -> Span | None:
    """Original-text span of ``quote`` in ``article``, or None when it is not there."""
    needle = quote_key(quote)
    if len(needle) < MIN_QUOTE_CHARS:
        return None
    norm, hay = _prepared(article)
    pos = hay.find(needle)
    if pos >= 0:
        start, end = norm.to_original(pos, pos + len(needle))
        return Span(start, end, exact=True)
    return _fuzzy(norm, hay, needle)


def _fuzzy(norm: NormalisedText, hay: str, needle: str) -> Span | None:
    matcher = SequenceMatcher(None, hay, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(hay), 0, len(needle))
    if block.size < max(MIN_QUOTE_CHARS, len(needle) // 4):
        return None
    lo = max(0, block.a - block.b)
    best: tuple[float, int, int] | None = None
    for slack in (0, -4, 4, -8, 8):
        a, b = lo, min(len(hay), lo + len(needle) + slack)
        if b <= a:
            continue
        ratio = SequenceMatcher(None, hay[a:b], needle, autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, a, b)
    if best is None or best[0] < FUZZY_MIN_RATIO:
        return None
    _, a, b = best
    while a < b and hay[a] == " ":
        a += 1
    while b > a and hay[b - 1] == " ":
        b -= 1
    start, end = norm.to_original(a, b)
    return Span(start, end, exact=False)
