"""Why the rules read each number as they did: the rule and the words behind every key.

``explain_article`` reads an article with the slot rules and returns, for every
number, its value and either the fact with the decision of each slot (the rule's
name and the words it fired on, as written in the article) or the rule that made it
no fact. ``extractor explain`` prints it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from extractor.rules.document import Anchor
from extractor.rules.engine import Decision
from extractor.rules.extract import Reading, read_article
from extractor.types import Article, Fact

SLOTS = ("metric", "flow", "scope", "period", "sector", "partner", "item", "basis", "sign")


class SlotWhy(BaseModel):
    """One key of one number: its value, the rule that decided it, the words it fired on."""

    slot: str
    value: str
    rule: str
    words: str | None = None


class NumberWhy(BaseModel):
    """One number of the article (offsets in the original text), as the rules read it."""

    number: str
    start: int
    end: int
    fact: Fact | None = None
    fact_index: int | None = None  # 1-based, in the order of the article's facts
    slots: list[SlotWhy] = []
    not_fact: str | None = None  # the rule that made it no fact


def _shown(value: Any) -> str:
    if (
        isinstance(value, tuple)
        and len(value) == 3
        and all(isinstance(v, int | None) for v in value)
    ):
        year, first, last = value
        return f"{year} months {first}-{last}" if first != last else f"{year} month {first}"
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value)
    return "null" if value is None else str(value)


def _original(reading: Reading, article: Article, span: tuple[int, int]) -> tuple[int, int]:
    assert reading.norm is not None
    return reading.norm.to_original(*span)


def _slot(reading: Reading, article: Article, slot: str, d: Decision[Any]) -> SlotWhy:
    words = None
    if d.span is not None and d.span[1] > d.span[0]:  # (an empty span names no words)
        o0, o1 = _original(reading, article, d.span)
        words = article.text[o0:o1]
    return SlotWhy(slot=slot, value=_shown(d.value), rule=d.rule, words=words)


def _number(reading: Reading, article: Article, anchor: Anchor) -> NumberWhy:
    a = anchor.amount
    o0, o1 = _original(reading, article, (a.start, a.end))
    return NumberWhy(number=article.text[o0:o1], start=o0, end=o1)


def explain_article(article: Article) -> list[NumberWhy]:
    """Every number of ``article`` in text order: its fact and why, or why it is none."""
    reading = read_article(article)
    if reading.doc is None:
        return []
    out: list[NumberWhy] = []
    for i, (fact, r) in enumerate(reading.facts, start=1):
        why = _number(reading, article, r.anchor)
        why.fact, why.fact_index = fact, i
        why.slots = [_slot(reading, article, s, r.trace[s]) for s in SLOTS if s in r.trace]
        out.append(why)
    for anchor, decision in reading.not_facts:
        why = _number(reading, article, anchor)
        why.not_fact = decision.rule
        if decision.span is not None:
            why.slots = [_slot(reading, article, "not a fact", decision)]
        out.append(why)
    return sorted(out, key=lambda w: (w.start, w.fact_index or 0))


def at_offset(numbers: list[NumberWhy], offset: int) -> list[NumberWhy]:
    """The numbers written at ``offset`` (else the nearest one): a table cell or a repeated
    fact can give more than one reading of one number."""
    if not numbers:
        return []
    here = [n for n in numbers if n.start <= offset < max(n.end, n.start + 1)]
    if here:
        return here
    nearest = min(numbers, key=lambda n: min(abs(n.start - offset), abs(n.end - offset)))
    return [n for n in numbers if n.start == nearest.start]
