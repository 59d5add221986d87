"""The engine applies a table of named rules first-match and says which rule decided."""

from __future__ import annotations

import re

from extractor.rules.engine import Decision, Rule, asked, first, rule


@rule("even numbers")
def _even(n: int) -> tuple[str, tuple[int, int]] | None:
    return ("even", (0, 1)) if n % 2 == 0 else None


@rule("multiples of three")
def _three(n: int) -> tuple[str, None] | None:
    return ("three", None) if n % 3 == 0 else None


@rule("anything else decides nothing")
def _rest(n: int) -> tuple[None, None]:
    return (None, None)


TABLE = (_even, _three, _rest)


def test_a_rule_is_a_name_and_a_function() -> None:
    assert isinstance(_even, Rule)
    assert _even.name == "even numbers"


def test_the_first_rule_that_applies_decides_and_is_named() -> None:
    assert first(asked(TABLE), 6) == Decision("even", "even numbers", (0, 1))
    assert first(asked(TABLE), 9) == Decision("three", "multiples of three", None)


def test_a_rule_can_decide_nothing_and_still_be_the_reason() -> None:
    assert first(asked(TABLE), 7) == Decision(None, "anything else decides nothing", None)
    assert first(asked(TABLE[:2]), 7) is None  # no rule applies


def test_a_rule_says_where_it_can_apply_at_all() -> None:
    assert _even.units is None and _even.needs == ()  # anywhere, unless it says
    pattern = re.compile(r"tăng")

    @rule("a percent after 'tăng'", units=("percent",), needs=(pattern,))
    def _rise(n: int) -> None:
        return None

    assert _rise.units == frozenset({"percent"}) and _rise.needs == (pattern,)
