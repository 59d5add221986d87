"""The rule path's reading of each anchor, offered to a capable reader among its options.

The options of an anchor come from the words around it, which suits a small model that
reads one number at a time. A model that reads the whole article would often pick a
subject named far from the number (the headline's product, the lead's period, the market
of the paragraph) if it were offered, and measured with a careful reader answering the
whole-article requests of real pages, a third of the gold facts had a partner, item or
period that no option held. The rule path has already read those: its partner, item and
period for the number join the options (after the ones found around it), and the model
still chooses. So do the partners, items and periods of the article's subject (its
headline and first paragraph), which a report may never name again beside its figures,
and then the other periods, items and partners the article names: a stored page may have
lost its lead, and the period of its figures is then named only further down ("Trong 5
tháng đầu năm nay, nhập khẩu ... đều tăng" after the markets' figures), or once, at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extractor.rules import extract_by_rules
from extractor.rules.document import Document
from extractor.rules.periods import PeriodMention
from extractor.types import Article, Fact, Period, plausible_year

SUBJECT_CHARS = 1000  # at most this much of the headline and lead is the article's subject
ARTICLE_PERIODS = 8  # at most this many of the article's periods join the options
ARTICLE_ITEMS = 8  # and of its items
ARTICLE_PARTNERS = 8  # and of its partners

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
    """Options beyond a number's window: the keys of the rule facts of the number, or the
    partners, items and periods of the article's subject."""

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


def _once(values: list) -> tuple:
    return tuple(dict.fromkeys(v for v in values if v is not None))


def _hint(facts: Sequence[Fact]) -> Hint:
    return Hint(
        partners=_once([f.partner for f in facts]),
        items=_once([f.item for f in facts]),
        periods=_once([f.period for f in facts]),
    )


def subject_hint(scan: Document, year: int | None) -> Hint:
    """The partners, items and periods named in the headline and the first paragraph (one
    that names no year in ``year``)."""
    paragraphs = scan.regions.paragraphs
    lead_end = paragraphs[1][1] if len(paragraphs) > 1 else len(scan.text)
    end = min(lead_end, SUBJECT_CHARS)
    return Hint(
        partners=_once([c.value for c in scan.partners if c.start < end]),
        items=_once([m.item for m in scan.items if m.start < end]),
        periods=_once(_periods(scan, 0, end, year)),
    )


def article_hint(scan: Document, year: int | None) -> Hint:
    """The periods, items and partners the whole article names, in text order (the first
    few of each): "nền kinh tế lớn nhất Đông Nam Á" in a headline is the Indonesia named
    further down."""
    return Hint(
        partners=_once([c.value for c in scan.partners])[:ARTICLE_PARTNERS],
        items=_once([m.item for m in scan.items])[:ARTICLE_ITEMS],
        periods=_once(_periods(scan, 0, len(scan.text), year))[:ARTICLE_PERIODS],
    )


def _periods(scan: Document, start: int, end: int, main_year: int | None) -> list[Period]:
    """The whole periods named in ``[start, end)``, a yearless one in ``main_year``."""
    found = [offered(p, main_year) for p in scan.periods if start <= p.start < end and usable(p)]
    return [period for period in found if period is not None]


def usable(mention: PeriodMention) -> bool:
    """A period a fact may have: a whole span of months, not the year before's."""
    return not mention.partial and not mention.previous_year


def offered(mention: PeriodMention, main_year: int | None) -> Period | None:
    """A period mention as an option, in ``main_year`` when it names no year; None for a
    year no figure may have ("quan hệ ngoại giao từ năm 1955": a date)."""
    year = mention.year if mention.year is not None else main_year
    if year is not None and not plausible_year(year):
        return None
    return Period(year=year, start_month=mention.start_month, end_month=mention.end_month)


def merged(first: Hint | None, then: Hint) -> Hint:
    """Both hints' options, ``first``'s first, each once."""
    first = first or Hint()
    return Hint(
        partners=_once([*first.partners, *then.partners]),
        items=_once([*first.items, *then.items]),
        periods=_once([*first.periods, *then.periods]),
    )


def of_the_article(hint: Hint, year: int | None) -> Hint:
    """The hint with its periods in ``year`` (the inferred one) read as the article's year."""
    periods = [p.model_copy(update={"year": None}) if p.year == year else p for p in hint.periods]
    return Hint(partners=hint.partners, items=hint.items, periods=_once(periods))


def period_words(period: Period) -> str:
    """How an offered period reads: "months 1-5 of 2017", "month 8 of 2023", "year 2017"."""
    year = f"{period.year}" if period.year is not None else "the article's year"
    if (period.start_month, period.end_month) == (1, 12):
        return f"year {year}" if period.year is not None else "the whole of the article's year"
    if period.start_month == period.end_month:
        return f"month {period.start_month} of {year}"
    return f"months {period.start_month}-{period.end_month} of {year}"
