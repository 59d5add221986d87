"""Figures in check arithmetic read as a person writes them."""

from __future__ import annotations

import pytest

from extractor.crosscheck.fmt import figure
from extractor.types import Metric


@pytest.mark.parametrize(
    ("value", "metric", "text"),
    [
        (219.83e9, Metric.VALUE, "219.83 bn USD"),
        (-4.71e9, Metric.VALUE, "-4.71 bn USD"),
        (893e6, Metric.VALUE, "893 M USD"),
        (548_000, Metric.QUANTITY, "548 k t"),
        (26.5114, Metric.SHARE_PCT, "26.5114%"),
        (-3.2, Metric.CHANGE_PCT, "-3.2%"),
        (0.0, Metric.VALUE, "0 USD"),
    ],
)
def test_figures(value: float, metric: Metric, text: str) -> None:
    assert figure(value, metric) == text
