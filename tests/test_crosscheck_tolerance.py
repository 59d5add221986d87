"""Tolerances reflect how a figure was written: its last digit, and words such as "gần"."""

from __future__ import annotations

import pytest

from extractor.crosscheck.tolerance import inferred_step, tolerance
from extractor.numbers import find_amounts
from extractor.types import Fact


def fact(value: float, metric: str = "value", qualifier: str | None = None) -> Fact:
    period = {"year": 2025, "start_month": 1, "end_month": 6}
    return Fact(flow="export", metric=metric, value=value, period=period, qualifier=qualifier)


@pytest.mark.parametrize(
    ("written", "value", "metric", "expected"),
    [
        ("219,83 tỷ USD", 219.83e9, "value", 0.005e9),  # two decimals of a milliard
        ("212,2 tỷ USD", 212.2e9, "value", 0.05e9),
        ("62,0 tỷ USD", 62e9, "value", 0.05e9),  # the written zero counts
        ("26,5%", 26.5, "share_pct", 0.05),  # one-decimal percentages
        ("893 triệu USD", 893e6, "value", 0.5e6),
        ("548.000 tấn", 548_000, "quantity", 500),  # rounded to the thousand
        ("gần 70 tỷ USD", 70e9, "value", 1e9),  # approximate: a whole step
        ("gần 230,7 tỷ USD", 230.7e9, "value", 2.307e9),  # ... or 1 % when larger
        ("hơn 26%", 26, "share_pct", 1),
    ],
)
def test_tolerance_from_the_written_figure(
    written: str, value: float, metric: str, expected: float
) -> None:
    [amount] = find_amounts(written)
    assert tolerance(fact(value, metric), amount) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "step"),
    [(219.83e9, 1e7), (7.63e9, 1e7), (26.5, 0.1), (14.4, 0.1), (1.9e9, 1e8), (0.0, 0.01)],
)
def test_without_evidence_the_step_is_inferred_from_the_value(value: float, step: float) -> None:
    assert inferred_step(value) == pytest.approx(step)


def test_a_qualifier_on_the_fact_widens_the_tolerance() -> None:
    assert tolerance(fact(69e9, qualifier="gần")) == pytest.approx(1e9)
    assert tolerance(fact(69e9, qualifier="ước đạt")) == pytest.approx(0.5e9)  # an estimate, stated
