"""Period expressions as named rules: a pattern and a production.

A production turns a match into a ``PeriodMention`` (year may be unknown; the
resolver fills it from the article). Patterns run on lower-cased NFC text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extractor.records import frozen_record
from extractor.rules import period_values as pv
from extractor.rules.period_values import (
    EN_MONTHS,
    EN_SHORT_MONTHS,
    VI_NUMBERS,
    Production,
    year_of,
)
from extractor.rules.scan import Disjoint, finditer_at, finditer_present, occurrences
from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("periods")
# Literals where matches of the patterns below begin (``scan.finditer_at``).
_MONTH_WORD = VOCAB.words("period_start.month_word")
_SAME_PERIOD_OF_YEAR_STARTS = VOCAB.words("period_start.same_period_of_year")
_SAME_PERIOD_LAST_YEAR_STARTS = VOCAB.words("period_start.same_period_last_year")


# A month's word after "tháng", longest first ("mười một" before "mười").
VI_MONTH_WORD = _P.vi_month_word.pattern


@frozen_record
class PeriodMention:
    start: int
    end: int
    year: int | None
    start_month: int
    end_month: int
    rule: str
    previous_year: bool = False  # "cùng kỳ năm trước xuất siêu ..." (same span, a year earlier)
    aside: bool = False  # "Riêng tháng 8", "In June alone": only for its own sentence
    # part of a month ("kỳ 2 tháng 8", "nửa đầu tháng 3", "đến hết ngày 15/8"): the fact
    # format cannot hold it, so figures of that period are not reported
    partial: bool = False
    # "last year": the year before the article's, set once that year is known
    years_back: int = 0


Starts = Callable[[str], list[int]]


@dataclass(frozen=True)
class PeriodRule:
    name: str
    pattern: re.Pattern[str]
    production: Production
    # Where a match can start, when that is cheap to know: the pattern is then tried only
    # there (``scan.finditer_at``), which finds exactly what ``finditer`` finds.
    starts: Starts | None = None

    def finditer(self, low: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            return finditer_present(self.pattern, low)
        return finditer_at(self.pattern, low, self.starts(low))


def _starting_with(*lists: str) -> Starts:
    """Matches begin with an entry of one of the vocabulary's ``lists``."""
    literals = tuple(w for name in lists for w in VOCAB.words(name))
    return lambda low: occurrences(low, literals)


_N_LENGTHS = sorted({1, 2, *(len(w) for w in VI_NUMBERS)})


def _number_before_month(low: str) -> list[int]:
    """Starts of "<n> tháng": a number of 1-2 digits or a word of ``VI_NUMBERS`` ending
    where the spaces before a "tháng" begin."""
    starts: set[int] = set()
    for q in occurrences(low, _MONTH_WORD):
        j = q
        while j > 0 and low[j - 1].isspace():  # str.isspace is what ``\s`` matches
            j -= 1
        if j < q:
            starts.update(j - n for n in _N_LENGTHS if j - n >= 0)
    return sorted(starts)


# A range of years ("giai đoạn 2013-2017", "the 2017-2018 crop"): of no one fact's period, but
# evidence of the article's year by its last (``years``)
YEAR_RANGE_RULE = "a range of years"

