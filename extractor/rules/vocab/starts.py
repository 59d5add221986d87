"""The literals every match of a pattern begins with, read from the pattern itself.

A pattern that opens with an alternation of words ("(?:so\\s+với|compared|against)\\s+...")
or with a lookbehind makes a scan of a whole text start the matcher at many places (at
every character, or at each of the alternatives' first characters, most of them in other
words). When every match begins with one of a few literals, trying the pattern only where
one of them starts (``scan.finditer_at``, the literals from the one pass over the text)
finds the same matches. ``starts`` reads those literals from the parsed pattern: the first
characters a match consumes (lookarounds and anchors consume nothing), or None when they
cannot be told (a class or any character first, an optional first item, case ignored, a
way to match nothing).
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}


class _Unknown(Exception):
    """What a match begins with cannot be told as literals."""


def _begins(items: list[Any], following: list[list[Any]]) -> set[str]:
    """The literals a match of a parsed sequence begins with; ``following`` holds the
    sequences that come after it (the rest of the enclosing ones), for when it can
    consume nothing."""
    for k, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:  # the run of literal characters from here
            run = []
            for next_op, next_av in items[k:]:
                if next_op is not C.LITERAL:
                    break
                run.append(chr(next_av))
            return {"".join(run)}
        after = [items[k + 1 :], *following]
        if op is C.SUBPATTERN and not (av[1] or av[2]):  # (no local flags)
            return _begins(list(av[3]), after)
        if op is C.ATOMIC_GROUP:
            return _begins(list(av), after)
        if op is C.BRANCH:
            return set().union(*(_begins(list(a), after) for a in av[1]))
        if op in _REPEATS:
            first = _begins(list(av[2]), after)
            return first if av[0] >= 1 else first | _begins([], after)
        raise _Unknown(op)
    if not following:
        raise _Unknown("a match can be empty")
    return _begins(following[0], following[1:])


def starts(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The literals every match of ``pattern`` begins with (sorted), or None."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return tuple(sorted(_begins(list(P.parse(pattern.pattern, pattern.flags)), [])))
    except _Unknown:
        return None
