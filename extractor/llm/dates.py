"""What the code already knows about dates, told to the model with each passage.

A small model takes the year from wherever it last saw one, the worked examples
included. The rule path's period reader finds the article's year and every period
a passage names deterministically (``rules.periods``); those findings go into the
prompt as a DATES line, so the model copies them instead of guessing.
"""

from __future__ import annotations

from extractor.normalise import normalise
from extractor.normalise.article import article_text
from extractor.rules.periods import PeriodMention, find_periods
from extractor.rules.years import infer_main_year

MAX_PERIODS = 6


def article_year(article: str) -> int | None:
    """The year the article is about, as the rule path infers it."""
    low = article_text(article).norm.text.lower()
    return infer_main_year(low, find_periods(low))


def _months(first: int, last: int) -> str:
    return f"month {first}" if first == last else f"months {first}-{last}"


def _named(mention: PeriodMention) -> bool:
    return not mention.previous_year and not mention.partial and mention.start_month > 0


def date_notes(year: int | None, passage: str) -> str:
    """One line: the article's year, then each period the passage names with its months."""
    text = normalise(passage).text
    low = text.lower()
    notes = [f"the article's year is {year}" if year else "the article names no year"]
    seen: set[str] = set()
    for mention in filter(_named, find_periods(low)):
        phrase = text[mention.start : mention.end].strip()
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        of = mention.year or (year - mention.years_back if year else None)
        notes.append(
            f'"{phrase}" = {_months(mention.start_month, mention.end_month)}'
            + (f" of {of}" if of else "")
        )
        if len(seen) == MAX_PERIODS:
            break
    return "; ".join(notes)