RULES: tuple[PeriodRule, ...] = (
    PeriodRule(
        "part of a month",
        _P.part_of_a_month,
        pv.month,
        _starting_with("period_start.part_of_a_month"),
    ),
    PeriodRule(
        "half month",
        _P.half_month,
        pv.month,
    ),
    PeriodRule(
        "the days of one month",
        _P.days_of_a_month,
        pv.month,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "to date (day)",
        _P.to_date_day,
        pv.cumulative,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "range of months",
        _P.month_range,
        pv.month_range,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "span of months",
        _P.month_span,
        pv.month_range,
        _starting_with("period_start.month_word"),
    ),
    PeriodRule(
        "to date (month)",
        _P.to_date_month,
        pv.cumulative,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "to date (month in words)",
        _P.to_date_month_in_words,
        pv.to_month_word,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "to date (quarter)",
        _P.to_date_quarter,
        pv.quarters_to_date,
        _starting_with("period_start.to_date_quarter"),
    ),
    PeriodRule(
        "quarter",
        _P.quarter,
        pv.quarter,
    ),
    PeriodRule(
        "first months of the year",
        _P.first_months_of_the_year,
        lambda m: pv.cumulative_number(m),
        _number_before_month,
    ),
    PeriodRule(
        "first quarter in words",
        _P.first_quarter_in_words,
        pv.quarters_in_words,
    ),
    PeriodRule(
        "first month of the year",
        _P.first_month_of_the_year,
        pv.fixed(1, 1),
        _starting_with("period_start.month_word"),
    ),
    PeriodRule(
        "last months of the year",
        _P.last_months_of_the_year,
        pv.last_months,
        _number_before_month,
    ),
    PeriodRule(
        "last month of the year",
        _P.last_month_of_the_year,
        pv.fixed(12, 12),
        _starting_with("period_start.month_word"),
    ),
    PeriodRule("half year", _P.half_year, pv.fixed(1, 6)),
    PeriodRule("second half", _P.second_half, pv.fixed(7, 12)),
    PeriodRule("month", _P.month, pv.month),
    PeriodRule("month abbreviated ('T1/2014')", _P.month_abbreviated, pv.month),
    PeriodRule(
        "month in words",
        _P.month_in_words,
        pv.month_word,
    ),
    PeriodRule(
        "year",
        _P.year,
        pv.whole_year,
        _starting_with("period_start.year"),
    ),
    PeriodRule(
        "the whole year in force",
        _P.this_whole_year,
        lambda m: (None, 1, 12),
        _starting_with("period_start.year", "period_start.year_en"),
    ),
    PeriodRule(
        "the first month (en)",
        _P.first_month_en,
        lambda m: (year_of(m, "y1"), 1, 1),
        _starting_with("period_start.first_quarter_en"),
    ),
    PeriodRule(
        "first quarters (en)",
        _P.first_quarters_en,
        pv.quarters_in_words,
        _starting_with("period_start.first_quarters_en"),
    ),
    PeriodRule(
        "first months (en)",
        _P.first_months_en,
        pv.cumulative,
        _starting_with("period_start.first_months_en"),
    ),
    PeriodRule(
        "first quarter (en)",
        _P.first_quarter_en,
        pv.fixed(1, 3),
        _starting_with("period_start.first_quarter_en"),
    ),
    PeriodRule(
        "half month (en)",
        _P.half_month_en,
        lambda m: (year_of(m, "y1"), EN_MONTHS[m.group("m")], EN_MONTHS[m.group("m")]),
    ),
    PeriodRule(
        "first half (en)",
        _P.first_half_en,
        pv.fixed(1, 6),
    ),
    PeriodRule(
        "month range (en)",
        _P.month_range_en,
        pv.en_month_range,
        _starting_with("month.en", "period_start.month_range_en"),
    ),
    PeriodRule(
        "to date (day, en)",
        _P.to_date_day_en,
        lambda m: (year_of(m, "y1"), 1, EN_MONTHS[m.group("m")]),
        _starting_with("period_start.to_date_day_en"),
    ),
    PeriodRule(
        "to date (month, en)",
        _P.to_date_month_en,
        lambda m: (year_of(m, "y1"), 1, EN_MONTHS[m.group("m")]),
        _starting_with("period_start.to_date_month_en"),
    ),
    PeriodRule(
        YEAR_RANGE_RULE,
        _P.year_range,
        pv.whole_year,
        _starting_with("period_start.year_range"),
    ),
    PeriodRule(
        "days of a month (en)",
        _P.day_range_en,
        lambda m: (year_of(m, "y1"), EN_MONTHS[m.group("m")], EN_MONTHS[m.group("m")]),
        _starting_with("month.en", "period_start.month_range_en"),
    ),
    PeriodRule(
        "range of months, abbreviated (en)",
        _P.month_range_en_short,
        lambda m: (year_of(m, "y1"), EN_SHORT_MONTHS[m.group("a")], EN_SHORT_MONTHS[m.group("b")]),
        _starting_with("month.en_short"),
    ),
    PeriodRule(
        "quarter (en)",
        _P.quarter_en,
        pv.quarter,
        _starting_with("period_start.quarter_en"),
    ),
    PeriodRule(
        "quarter in words (en)",
        _P.quarter_in_words_en,
        pv.quarter,
        _starting_with("period_start.quarter_in_words_en"),
    ),
    PeriodRule(
        "month last year (en)",
        _P.month_last_year_en,
        lambda m: (None, EN_MONTHS[m.group("m")], EN_MONTHS[m.group("m")]),
        _starting_with("period_start.month_en"),
    ),
    PeriodRule(
        "year (en)",
        _P.year_en,
        pv.whole_year,
        _starting_with("period_start.year_en"),
    ),
    PeriodRule(
        "last year (en)",
        _P.last_year_en,
        pv.last_year,
        _starting_with("period_start.last_year_en"),
    ),
    PeriodRule(
        "last year (vi)",
        _P.last_year_vi,
        pv.fixed(1, 12),
        _starting_with("period_start.last_year_vi"),
    ),
    PeriodRule(
        "month (en)",
        _P.month_en,
        pv.en_month,
        _starting_with("period_start.month_en", "month.en"),
    ),
)

