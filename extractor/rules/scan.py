"""Run a regex only where a match can start.

A pattern that opens with a lookbehind or an alternation makes ``re`` try a match at
every character of the text. When every match is known to begin with one of a few
literal words, finding those words (``literals``: all of them in one pass) and trying
the pattern only there gives exactly the matches of ``finditer``, at a fraction of the
cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from extractor.rules.literals import learn, learnt_hits, present, starts
from extractor.rules.vocab import VOCAB
from extractor.rules.vocab.needs import needs
from extractor.rules.vocab.starts import starts as starts_of


def occurrences(text: str, literals: Iterable[str]) -> list[int]:
    """Every position where one of ``literals`` starts (overlaps included), sorted.

    The text is searched once for every literal learnt (``literals``); each call picks
    the starts of its own literals from that one pass."""
    return starts(text, literals if isinstance(literals, tuple) else tuple(literals))


def finditer_at(
    pattern: re.Pattern[str], text: str, candidates: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``candidates`` (sorted)
    and no match is empty: leftmost first, the next one searched after the last's end."""
    end = 0
    for pos in candidates:
        if pos < end:
            continue
        m = pattern.match(text, pos)  # lookbehinds still see the text before ``pos``
        if m is not None:
            yield m
            end = m.end()


class Needed(NamedTuple):
    """The words of ``vocab.needs(pattern)``, ready to look up."""

    pattern: re.Pattern[str]
    literals: tuple[tuple[str, ...], ...]  # each set sorted, as ``occurrences`` takes it
    sets: tuple[frozenset[str], ...]


# How often literals are met (the percent of the repo's articles that hold them): a set of
# rarer words, where a pattern has one, rules out more of a text
_MET = {word: int(percent) for word, percent in VOCAB.numbers("needs.met").items()}

# by the pattern's id (a lookup costs no hashing of the pattern), the pattern kept with
# its words so that the id is never another's
_NEEDED: dict[int, Needed] = {}


def needed(pattern: re.Pattern[str]) -> Needed:
    """``vocab.needs(pattern)``, but for sets with a single character (",", "("): found
    nearly everywhere, they would cost the one pass over each text more than they save."""
    found = _NEEDED.get(id(pattern))
    if found is None:
        sets = tuple(w for w in needs(pattern, met=_MET) if min(map(len, w)) >= 2)
        literals = tuple(tuple(sorted(w)) for w in sets)
        for words in literals:
            learn(words)
        found = _NEEDED[id(pattern)] = Needed(pattern, literals, sets)
    return found


def may_occur(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``pattern`` cannot match anywhere in ``text``: a word of each of its
    needed sets is missing."""
    sets = needed(pattern).sets  # (learnt from now on)
    found = learnt_hits(text)
    if found is not None:  # every set learnt was looked for in ``text``: one lookup each
        return all(not found.isdisjoint(words) for words in sets)
    return all(present(text, words) for words in sets)


Groups = Sequence[tuple[int, tuple[re.Pattern[str], ...]]]


def none_may_occur(groups: Groups, text: str) -> frozenset[int]:
    """The keys of ``groups`` (key, patterns) none of whose patterns may occur in ``text``
    (``may_occur``), the words of the text looked up once for all of them: each needed set
    is a bit, each word the bits of the sets that hold it, and a pattern may occur where
    the bits of all its sets are among those of the text's words."""
    needed_bits = _bits_needed(groups)  # (learnt from now on)
    found = learnt_hits(text)
    if found is None:
        return frozenset(
            key for key, patterns in groups if not any(may_occur(p, text) for p in patterns)
        )
    present, bit_of = 0, needed_bits.bit_of
    for word in needed_bits.words.intersection(found):
        present |= bit_of[word]
    return frozenset(
        key for key, masks in needed_bits.keys if not any(mask & present == mask for mask in masks)
    )


class _Bits(NamedTuple):
    """The needed sets of some groups' patterns as bits (``none_may_occur``)."""

    groups: Groups  # kept, so that the id they are found by is never another's
    words: frozenset[str]  # every word of every set
    bit_of: dict[str, int]  # a word: the bits of the sets that hold it
    keys: tuple[tuple[int, tuple[int, ...]], ...]  # a key: the bits each pattern needs


_BITS_NEEDED: dict[int, _Bits] = {}  # by the groups' id


def _bits_needed(groups: Groups) -> _Bits:
    found = _BITS_NEEDED.get(id(groups))
    if found is None:
        bit: dict[frozenset[str], int] = {}  # one bit for each distinct set
        keys = []
        for key, patterns in groups:
            masks = []
            for p in patterns:
                mask = 0
                for words in needed(p).sets:
                    mask |= bit.setdefault(words, 1 << len(bit))
                masks.append(mask)
            keys.append((key, tuple(masks)))
        bit_of: dict[str, int] = {}
        for words, b in bit.items():
            for word in words:
                bit_of[word] = bit_of.get(word, 0) | b
        found = _BITS_NEEDED[id(groups)] = _Bits(groups, frozenset(bit_of), bit_of, tuple(keys))
    return found


# by the pattern's id, the pattern kept with the literals its matches begin with (or None)
_STARTS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def finditer_present(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, not run over a text without the words it needs, and
    tried only where a match can begin when the literals it begins with can be told
    (``vocab.starts``)."""
    if not may_occur(pattern, text):
        return iter(())
    found = _STARTS.get(id(pattern))
    if found is None:
        found = _STARTS[id(pattern)] = (pattern, starts_of(pattern))
    literals = found[1]
    if literals is None:
        return pattern.finditer(text)
    return finditer_at(pattern, text, occurrences(text, literals))


def any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether one of ``positions`` (sorted) lies in ``[lo, hi)``: a cheap test before a
    regex search that needs one of some literals there."""
    i = bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


class SpanIndex:
    """Non-overlapping spans sorted by start (a word list's matches): which reach into a
    stretch of text."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    def overlap(self, lo: int, hi: int) -> bool:
        """Whether a span overlaps ``[lo, hi)``."""
        i = bisect_right(self._ends, lo)  # the first span ending after ``lo``
        return i < len(self._starts) and self._starts[i] < hi


class Disjoint:
    """Disjoint spans, added one at a time and kept sorted: an overlap test is a bisection."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``[start, end)``: of the spans starting before ``end``, the
        last one also ends last (they are disjoint), so it is the only one to ask."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def last_before(self, pos: int) -> tuple[int, int] | None:
        """The span that starts last before ``pos``."""
        i = bisect_left(self._starts, pos)
        return (self._starts[i - 1], self._ends[i - 1]) if i > 0 else None

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


class Intervals:
    """Spans that may overlap or nest: which reach a position or a stretch, by bisection
    over their starts and the running maximum of their ends."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # the furthest end of the spans up to each one
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self._reach.append(furthest)

    def overlap(self, lo: int, hi: int) -> bool:
        """Whether a span ``(a, b)`` has ``a < hi`` and ``lo < b``."""
        i = bisect_left(self._starts, hi)
        return i > 0 and self._reach[i - 1] > lo

    def __contains__(self, pos: int) -> bool:
        """Whether a span ``(a, b)`` has ``a <= pos < b``."""
        return self.overlap(pos, pos + 1)
