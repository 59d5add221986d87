"""The rule path's reading of each anchor, offered to a capable reader among its options.

The options of an anchor come from the words around it, which suits a small model that
reads one number at a time. A model that reads the whole article would often pick a
subject named far from the number (the headline's product, the lead's period, the market
of the paragraph) if it were offered, and measured with a careful reader answering the
whole-article requests of real pages, a third of the gold facts had a partner, item or
period that no option held. The rule path has already read those: its partner, item and
period for the number join the options (after the ones found around it), and the model
still chooses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extractor.rules import extract_by_rules
from extractor.types import Article, Fact, Period

# whether an endpoint's requests carry the rule path's reading: a capable hosted model
# reads the whole article; the bundled small model reads one number at a time and keeps
# the options of its window (and the cassettes recorded with them)
OFFERS_RULE_READING: Mapping[str, bool] = {
    "llama_cpp": False,
    "openai": True,
    "compatible": True,
}


@dataclass(frozen=True)
class Hint:
    """What the rule path gave one number: each key a fact of it had."""

    partners: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()


def rule_hints(article: Article) -> dict[int, Hint]:
    """The rule facts of the article by where the number they are about ends (a rule
    fact's evidence is the clause that ends with its number)."""
    by_end: dict[int, list[Fact]] = {}
    for fact in extract_by_rules(article).facts:
        if fact.evidence is not None:
            by_end.setdefault(fact.evidence.end, []).append(fact)
    return {end: _hint(facts) for end, facts in by_end.items()}


def _hint(facts: Sequence[Fact]) -> Hint:
    def once(values: list) -> tuple:
        return tuple(dict.fromkeys(v for v in values if v is not None))

    return Hint(
        partners=once([f.partner for f in facts]),
        items=once([f.item for f in facts]),
        periods=once([f.period for f in facts]),
    )


def period_words(period: Period) -> str:
    """How an offered period reads: "months 1-5 of 2017", "month 8 of 2023", "year 2017"."""
    year = f"{period.year}" if period.year is not None else "the article's year"
    if (period.start_month, period.end_month) == (1, 12):
        return f"year {year}"
    if period.start_month == period.end_month:
        return f"month {period.start_month} of {year}"
    return f"months {period.start_month}-{period.end_month} of {year}"
