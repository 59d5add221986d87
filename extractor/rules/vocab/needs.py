"""The words a pattern's every match holds, read from the pattern itself.

A rule that searches a stretch of text before (or after) each number runs the whole
matcher over that stretch, and most stretches hold nothing it could match. Every
match of "(?:vượt|mốc|ngưỡng)\\s*\\$?$" consumes one of "vượt", "mốc", "ngưỡng": where
none of them stands in the stretch, the search can be skipped with the same result.
``needs`` reads such sets of literals from the parsed pattern (the text a match
consumes; lookarounds consume nothing, so they are left out); none when no set can be
told (a match can be empty, or holds only classes, or case is ignored).
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

Needs = frozenset[str]
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}


def _rank(words: Needs) -> tuple[int, int]:
    """Rarer to meet first: long words before short ones, then few words before many."""
    return (-min(map(len, words)), len(words))


def _item(op: Any, av: Any) -> list[Needs]:
    """The sets of one parsed item that consumes text (each one necessary)."""
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return [] if add_flags or del_flags else _sequence(sub)
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        least, _, sub = av
        return _sequence(sub) if least >= 1 else []
    if op is C.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            sets = _sequence(alternative)
            if not sets:
                return []  # one way to match without any word
            rarest: Needs = min(sets, key=_rank)
            found |= rarest
        return [frozenset(found)]
    return []


def _sequence(items: Any) -> list[Needs]:
    """Every item of a sequence is matched, so each item's sets are necessary; a run of
    literal characters makes one word."""
    found: list[Needs] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        found += _item(op, av)
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def needs(pattern: re.Pattern[str], most: int = 2) -> tuple[Needs, ...]:
    """Sets of literals such that every match of ``pattern`` consumes a word of each
    (the rarest ``most`` of them); none when no such set can be told."""
    if pattern.flags & re.IGNORECASE:
        return ()
    found = _sequence(P.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(set(found), key=lambda w: (*_rank(w), sorted(w)))[:most])
