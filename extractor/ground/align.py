"""Find a model's quote in the article as given, and return original character offsets.

Both sides are compared in normalised form (NFC, no word-segmentation
underscores, no HTML, single spaces, lower case) through ``extractor.normalise``,
whose offset map leads back to the original text. When the exact form is not
there (a small model drops a word or changes a diacritic), the best window around
the longest common block is accepted above a similarity threshold. In a long text
that block is looked for only around the places where pieces of the quote occur, so
the time stays linear in the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import Match, SequenceMatcher

from extractor.normalise import NormalisedText, normalise
from extractor.normalise.article import article_text, comparable

FUZZY_MIN_RATIO = 0.85
MIN_QUOTE_CHARS = 3
WHOLE_SEARCH_CHARS = 20_000  # up to this (a long news article), one search of it all is cheap
MAX_SEED_HITS = 64  # a piece of the quote found more often than this does not place it
MAX_PLACES = 16  # windows compared with the quote, at most


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the original article
    end: int
    exact: bool


def quote_key(quote: str) -> str:
    return " ".join(comparable(normalise(quote).text).split())


def align(article: str, quote: str, *, fuzzy: bool = True) -> Span | None:
    """Original-text span of ``quote`` in ``article``, or None when it is not there.

    ``fuzzy=False``: only where the quote is written, up to normalisation, case and
    spacing (the cross-check's locator; a model's slightly wrong quote needs fuzzy).
    """
    needle = quote_key(quote)
    if len(needle) < MIN_QUOTE_CHARS:
        return None
    source = article_text(article)
    norm, hay = source.norm, source.comparable
    pos = hay.find(needle)
    if pos >= 0:
        start, end = norm.to_original(pos, pos + len(needle))
        return Span(start, end, exact=True)
    return _fuzzy(norm, hay, needle) if fuzzy else None


def _fuzzy(norm: NormalisedText, hay: str, needle: str) -> Span | None:
    block = _longest_block(hay, needle)
    if block is None or block.size < max(MIN_QUOTE_CHARS, len(needle) // 4):
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


def _longest_block(hay: str, needle: str) -> Match | None:
    """The longest block the text and the quote share (the earliest of equals). A long
    text is searched only around the places where pieces of the quote occur, so the
    cost is a few scans of the text, not a comparison of all of it per quote."""
    m = len(needle)
    matcher = SequenceMatcher(None, hay, needle, autojunk=False)
    if len(hay) <= WHOLE_SEARCH_CHARS:
        return matcher.find_longest_match(0, len(hay), 0, m)
    best: Match | None = None
    for place in _places(hay, needle, max(MIN_QUOTE_CHARS, m // 4)):
        block = matcher.find_longest_match(
            max(0, place - m // 2), min(len(hay), place + 2 * m), 0, m
        )
        if best is None or (block.size, -block.a, -block.b) > (best.size, -best.a, -best.b):
            best = block
    return best


def _places(hay: str, needle: str, shortest: int) -> list[int]:
    """Where the quote may start, most pieces agreeing first: any common block of
    ``shortest`` characters contains one of the pieces (seeds) looked up."""
    k = max(MIN_QUOTE_CHARS, shortest // 2)
    step = max(1, shortest - k + 1)
    width = max(1, len(needle) // 2)
    hits = {o: _occurrences(hay, needle[o : o + k]) for o in range(0, len(needle) - k + 1, step)}
    found = {o: h for o, h in hits.items() if h}
    telling = {o: h for o, h in found.items() if len(h) <= MAX_SEED_HITS}
    if not telling and found:  # every piece found is everywhere (a repetitive text)
        rarest = min(found, key=lambda o: len(found[o]))
        telling = {rarest: found[rarest][:MAX_SEED_HITS]}
    votes: Counter[int] = Counter()
    for offset, positions in telling.items():
        votes.update({(p - offset) // width for p in positions})
    return [bucket * width for bucket, _ in votes.most_common(MAX_PLACES)]


def _occurrences(hay: str, seed: str) -> list[int]:
    """Positions of ``seed``, at most one more than ``MAX_SEED_HITS``."""
    found: list[int] = []
    pos = hay.find(seed)
    while pos >= 0 and len(found) <= MAX_SEED_HITS:
        found.append(pos)
        pos = hay.find(seed, pos + 1)
    return found
