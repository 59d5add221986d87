"""Turn the model's reading (number as written + keys) into a product ``Fact``.

The value is computed by our parser from the number the model copied, scaled to
US dollars / tonnes / percent; the sign comes from the words around it in the
article (giảm, nhập siêu, ...). The metric follows the unit when the two disagree
(a number in tấn is a quantity, whatever the model called it).
"""

from __future__ import annotations

import re

from extractor.llm.schema import LlmFact
from extractor.numbers import Amount, Unit, detect_decimal, find_amounts
from extractor.rules.vocab import VOCAB
from extractor.types import CHANGE_METRICS, Basis, Fact, Flow, Metric, Period, Source


def _whole_words(*lists: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({w for words in lists for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


# Sign words: the rules' own (one vocabulary), and a few more that quotes use.
_DOWN = _whole_words(VOCAB.words("change.-"), VOCAB.words("llm.down"))
_DEFICIT = _whole_words(VOCAB.words("balance_sign.-"))
_BASIS_WORDS: tuple[tuple[re.Pattern[str], Basis], ...] = (
    (re.compile(r"cùng kỳ|year[- ]on[- ]year|\byoy\b", re.IGNORECASE), Basis.YOY),
    (
        re.compile(r"(?:tháng|quý|kỳ|năm) trước|previous|prior month", re.IGNORECASE),
        Basis.PREV_PERIOD,
    ),
    (re.compile(r"kế hoạch|mục tiêu|target|plan", re.IGNORECASE), Basis.PLAN),
)
_METRIC_FOR_UNIT: dict[Unit, tuple[set[Metric], Metric]] = {
    Unit.TONNE: ({Metric.QUANTITY}, Metric.QUANTITY),
    Unit.PERCENT: ({Metric.CHANGE_PCT, Metric.SHARE_PCT}, Metric.CHANGE_PCT),
    Unit.USD: ({Metric.VALUE, Metric.CHANGE_ABS}, Metric.VALUE),
}


class NotAFact(ValueError):
    """The model's reading cannot become a fact (no usable number)."""


def parse_number(number: str, decimal: str) -> Amount:
    amounts = [
        a
        for a in find_amounts(number, decimal=decimal)
        if a.unit not in (Unit.VND, Unit.USD_PER_UNIT)
    ]
    if not amounts:
        raise NotAFact(f"no trade figure in {number!r}")
    return max(amounts, key=lambda a: a.end - a.start)


def _metric(metric: Metric, unit: Unit) -> Metric:
    allowed, default = _METRIC_FOR_UNIT.get(unit, ({metric}, metric))
    return metric if metric in allowed else default


def _signed(value: float, metric: Metric, flow: Flow, near: str) -> float:
    if metric in CHANGE_METRICS and _DOWN.search(near):
        return -abs(value)
    if metric is Metric.VALUE and flow is Flow.BALANCE and _DEFICIT.search(near):
        return -abs(value)
    return value


def _basis(given: Basis | None, metric: Metric, near: str) -> Basis | None:
    if metric not in CHANGE_METRICS:
        return None
    if given is not None:
        return given
    for pattern, basis in _BASIS_WORDS:
        if pattern.search(near):
            return basis
    return Basis.YOY


def to_fact(reading: LlmFact, article: str, *, near: str | None = None) -> Fact:
    """A ``Fact`` (source llm, not yet grounded); ``near`` is the text around the quote."""
    amount = parse_number(reading.number, detect_decimal(article))
    metric = _metric(reading.metric, amount.unit)
    context = near if near is not None else reading.quote
    before = _text_before_number(context, reading.number)
    value = _signed(amount.value, metric, reading.flow, before)
    return Fact(
        flow=reading.flow,
        scope=reading.scope,
        period=Period(
            year=reading.year, start_month=reading.start_month, end_month=reading.end_month
        ),
        sector=reading.sector,
        partner=reading.partner,
        item=reading.item or None,
        metric=metric,
        basis=_basis(reading.basis, metric, context),
        value=value,
        quote=reading.quote,
        qualifier=amount.qualifier,
        source=Source.LLM,
    )


def _text_before_number(context: str, number: str) -> str:
    """The words between the previous number and this one (where 'giảm' or 'nhập siêu' stand)."""
    digits = re.search(r"\d[\d.,]*", number)
    pos = context.find(digits.group()) if digits else -1
    if pos < 0:
        return context
    before = context[max(0, pos - 40) : pos]
    previous = list(re.finditer(r"\d[\d.,]*\s*(?:%|USD|tấn|đồng)?", before))
    return before[previous[-1].end() :] if previous else before
