"""The lookups the no-fact rules share: a match as the span a rule fired on, searches
skipped where none of a pattern's words stands, the clause of a position."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from extractor.numbers import Unit
from extractor.rules.context import Ask
from extractor.rules.engine import Rule, Span, rule

Hit = tuple[bool, Span | None] | None
_PERCENT_UNIT = Unit.PERCENT


def hit_of(m: re.Match[str] | None, offset: int = 0) -> Hit:
    return (True, (offset + m.start(), offset + m.end())) if m else None


def said_after(
    name: str, pattern: re.Pattern[str], *, units: Iterable[Unit], in_sentence: bool = False
) -> Rule:
    """A no-fact rule as data: ``pattern`` matched right after the number (up to its
    sentence's end with ``in_sentence``) says what the number is, so it is no fact."""

    def when(q: Ask) -> Hit:
        end = q.anchor.sentence[1] if in_sentence else len(q.doc.low)
        return hit_of(pattern.match(q.doc.low, q.end, end))

    return rule(name, units=units, needs=(pattern,))(when)


def is_percent(q: Ask) -> bool:
    return q.anchor.amount.unit is _PERCENT_UNIT  # (a global is read faster than Unit.PERCENT)


def search_hit(q: Ask, pattern: re.Pattern[str], lo: int, hi: int) -> Hit:
    """``pattern.search(low, lo, hi)``, skipped where none of its words stands."""
    return hit_of(q.doc.search(pattern, lo, hi))


def search_slice_hit(q: Ask, pattern: re.Pattern[str], lo: int, hi: int) -> Hit:
    """``pattern`` searched in ``low[lo:hi]`` cut out (``^``, ``$`` and lookbehinds see
    only the slice), skipped where none of its words stands."""
    if not q.doc.may_match(pattern, lo, hi):
        return None
    return hit_of(pattern.search(q.doc.low[lo:hi]), lo)


def clause_start_of(q: Ask, pos: int) -> int:
    """Where the clause of ``pos`` begins: its sentence's start or the last ";" before it
    (searched within the sentence only: a search back to the text's start for every number
    would take time quadratic in the article)."""
    if pos == q.start:
        return q.clause_start  # (worked out once per number)
    s0 = q.anchor.sentence[0]
    return max(s0, q.doc.low.rfind(";", s0, pos) + 1)


def between(starts: list[int], lo: int, hi: int) -> slice:
    """The slice of a list sorted by ``starts`` whose items start in ``[lo, hi)``."""
    return slice(bisect_left(starts, lo), bisect_left(starts, hi))
