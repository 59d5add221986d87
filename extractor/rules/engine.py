"""Slot rules: ordered tables of named rules, applied first-match, with a trace.

Each key a number gets (metric, flow, period, sector, partner, item, basis, and
whether it is a fact at all) is decided by a table of ``Rule``s in a module of
``extractor/rules/slots/``. A rule reads one question (the document view, the number,
the context carried from earlier numbers and the slots decided before) and either
passes (``None``) or gives a hit: the value and the span of the words it fired on.
The first rule that hits wins, so the order of a table is part of the rules, and the
``Decision`` keeps the rule's name for ``extractor explain``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Generic, NamedTuple, TypeVar

_V = TypeVar("_V")
Span = tuple[int, int]


class Decision(NamedTuple, Generic[_V]):
    """What one rule decided for one slot of one number, and on which words."""

    value: _V
    rule: str
    span: Span | None = None  # offsets in the normalised text


Production = Callable[[Any], tuple[Any, Span | None] | None]


class Rule(NamedTuple):
    """A named rule: ``when`` gives ``(value, span)`` where the rule applies, else None.

    ``units`` says which numbers it is about (None: any): ``when`` gives nothing for a
    number in another unit, and the engine asks ``body``, the rule's own function, only of
    numbers in these units. ``needs`` says where it can apply at all: only in a text where
    one of these patterns can match (none listed: any text); it restates what the rule
    checks itself, and leaving it out changes nothing but the time taken."""

    name: str
    when: Production
    units: frozenset[Any] | None = None
    needs: tuple[re.Pattern[str], ...] = ()
    body: Production | None = None  # ``when`` without the unit check (None: ``when``)


def rule(
    name: str, *, units: Iterable[Any] | None = None, needs: tuple[re.Pattern[str], ...] = ()
) -> Callable[[Production], Rule]:
    """``@rule("name")`` makes a function of the question into a named Rule; with
    ``units``, one that is about numbers in those units only."""

    def wrap(fn: Production) -> Rule:
        if units is None:
            return Rule(name, fn, None, needs)
        about = frozenset(units)

        def when(ask: Any) -> tuple[Any, Span | None] | None:
            return fn(ask) if ask.anchor.amount.unit in about else None

        return Rule(name, when, about, needs, fn)

    return wrap


Asked = tuple[tuple[str, Production], ...]


def asked(table: Iterable[Rule]) -> Asked:
    """A table as ``first`` asks it, of numbers in the units of all its rules (the engine's
    ``_in_unit``): each rule's name and own function, in plain tuples (a loop that unpacks
    a ``Rule``, a tuple subclass, of five takes twice as long per rule)."""
    return tuple((r.name, r.body or r.when) for r in table)


def first(table: Asked, ask: Any) -> Decision[Any] | None:
    """The decision of the first rule of ``table`` (``asked``) that applies to ``ask``."""
    for name, when in table:
        hit = when(ask)
        if hit is not None:
            return _new(Decision, (hit[0], name, hit[1]))
    return None


# ``Decision(a, b, c)`` goes through a Python-level ``__new__``; the engine builds one per
# slot of every number, so it builds the tuple directly (the same object).
_new = tuple.__new__


def new_decision(value: Any, rule: str, span: Span | None) -> Decision[Any]:
    """``Decision(value, rule, span)`` without the Python-level constructor."""
    decision: Decision[Any] = _new(Decision, (value, rule, span))
    return decision
