"""A pattern told which characters its matches can begin with.

``re`` skips quickly to where a match can start only when a pattern opens with a literal
or a character class. Most rule patterns open with a lookbehind (``(?<![\\w])``) or an
alternation of groups, so a search tries the whole pattern at every character. The
characters a match can begin with are known from the pattern itself: ``with_first``
puts them in front as a lookahead (``(?=[…])``), which fails at once on every other
character. A lookahead only tests, so the matches, their spans and groups are the same.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

# Zero-width items: the first character consumed comes after them.
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
_BROAD = (r"\S", r"\w", r"\W", r"\D")
_GLOBAL_FLAGS = re.compile(r"\A\(\?[aiLmsux]+\)")


class _Unknown(Exception):
    """The first characters cannot be told (any character, a back reference, local flags)."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _in_class(items: list[tuple[Any, Any]]) -> str:
    """A character class item list (``IN``) as the body of ``[...]``."""
    parts = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(_char(av))
        elif op is C.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        elif op is C.NEGATE:
            parts.append("^")
        else:
            raise _Unknown(op)
    return "".join(parts)


def _first(items: Any) -> tuple[list[str], bool]:
    """The classes a match of ``items`` (a parsed sequence) can begin with, and whether it
    can match the empty string."""
    classes: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            return [*classes, f"[{_char(av)}]"], False
        if op is C.NOT_LITERAL:
            return [*classes, f"[^{_char(av)}]"], False
        if op is C.IN:
            return [*classes, f"[{_in_class(av)}]"], False
        if op is C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown(op)
            found, empty = _first(sub)
        elif op is C.ATOMIC_GROUP:
            found, empty = _first(av)
        elif op is C.BRANCH:
            found, empty = [], False
            for alternative in av[1]:
                alt, alt_empty = _first(alternative)
                found += alt
                empty = empty or alt_empty
        elif op in _REPEATS:
            low, _, sub = av
            found, empty = _first(sub)
            empty = empty or low == 0
        else:
            raise _Unknown(op)
        classes += found
        if not empty:
            return classes, False
    return classes, True


def _has_fast_start(parsed: Any) -> bool:
    """Whether ``re`` already skips to a match's first character (a literal or class first)."""
    items = list(parsed)
    while items and items[0][0] is C.SUBPATTERN:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (C.LITERAL, C.IN):
        return True
    return op is C.BRANCH and all(alt and alt[0][0] is C.LITERAL for alt in av[1])


def lookahead(pattern: re.Pattern[str]) -> str | None:
    """``(?=[…])`` of the characters a match of ``pattern`` can begin with; None when a
    match can be empty, when ``re`` already skips to them, or when they cannot be told."""
    parsed = P.parse(pattern.pattern, pattern.flags)
    if _has_fast_start(parsed) or (parsed and parsed[0][0] is C.AT):
        return None  # an anchor ("^") already limits where a search tries
    try:
        classes, empty = _first(parsed)
    except _Unknown:
        return None
    if empty or not classes:
        return None
    if any(c.startswith("[^") or any(b in c for b in _BROAD) for c in classes):
        return None  # nearly every character: the test would only cost
    return f"(?=[{''.join(dict.fromkeys(c[1:-1] for c in classes))}])"


def with_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with the lookahead of its first characters in front, when there is one."""
    ahead = lookahead(pattern)
    if ahead is None:
        return pattern
    source = pattern.pattern
    flags = _GLOBAL_FLAGS.match(source)
    head = flags.group() if flags else ""
    return re.compile(f"{head}{ahead}(?:{source[len(head) :]})")
