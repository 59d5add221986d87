"""Cut a text into pieces by overlapping evidence spans, one fact per piece, numbers marked.

Offsets are character offsets into the text as given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Anchored:
    """A fact's evidence span, its label and where its written number stands (if found)."""

    start: int
    end: int
    label: str
    number: tuple[int, int] | None = None


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    owner: str | None  # the one fact this stretch is shown for; None: plain text
    number: bool = False  # inside the owner's written number
    shared: tuple[str, ...] = ()  # other facts on the very same number


def claims(length: int, spans: Sequence[Anchored]) -> list[Piece]:
    """Cut the text so that each stretch belongs to one fact: separate highlights.

    Evidence spans overlap (a clause holds several numbers; two facts share a lead-in).
    A stretch covered by several spans goes to the fact whose written number comes
    next (the words before a number lead up to it), or, past every number, to the one
    whose number it follows most closely. A span with no number found counts its end.
    """
    clipped = [s for s in spans if min(length, s.end) > max(0, s.start)]
    cuts = {0, length}
    for s in clipped:
        cuts.update((max(0, s.start), min(length, s.end)))
        if s.number is not None:
            cuts.update(n for n in s.number if 0 <= n <= length)
    pieces: list[Piece] = []
    for start, end in pairwise(sorted(cuts)):
        covering = [s for s in clipped if s.start <= start and end <= s.end]
        if not covering:
            pieces.append(Piece(start, end, None))
            continue
        owner = min(covering, key=lambda s: _claim(s, start))
        number = _number(owner)
        shared = tuple(s.label for s in covering if s.label != owner.label and _number(s) == number)
        inside = owner.number is not None and number[0] <= start and end <= number[1]
        pieces.append(Piece(start, end, owner.label, inside, shared))
    return pieces


def _number(span: Anchored) -> tuple[int, int]:
    return span.number if span.number is not None else (span.end, span.end)


def _claim(span: Anchored, at: int) -> tuple[int, int, int, str]:
    """Sort key: a number at or after ``at`` first (nearest), then the nearest one before."""
    start, end = _number(span)
    ahead = end > at
    distance = start - at if ahead else at - end
    return (0 if ahead else 1, distance, span.end - span.start, span.label)
