"""Cut a text into segments by overlapping spans, so nested or crossing facts all show.

Each segment carries the labels of every span covering it; a segment covered by
none carries an empty tuple. Offsets are character offsets into the text as given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Labelled:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    labels: tuple[str, ...]  # covering spans, shortest (innermost) first


def segments(length: int, spans: Sequence[Labelled]) -> list[Segment]:
    """Consecutive segments covering 0..length; spans outside the text are clipped."""
    clipped = [
        Labelled(max(0, s.start), min(length, s.end), s.label)
        for s in spans
        if min(length, s.end) > max(0, s.start)
    ]
    cuts = sorted({0, length, *(s.start for s in clipped), *(s.end for s in clipped)})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = sorted(
            (s for s in clipped if s.start <= start and end <= s.end),
            key=lambda s: (s.end - s.start, s.start, s.label),
        )
        labels = tuple(dict.fromkeys(s.label for s in covering))
        out.append(Segment(start, end, labels))
    return out