_PARTIAL_RULES = frozenset(
    {"part of a month", "half month", "half month (en)", "days of a month (en)", YEAR_RANGE_RULE}
)
_YEARS_BACK = {"last year (en)": 1, "last year (vi)": 1, "month last year (en)": 1}
_MONTH_END = 28  # "đến hết ngày 31/8" closes August; "đến hết ngày 15/8" does not


def _mention(
    low: str, m: re.Match[str], rule: str, year: int | None, first: int, last: int
) -> PeriodMention:
    start, end = m.span()
    aside = (
        bool(_P.aside_before.search(low[max(0, start - 16) : start]))
        or bool(_P.aside_after.match(low, end))
        or bool(m.groupdict().get("m2"))  # "March imports were ...": that sentence only
    )
    day = m.groupdict().get("d")
    partial = rule in _PARTIAL_RULES or (day is not None and int(day) < _MONTH_END)
    partial = partial or bool(m.groupdict().get("mid"))  # "from January to mid-August"
    back = _YEARS_BACK.get(rule, 0) or int(
        year is None and low.endswith("năm", 0, end) and bool(_P.last_year_after.match(low, end))
    )  # "hai tháng đầu năm ngoái": the months of the year before
    return PeriodMention(
        start, end, year, first, last, rule, aside=aside, partial=partial, years_back=back
    )


def find_periods(low: str) -> list[PeriodMention]:
    """Every period expression of the text (not those that name a comparison basis)."""
    found: list[PeriodMention] = []
    taken = Disjoint()
    for m in finditer_at(
        _P.same_period_of_year, low, occurrences(low, _SAME_PERIOD_OF_YEAR_STARTS)
    ):
        named = int(m.group("y") or m.group("y2"))
        found.append(PeriodMention(m.start(), m.end(), named, 0, 0, "same period of a year", True))
        taken.add(*m.span())
    for rule in RULES:
        for m in rule.finditer(low):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            if _P.comparison_before.search(low[max(0, start - 50) : start]):
                taken.add(start, end)
                continue
            produced = rule.production(m)
            if produced is None:
                continue
            year, first, last = produced
            if first > last:
                continue
            taken.add(start, end)
            since = _P.since_before.search(low, max(0, start - 8), start)
            if since and (
                first == last
                or (
                    "quarter" in rule.name
                    and _P.mid_clause.match(low, max(0, since.start() - 2), since.start())
                )
                or (
                    rule.name.startswith("year")
                    and (
                        _P.ever_since.search(low, max(0, start - 12), start)
                        or _P.mid_clause.match(low, max(0, since.start() - 2), since.start())
                    )
                )
            ):
                # "từ tháng 9", "gom hàng từ quý II", "kể từ năm 2022", "xu hướng sụt giảm từ
                continue  # năm 2018": when it began
            found.append(_mention(low, m, rule.name, year, first, last))
    # Every match begins with "cùng" or "năm" (the "^" and lookbehinds are zero-width).
    for m in finditer_at(
        _P.same_period_last_year, low, occurrences(low, _SAME_PERIOD_LAST_YEAR_STARTS)
    ):
        if not taken.overlaps(m.start(), m.end()):
            found.append(PeriodMention(m.start(), m.end(), None, 0, 0, "same period", True))
    return sorted(found, key=lambda p: p.start)


WHOLE_YEAR_RULES = frozenset({"year", "year (en)"})
