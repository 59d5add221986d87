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
from collections.abc import Mapping
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

Needs = frozenset[str]
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}


Met = Mapping[str, int]  # how often a word is met: the percent of texts that hold it


def _rank(words: Needs, met: Met) -> tuple[int, int, int]:
    """Rarer to meet first: by how often the most often ``met`` word of a set is (spaces at
    its ends aside; an unlisted word is rare, a single character met everywhere), then long
    words before short ones, then few words before many."""
    often = max(met.get(w.strip(), 0) if len(w) > 1 else 100 for w in words)
    return (often, -min(map(len, words)), len(words))


def _item(op: Any, av: Any, met: Met) -> list[Needs]:
    """The sets of one parsed item that consumes text (each one necessary)."""
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return [] if add_flags or del_flags else _sequence(sub, met)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, met)
    if op in _REPEATS:
        least, _, sub = av
        return _sequence(sub, met) if least >= 1 else []
    if op is C.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            sets = _sequence(alternative, met)
            if not sets:
                return []  # one way to match without any word
            rarest: Needs = min(sets, key=lambda w: _rank(w, met))
            found |= rarest
        return [frozenset(found)]
    return []


def _sequence(items: Any, met: Met) -> list[Needs]:
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
        found += _item(op, av, met)
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def needs(pattern: re.Pattern[str], most: int = 2, met: Met | None = None) -> tuple[Needs, ...]:
    """Sets of literals such that every match of ``pattern`` consumes a word of each
    (the rarest ``most`` of them, by how often their words are ``met``); none when no such
    set can be told."""
    found = sets_of(pattern, met)
    return tuple(sorted(set(found), key=lambda w: (*_rank(w, met or {}), sorted(w)))[:most])


def sets_of(pattern: re.Pattern[str], met: Met | None = None) -> list[Needs]:
    """Every set ``needs`` chooses from (an alternation's: of the rarest of each way)."""
    if pattern.flags & re.IGNORECASE:
        return []
    return _sequence(P.parse(pattern.pattern, pattern.flags), met or {})
