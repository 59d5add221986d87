"""Facts from labels: the model said what a number is; the anchor says what it is worth.

Value, sign and qualifier are the anchor's, never the model's text; the evidence is the
anchor's span, so every fact is grounded by construction (and the cross-check can align
a rule fact and an LLM fact of the same number exactly). The basis is the one the chosen
comparison phrase names. An item or partner that the text shown to the model does not
mention is kept with a warning.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.llm.anchored.answer import Label
from extractor.llm.anchored.choices import basis_of
from extractor.rules import lexicon
from extractor.types import CHANGE_METRICS, Evidence, Fact, Flow, Grounding, Metric, Source

from .anchors import Anchor

MAX_QUOTE_CHARS = 160
_CLAUSE_BREAK = re.compile(r"[.;:\n]|,\s")


class NotAFact(ValueError):
    """The label says the number is no trade fact, or it cannot be made one."""


def _sign(anchor: Anchor, flow: Flow, metric: Metric) -> int:
    if metric in CHANGE_METRICS:
        return anchor.change_sign
    if flow is Flow.BALANCE and metric is Metric.VALUE:
        return anchor.balance_sign
    return 1


def quote_of(text: str, anchor: Anchor) -> str:
    """The clause that states the number: from the last break before it to its end."""
    a = anchor.amount
    floor = max(anchor.window[0], a.start - MAX_QUOTE_CHARS)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, a.start)]
    start = breaks[-1] if breaks else floor
    return " ".join(text[start : a.end].split())


def fact_from(label: Label, anchor: Anchor, text: str) -> Fact:
    """The fact an anchor's label makes; raises NotAFact for ``{"f": "0"}``."""
    if label.flow is None or label.metric is None:
        raise NotAFact(f"[{anchor.id}] {anchor.amount.text}: not a trade fact")
    if label.period is None:
        raise NotAFact(f"[{anchor.id}] {anchor.amount.text}: the article names no period")
    a = anchor.amount
    if text[a.start : a.end] != a.text:
        raise NotAFact(f"[{anchor.id}] {a.text}: not at its offsets")  # cannot happen
    basis = basis_of(label.comparison, label.period) if label.metric in CHANGE_METRICS else None
    return Fact(
        flow=label.flow,
        scope=label.scope,
        period=label.period,
        sector=label.sector,
        partner=label.partner,
        item=label.item,
        metric=label.metric,
        basis=basis,
        value=a.value * _sign(anchor, label.flow, label.metric),
        quote=quote_of(text, anchor),
        qualifier=a.qualifier,
        evidence=Evidence(quote=a.text, start=a.start, end=a.end),
        source=Source.LLM,
        grounding=Grounding.GROUNDED,
    )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def unmentioned(fact: Fact, shown: str) -> list[str]:
    """The fact's item or partner when the text the model read does not mention it."""
    low = _fold(shown)
    out = []
    if fact.item and _fold(fact.item) not in low:
        out.append(f"item {fact.item!r}")
    if fact.partner:
        names = [n for n, code in lexicon.PARTNERS.items() if code == fact.partner]
        if not any(n in low for n in names):
            out.append(f"partner {fact.partner!r}")
    return out
