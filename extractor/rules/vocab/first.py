"""A pattern told which characters its matches can begin with.

A search with ``re`` steps through the text in C and starts the matcher only where
the first character can begin a match, but it knows that character set only when the
pattern opens with a literal or a character class. Most rule patterns open with a
lookbehind (``(?<![\\w])``) or an alternation of groups, so a search runs the whole
matcher at every character. The characters a match can begin with are known from the
pattern itself: ``with_first`` compiles the same pattern (same source, groups and
flags) with that set in its information block, where ``re`` keeps such a set. The
set only says where the matcher need not be started, so the matches are the same.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
from re import _compiler as K  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

Item = tuple[Any, Any]  # a parsed character set item: (LITERAL, code), (RANGE, (a, b)), ...

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


class _Unknown(Exception):
    """The first characters cannot be told (any character, a negated set, local flags)."""


def _set_items(items: list[Item]) -> list[Item]:
    for op, av in items:
        if op not in (C.LITERAL, C.RANGE) and not (op is C.CATEGORY and av in _CATEGORIES):
            raise _Unknown(op)  # a negated set, among others: it would take nearly anything
    return items


def _first(items: Any) -> tuple[list[Item], bool]:
    """The set items a match of ``items`` (a parsed sequence) can begin with, and whether
    the match can begin with any character (it can be empty so far)."""
    found: list[Item] = []
    for op, av in items:
        if op is C.ASSERT and av[0] == 1:  # a lookahead: what it sees begins the match
            ahead, open_ = _first(av[1])
            if not open_:
                return found + ahead, False
            continue
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            return [*found, (C.LITERAL, av)], False
        if op is C.IN:
            return found + _set_items(av), False
        if op is C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown(op)
            more, open_ = _first(sub)
        elif op is C.ATOMIC_GROUP:
            more, open_ = _first(av)
        elif op is C.BRANCH:
            more, open_ = [], False
            for alternative in av[1]:
                alt, alt_open = _first(alternative)
                more += alt
                open_ = open_ or alt_open
        elif op in _REPEATS:
            least, _, sub = av
            more, open_ = _first(sub)
            open_ = open_ or least == 0
        else:
            raise _Unknown(op)
        found += more
        if not open_:
            return found, False
    return found, True


def _has_fast_start(parsed: Any) -> bool:
    """Whether ``re`` already knows where a match can start (a literal or class first, or
    an anchor such as ``^``)."""
    items = list(parsed)
    while items and items[0][0] is C.SUBPATTERN:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (C.LITERAL, C.IN, C.AT):
        return True
    return op is C.BRANCH and all(alt and alt[0][0] is C.LITERAL for alt in av[1])


def _parsed_and_items(pattern: re.Pattern[str]) -> tuple[Any, list[Item]] | None:
    if pattern.flags & re.IGNORECASE:
        return None
    parsed = P.parse(pattern.pattern, pattern.flags)
    if _has_fast_start(parsed) or parsed.getwidth()[0] == 0:
        return None
    try:
        items, open_ = _first(parsed)
    except _Unknown:
        return None
    return None if open_ or not items else (parsed, list(dict.fromkeys(items)))


def first_items(pattern: re.Pattern[str]) -> list[Item] | None:
    """The set of characters a match of ``pattern`` can begin with; None when ``re``
    already knows, when a match can be empty or when the set cannot be told."""
    found = _parsed_and_items(pattern)
    return found[1] if found is not None else None


def first_class(pattern: re.Pattern[str]) -> str | None:
    """``first_items`` written as a character class (to read it)."""
    items = first_items(pattern)
    if items is None:
        return None
    body = []
    for op, av in items:
        if op is C.LITERAL:
            body.append(re.escape(chr(av)))
        elif op is C.RANGE:
            body.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        else:
            body.append(_CATEGORIES[av])
    return f"[{''.join(body)}]"


def with_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled with the set of its first characters, when there is one (the
    pattern as given when ``re``'s internals, read here, are not as expected)."""
    found = _parsed_and_items(pattern)
    if found is None:
        return pattern
    try:
        return _compiled(pattern, *found)
    except Exception:  # only an optimisation: never worth failing an import for
        return pattern


def _compiled(pattern: re.Pattern[str], parsed: Any, items: list[Item]) -> re.Pattern[str]:
    """What ``re.compile`` builds, with ``items`` as the information block's character set
    (``re`` writes one there only when the pattern opens with a literal or a class)."""
    flags = parsed.state.flags | pattern.flags
    least, most = parsed.getwidth()
    code: list[int] = [C.INFO, 0, C.SRE_INFO_CHARSET, min(least, K.MAXCODE), min(most, K.MAXCODE)]
    charset, _ = K._optimize_charset(items)
    K._compile_charset(charset, flags, code)
    code[1] = len(code) - 1  # the information block's length, as ``re`` writes it
    K._compile(code, parsed.data, flags)
    code.append(C.SUCCESS)
    names = parsed.state.groupdict
    index: list[str | None] = [None] * parsed.state.groups
    for name, i in names.items():
        index[i] = name
    compiled: re.Pattern[str] = _sre.compile(
        pattern.pattern, flags, code, parsed.state.groups - 1, names, tuple(index)
    )
    return compiled
