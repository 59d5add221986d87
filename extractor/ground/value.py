"""Is the fact's value actually written in the evidence? Parsed, scaled, then compared.

Changes and balances are compared without their sign: the text writes "giảm
6,6%" or "nhập siêu 1,45 tỷ USD", and the sign comes from the verb, not the digits.
"""

from __future__ import annotations

from extractor.normalise.article import article_text
from extractor.numbers import Unit, detect_decimal, find_amounts, same_value
from extractor.types import CHANGE_METRICS, Fact, Flow, Metric

UNITS_FOR_METRIC: dict[Metric, frozenset[Unit]] = {
    Metric.VALUE: frozenset({Unit.USD, Unit.NONE}),
    Metric.CHANGE_ABS: frozenset({Unit.USD, Unit.NONE}),
    Metric.QUANTITY: frozenset({Unit.TONNE, Unit.NONE}),
    Metric.CHANGE_PCT: frozenset({Unit.PERCENT, Unit.NONE}),
    Metric.SHARE_PCT: frozenset({Unit.PERCENT, Unit.NONE}),
}


def sign_insensitive(fact: Fact) -> bool:
    return fact.metric in CHANGE_METRICS or fact.flow is Flow.BALANCE


def value_stated(fact: Fact, evidence: str, *, article: str | None = None) -> bool:
    """True when a number in ``evidence``, scaled to base units, equals the fact's value."""
    decimal = article_text(article).decimal if article is not None else detect_decimal(evidence)
    want = abs(fact.value) if sign_insensitive(fact) else fact.value
    for amount in find_amounts(evidence, decimal=decimal):
        if amount.unit not in UNITS_FOR_METRIC[fact.metric]:
            continue
        if same_value(amount.value, want):
            return True
    return False
