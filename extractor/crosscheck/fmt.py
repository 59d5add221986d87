"""Figures written for people: "219.83 bn USD", "26.5%", "548,000 t"."""

from __future__ import annotations

from extractor.types import Metric

_SCALES: tuple[tuple[float, str], ...] = ((1e9, "bn"), (1e6, "M"), (1e3, "k"))
_UNITS: dict[Metric, str] = {
    Metric.VALUE: "USD",
    Metric.CHANGE_ABS: "USD",
    Metric.QUANTITY: "t",
    Metric.CHANGE_PCT: "%",
    Metric.SHARE_PCT: "%",
}


def number(value: float) -> str:
    """Up to four significant decimals, no trailing zeros."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def scaled(value: float) -> str:
    """A money or tonnage amount with its scale word: 219830000000 → "219.83 bn"."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{number(value / scale)} {word}"
    return number(value)


def figure(value: float, metric: Metric) -> str:
    unit = _UNITS[metric]
    if unit == "%":
        return f"{number(value)}%"
    return f"{scaled(value)} {unit}"
