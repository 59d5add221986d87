"""Regions of a text: sentences, paragraphs, parentheses, and stretches whose cues say
nothing about the number they follow.

"so với tháng 9" names a basis, not a period; "chiếm 18,2% tỷ trọng xuất khẩu"
names the whole a share is of; "có 28 mặt hàng đạt trên 1 tỷ USD" counts goods
over a threshold. Cues inside such stretches must not leak into the facts around.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractor.rules.scan import finditer_at, occurrences
from extractor.rules.vocab import PATTERNS, VOCAB
from extractor.rules.years import datelines

_P = PATTERNS.of("regions")

# Literals every match of _P.comparison / _P.source begins with (see ``scan.finditer_at``).
_COMPARISON_STARTS = VOCAB.words("precheck.comparison")
_SOURCE_STARTS = VOCAB.words("precheck.source")
# Every _P.count match holds one of these after at most five words ("có 12 trong số 30").
_COUNT_KEYS = VOCAB.words("precheck.count")


@dataclass(frozen=True)
class Regions:
    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]
    parens: tuple[tuple[int, int], ...]
    comparisons: tuple[tuple[int, int], ...]
    counts: tuple[tuple[int, int], ...]
    sources: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...] = ()  # reported speech: its periods set nothing
    innermost_paren: tuple[int, ...] = ()  # per character: index into parens, or -1
    sentence_starts: tuple[int, ...] = ()  # the start of each sentence (they are disjoint)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def paren_of(self, pos: int) -> tuple[int, int] | None:
        if 0 <= pos < len(self.innermost_paren):
            i = self.innermost_paren[pos]
            return self.parens[i] if i >= 0 else None
        return None


class Mask:
    """Which characters lie inside any of some spans: O(1) to ask."""

    def __init__(self, length: int, spans: tuple[tuple[int, int], ...]) -> None:
        self._inside = bytearray(length + 1)
        for a, b in spans:
            self._inside[a:b] = b"\x01" * (b - a)

    def __contains__(self, pos: int) -> bool:
        return 0 <= pos < len(self._inside) and bool(self._inside[pos])


def _six_words_before(low: str, i: int) -> int:
    for _ in range(6):
        while i > 0 and low[i - 1].isspace():  # str.isspace is what ``\s`` matches
            i -= 1
        while i > 0 and not low[i - 1].isspace():
            i -= 1
    return i


def _counts(low: str) -> tuple[tuple[int, int], ...]:
    """``_P.count.finditer(low)``, tried only where a match can begin: every match holds
    one of ``_COUNT_KEYS`` and starts at most six words before it."""
    candidates: list[int] = []
    last = -1
    for key in occurrences(low, _COUNT_KEYS):
        lo, last = max(_six_words_before(low, key), last + 1), key
        candidates += range(lo, key + 1)
    return tuple(m.span() for m in finditer_at(_P.count, low, candidates))


# two capitals or fewer, a dot, a capital right after it: "TP.HCM", "Q.1"


# Every _P.sentence_end match begins at one of these, in the spaces before a "*", or at
# the space before one of _SENTENCE_END_BEFORE.
_SENTENCE_END_AT = ("\n", ".", "!", "?", "…")
_SENTENCE_END_BEFORE = VOCAB.words("precheck.sentence_end_before")


def _sentence_end_starts(low: str) -> list[int]:
    """Where a _P.sentence_end match can begin (a few more places, never fewer): the
    pattern opens with lookbehinds, so ``finditer`` would start its matcher everywhere."""
    found = set(occurrences(low, _SENTENCE_END_AT))
    for star in occurrences(low, ("*",)):
        while star > 0 and low[star - 1].isspace():  # str.isspace is what ``\s`` matches
            star -= 1
            found.add(star)
    found.update(at - 1 for at in occurrences(low, _SENTENCE_END_BEFORE) if at > 0)
    return sorted(found)


def _sentences(text: str, low: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in finditer_at(_P.sentence_end, text, _sentence_end_starts(low)):
        if (
            m.group() == "."
            and m.start() > 0
            and text[m.start() - 1].isupper()
            and (m.start() < 2 or not text[m.start() - 2].isalpha())
        ):
            continue  # "U.S.", "T.Ư.": initials, not a sentence end
        if m.group() == "." and _P.abbreviation.search(text, max(0, m.start() - 3), m.end() + 1):
            continue  # "TP.HCM": an abbreviation joined by a dot
        nxt = text[m.end() : m.end() + 2].lstrip()[:1]
        if m.group().startswith("\n") or (nxt and (nxt.isupper() or nxt in '"“-–')):
            if text[start : m.end()].strip():
                spans.append((start, m.end()))
            start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans) or ((0, len(text)),)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return tuple(s for s in spans if s[1] > s[0])


def _parens(low: str) -> tuple[tuple[int, int], ...]:
    spans, stack = [], []
    for i in occurrences(low, ("(", ")")):  # only the brackets, from the one literal pass
        if low[i] == "(":
            stack.append(i)
        elif stack:
            spans.append((stack.pop(), i + 1))
    return tuple(sorted(spans))


def _innermost(length: int, parens: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    owner = [-1] * length
    for i, (a, b) in sorted(enumerate(parens), key=lambda p: p[1][1] - p[1][0], reverse=True):
        owner[a:b] = [i] * (b - a)  # narrower spans are written last, so they win
    return tuple(owner)


def find_regions(text: str, low: str) -> Regions:
    """Regions of ``text``; ``low`` is its offset-preserving lower case."""
    parens = _parens(low)
    sentences = _sentences(text, low)
    return Regions(
        sentences=sentences,
        sentence_starts=tuple(a for a, _ in sentences),
        paragraphs=_paragraphs(low),
        parens=parens,
        innermost_paren=_innermost(len(low), parens),
        comparisons=tuple(
            m.span() for m in finditer_at(_P.comparison, low, occurrences(low, _COMPARISON_STARTS))
        ),
        counts=_counts(low),
        sources=tuple(
            m.span() for m in finditer_at(_P.source, low, occurrences(low, _SOURCE_STARTS))
        )
        + tuple(m.span() for m in datelines(low)),
        quotes=tuple(m.span() for m in _P.quote.finditer(low)),
    )
